// Running the project's rules the way `apigee-aws lint` does: apigeelint with
// the built plugins. PO025 and PO013 (ESLint, JSHint) are left out: they are
// apigeelint's slowest rules and the project's rules do not depend on them.

import * as fs from "node:fs";
import * as path from "node:path";
import { LintMessage, runApigeelint } from "../../../src/lint/apigeelint";
import { apigeelintPluginsDir, LIBRARY_FILE } from "../../../src/lint/rules/plugin-files";
import { requireBuilt } from "../../support/built";

export function requirePlugins(): void {
  requireBuilt(`apigeelint-plugins/${LIBRARY_FILE}`);
}

export function pluginArgs(extra: string[] = []): string[] {
  return ["-x", apigeelintPluginsDir(), "-e", ["PO025", "PO013", ...extra].join(",")];
}

export const isProjectRule = (m: { ruleId: string }) => /^AA\d{3}$/.test(m.ruleId);

/** The project rules' findings on one bundle folder, through apigeelint. */
export function projectFindings(bundleDir: string, extraExcluded: string[] = []): LintMessage[] {
  return runApigeelint(bundleDir, pluginArgs(extraExcluded)).filter(isProjectRule);
}

/** Bundle folders (apiproxy/, sharedflowbundle/) at or below a folder. */
export function bundlesIn(root: string): string[] {
  const base = path.basename(root);
  if (base === "apiproxy" || base === "sharedflowbundle") return [root];
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .flatMap((e) => bundlesIn(path.join(root, e.name)))
    .sort();
}

export interface ExpectedFinding {
  ruleId: string;
  file: string;
  line: number;
}

/** Findings as expected.json lists them: file relative to `root`, sorted. */
export function asExpected(messages: LintMessage[], root: string): ExpectedFinding[] {
  return messages
    .map((m) => ({ ruleId: m.ruleId, file: path.relative(root, path.resolve(m.file)).split(path.sep).join("/"), line: m.line }))
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.ruleId.localeCompare(b.ruleId));
}

// The project's own lint rules: apigeelint external plugins (per bundle) and
// project checks that span bundles, property sets and IAM documents.
// Rule metadata: catalog.ts; the rules: detectors/ (per bundle) and
// project/ (across the lint roots); docs/lint-rules.md explains each one.

import * as path from "node:path";
import { libDir } from "../../common/paths";
import type { LintMessage } from "../apigeelint";
import { CATALOG, catalogEntry, PLUGINS_FOLDER, RuleInfo } from "./catalog";
import type { RuleFinding } from "./finding";
import { readLintRoots } from "./project/lint-roots";
import { durationBeyondRoleFindings } from "./project/duration-vs-role";
import { readRoleDocuments, roleDocumentFindings, roleUsesFromBundles, roleUsesFromProperties, sharedRoleFindings } from "./project/role-sharing";

export type { RuleInfo } from "./catalog";

export const PROJECT_RULES: RuleInfo[] = CATALOG.map(({ id, name, severity, summary, fix, docAnchor }) => ({ id, name, severity, summary, fix, docAnchor }));

/** The folder of built CommonJS plugins to pass to `apigeelint -x`. */
export function apigeelintPluginsDir(): string {
  return path.join(libDir(), PLUGINS_FOLDER);
}

function toLintMessage(f: RuleFinding): LintMessage {
  return { file: f.file, ruleId: f.ruleId, severity: f.severity ?? catalogEntry(f.ruleId).severity, message: f.message, line: f.line, column: f.column };
}

/** Checks that need more than one bundle (roles per environment and proxy, ...), over the lint roots. */
export function checkProject(roots: string[]): LintMessage[] {
  const contents = readLintRoots(roots);
  const problems: RuleFinding[] = [];
  const uses = [...roleUsesFromProperties(contents, problems), ...roleUsesFromBundles(contents)];
  const envs = [...new Set(contents.propertySets.map((p) => p.env))].sort();
  const roles = readRoleDocuments(contents.roles, problems);
  return [
    ...problems,
    ...sharedRoleFindings(uses, envs),
    ...roleDocumentFindings(roles),
    ...durationBeyondRoleFindings(contents.bundles, roles)
  ].map(toLintMessage);
}

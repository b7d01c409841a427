// Builds the project's apigeelint rules into CommonJS plugins that
// `apigeelint -x DIR` loads:
// - lib/apigeelint-plugins/_apigee-aws-rules.js: every rule with its
//   dependencies (acorn, xmldom, ...) bundled, from apigeelint-plugin.ts;
// - lib/apigeelint-plugins/EX-<id>-<name>.js: one small plugin per rule that
//   checks bundles, written from the rule list (index.ts), requiring the
//   library next to it;
// - lib/apigeelint-plugins/_apigeelint-worker.js: the child process that
//   `apigee-aws lint` runs apigeelint's linter in, from ../apigeelint-worker.ts
//   (built here so that it and the plugins it loads are always one build).
// One library rather than a copy per plugin: loading the parsers eleven
// times (in every lint worker, or every run of apigeelint's own command)
// would cost more than the rules.

import * as esbuild from "esbuild";
import * as fs from "node:fs";
import * as path from "node:path";
import { PROJECT_RULES } from "./index";
import { LIBRARY_FILE, pluginFileName, PLUGINS_FOLDER, WORKER_FILE } from "./plugin-files";
import type { LintRule } from "./rule";

// apigeelint's externalPluginFileRe is ^EX-[A-Z]{2}[0-9]{3}-.+\.(js|cjs)$; kebab-case keeps names portable too.
const RULE_ID = /^[A-Z]{2}\d{3}$/;
const RULE_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The plugin files must be ones apigeelint loads, one per rule. */
export function ruleListProblems(rules: readonly Pick<LintRule, "id" | "name">[]): string[] {
  const seen = new Set<string>();
  return rules.flatMap((r) => {
    const problems: string[] = [];
    if (!RULE_ID.test(r.id)) problems.push(`rule ID ${r.id} is not two capital letters and three digits, so apigeelint would not load ${pluginFileName(r)}`);
    if (!RULE_NAME.test(r.name)) problems.push(`rule ${r.id}'s name "${r.name}" is not kebab-case (${pluginFileName(r)})`);
    if (seen.has(r.id)) problems.push(`rule ID ${r.id} is listed twice in src/lint/rules/index.ts`);
    seen.add(r.id);
    return problems;
  });
}

/** The plugin apigeelint loads for one rule: the rule itself runs in the library. */
export function pluginSource(rule: Pick<LintRule, "id" | "name">): string {
  return [
    `// apigeelint external plugin ${rule.id} (${rule.name}), written by \`npm run build\` from src/lint/rules/index.ts.`,
    `"use strict";`,
    `const { plugin, onBundle } = require("./${LIBRARY_FILE}").apigeelintPlugin(${JSON.stringify(rule.id)});`,
    `module.exports = { plugin, onBundle };`,
    ""
  ].join("\n");
}

function esbuildProblems(e: unknown): string[] {
  const failure = e as { errors?: esbuild.Message[] };
  if (!failure.errors) throw e;
  return failure.errors.map((m) => `${m.location ? `${m.location.file}:${m.location.line}:${m.location.column}: ` : ""}${m.text}`);
}

export async function buildApigeelintPlugins(root: string, lib: string, rules: readonly LintRule[] = PROJECT_RULES): Promise<string[]> {
  const problems = ruleListProblems(rules);
  if (problems.length) return problems;
  const outDir = path.join(lib, PLUGINS_FOLDER);
  // Built next to the real folder and swapped in whole: a fresh folder (a plugin
  // left from a removed rule would still run), never seen half-written by a lint
  // run in progress.
  const staging = `${outDir}.building-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  try {
    const commonJs = { bundle: true, platform: "node", target: "node20", format: "cjs", logLevel: "silent" } as const;
    await esbuild.build({ ...commonJs, entryPoints: [path.join(root, "src/lint/rules/apigeelint-plugin.ts")], outfile: path.join(staging, LIBRARY_FILE) });
    // The worker requires apigeelint at run time, from the folder the pool passes; it bundles no npm package.
    await esbuild.build({ ...commonJs, entryPoints: [path.join(root, "src/lint/apigeelint-worker.ts")], outfile: path.join(staging, WORKER_FILE), packages: "external" });
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    return esbuildProblems(e);
  }
  for (const rule of rules.filter((r) => r.runner === "apigeelint")) fs.writeFileSync(path.join(staging, pluginFileName(rule)), pluginSource(rule));
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.renameSync(staging, outDir);
  return [];
}

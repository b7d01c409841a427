// Builds the project's apigeelint rules (src/lint/rules/) into CommonJS
// plugins that `apigeelint -x DIR` loads:
// - lib/apigeelint-plugins/_apigee-aws-rules.js: every rule with its
//   dependencies (acorn, xmldom, ...) bundled, from plugins/library.ts;
// - lib/apigeelint-plugins/EX-<id>-<name>.js: one small plugin per rule,
//   from plugins/EX-<id>-<name>.ts, requiring the library next to it.
// One library rather than a copy per plugin: apigeelint runs once per bundle,
// and loading the parsers eleven times would cost more than the rules.

import * as esbuild from "esbuild";
import * as fs from "node:fs";
import * as path from "node:path";
import { CATALOG, pluginFileName, PLUGINS_FOLDER } from "./catalog";

export const LIBRARY_FILE = "_apigee-aws-rules.js";
const PLUGIN_SOURCE = /^EX-[A-Z]{2}\d{3}-.+\.ts$/;

/** Plugin sources and the catalog must name the same rules, with the file names apigeelint accepts. */
function checkPluginSources(sourceDir: string): { entries: string[]; problems: string[] } {
  const sources = fs.existsSync(sourceDir) ? fs.readdirSync(sourceDir).filter((f) => PLUGIN_SOURCE.test(f)).sort() : [];
  const expected = CATALOG.filter((r) => r.runner === "apigeelint").map((r) => pluginFileName(r).replace(/\.js$/, ".ts"));
  const problems = [
    ...expected.filter((f) => sources.indexOf(f) < 0).map((f) => `src/lint/rules/plugins/${f} is missing: every apigeelint rule in src/lint/rules/catalog.ts needs its plugin file`),
    ...sources.filter((f) => expected.indexOf(f) < 0).map((f) => `src/lint/rules/plugins/${f} matches no apigeelint rule in src/lint/rules/catalog.ts (expected EX-<id>-<name>.ts)`)
  ];
  return { entries: sources.map((f) => path.join(sourceDir, f)), problems };
}

function esbuildProblems(e: unknown): string[] {
  const failure = e as { errors?: esbuild.Message[] };
  if (!failure.errors) throw e;
  return failure.errors.map((m) => `${m.location ? `${m.location.file}:${m.location.line}:${m.location.column}: ` : ""}${m.text}`);
}

const COMMON: esbuild.BuildOptions = { bundle: true, platform: "node", target: "node20", format: "cjs", logLevel: "silent" };

/** Entries import "./library"; in the output that is the shared library file. */
const libraryExternal: esbuild.Plugin = {
  name: "apigee-aws-rules-library",
  setup(build) {
    build.onResolve({ filter: /^\.\/library$/ }, () => ({ path: `./${LIBRARY_FILE}`, external: true }));
  }
};

export async function buildApigeelintPlugins(root: string, lib: string): Promise<string[]> {
  const sourceDir = path.join(root, "src/lint/rules/plugins");
  const { entries, problems } = checkPluginSources(sourceDir);
  if (problems.length) return problems;
  const outDir = path.join(lib, PLUGINS_FOLDER);
  // Built next to the real folder and swapped in whole: a fresh folder (a plugin
  // left from a removed rule would still run), never seen half-written by a lint
  // run in progress.
  const staging = `${outDir}.building-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  try {
    await esbuild.build({ ...COMMON, entryPoints: [path.join(sourceDir, "library.ts")], outfile: path.join(staging, LIBRARY_FILE) });
    await esbuild.build({ ...COMMON, entryPoints: entries, outdir: staging, plugins: [libraryExternal] });
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    return esbuildProblems(e);
  }
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.renameSync(staging, outDir);
  return [];
}

// `npm run build`: everything the package runs, into lib/ (not kept in git).
// - The Rhino-side programs are type-checked against ES5's library, so using a
//   built-in Rhino lacks fails here, naming the file and the construct.
// - Each src/callouts/*.ts becomes lib/callouts/<name>.js, checked for Rhino,
//   readable (not minified) and headed by a banner naming the package version
//   and the source file: what users see in Apigee's proxy editor. No date, so
//   the same sources build the same bytes.
// - The Rhino test host becomes lib/rhino-host.js; the CLI lib/cli.js.
// - The project's apigeelint rules become lib/apigeelint-plugins/*.js.

import * as esbuild from "esbuild";
import * as fs from "node:fs";
import * as path from "node:path";
import { writeFileAtomic } from "../common/atomic-write";
import { libDir, packageRoot } from "../common/paths";
import { buildApigeelintPlugins } from "../lint/rules/build-plugins";
import { buildCallout } from "./build-callout";
import { calloutBanner, calloutEntries } from "./callout-entries";
import { CalloutBuildError } from "./findings";
import { typecheckProject } from "./typecheck";

const RHINO_PROJECTS = ["src/callouts/tsconfig.json", "src/rhino/host/tsconfig.json"];

function typecheckRhinoPrograms(root: string): string[] {
  return RHINO_PROJECTS.flatMap((project) => typecheckProject(root, project));
}

async function buildRhinoScripts(root: string, lib: string): Promise<string[]> {
  const jobs = [
    ...calloutEntries(root).map((entry) => ({
      entry,
      outfile: path.join(lib, "callouts", path.basename(entry, ".ts") + ".js"),
      banner: calloutBanner(root, entry)
    })),
    { entry: path.join(root, "src/rhino/host/main.ts"), outfile: path.join(lib, "rhino-host.js") }
  ];
  const problems: string[] = [];
  for (const job of jobs) {
    try {
      const built = await buildCallout({ ...job, rootDir: root });
      writeFileAtomic(job.outfile, built.code);
    } catch (e) {
      if (!(e instanceof CalloutBuildError)) throw e;
      problems.push(e.message);
    }
  }
  return problems;
}

async function buildCli(root: string, lib: string): Promise<void> {
  await esbuild.build({
    entryPoints: [path.join(root, "src/cli/main.ts")],
    outfile: path.join(lib, "cli.js"),
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    packages: "external",
    sourcemap: "linked",
    logLevel: "warning"
  });
}

async function main(): Promise<void> {
  const root = packageRoot();
  const lib = libDir();
  const problems = [...typecheckRhinoPrograms(root), ...(await buildRhinoScripts(root, lib))];
  if (problems.length) {
    process.stderr.write(`apigee-aws build: code that Apigee's Rhino cannot run:\n${problems.join("\n")}\n`);
    process.exit(1);
  }
  const pluginProblems = await buildApigeelintPlugins(root, lib);
  if (pluginProblems.length) {
    process.stderr.write(`apigee-aws build: apigeelint plugins:\n${pluginProblems.join("\n")}\n`);
    process.exit(1);
  }
  if (fs.existsSync(path.join(root, "src/cli/main.ts"))) await buildCli(root, lib);
}

main().catch((e) => {
  process.stderr.write(`apigee-aws build failed: ${e instanceof Error ? e.stack : e}\n`);
  process.exit(1);
});

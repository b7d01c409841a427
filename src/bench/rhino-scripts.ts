// Runs a benchmark script from src/bench/rhino in the plain Rhino shell, one
// JVM per run, and reads back its "<name> <microseconds>" lines.

import { spawnSync } from "node:child_process";
import * as esbuild from "esbuild";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { packageRoot } from "../common/paths";
import { locateRhino } from "../rhino/locate";
import type { RhinoMode } from "../rhino/rhino-host";
import { buildCallout } from "../toolchain/build-callout";

const OPTIMIZATION: Record<RhinoMode, string> = { interpreted: "-1", compiled: "9" };

/**
 * `checked`: build with the callout toolchain and its Rhino checks, as shipped
 * callouts are. Unchecked builds are plain esbuild bundles, for third-party
 * code measured only for comparison (crypto-js fails the checks).
 */
export async function runRhinoBenchmark(script: string, mode: RhinoMode, scale: number, checked = true): Promise<Map<string, number>> {
  const root = packageRoot();
  const entry = path.join(root, "src/bench/rhino", `${script}.ts`);
  const outfile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "apigee-aws-bench-")), `${script}.js`);
  if (checked) {
    fs.writeFileSync(outfile, (await buildCallout({ entry, outfile, rootDir: root })).code);
  } else {
    await esbuild.build({ entryPoints: [entry], outfile, bundle: true, format: "esm", target: "es5", minify: true, logLevel: "error" });
  }
  const run = spawnSync(locateRhino(), ["-version", "0", "-opt", OPTIMIZATION[mode], outfile], {
    encoding: "utf8",
    env: { ...process.env, BENCH_SCALE: String(scale) }
  });
  if (run.status !== 0) throw new Error(`${script} failed in Rhino (${mode}):\n${run.stderr || run.stdout}`);
  const results = new Map<string, number>();
  for (const line of run.stdout.trim().split("\n")) {
    const [name, micros] = line.split(" ");
    results.set(name, Number(micros));
  }
  return results;
}

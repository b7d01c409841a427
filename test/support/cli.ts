import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { packageRoot } from "../../src/common/paths";

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs the built `apigee-aws` binary. */
export function runCli(args: string[], input?: string): CliRun {
  const run = spawnSync(process.execPath, [path.join(packageRoot(), "bin/apigee-aws.js"), ...args], { input, encoding: "utf8" });
  return { status: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

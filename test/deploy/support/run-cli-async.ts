// Runs the built CLI without blocking the test's event loop, so a stand-in
// served from the test process can answer it (test/support/cli.ts's runCli
// uses spawnSync, which would leave the stand-in unable to respond).

import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { packageRoot } from "../../../src/common/paths";
import type { CliRun } from "../../support/cli";

/** A PATH with nothing on it (no gcloud), unless a test puts something there. */
export function emptyPathDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "apigee-aws-path-"));
}

/** Runs bin/apigee-aws.js with `env` laid over a copy of process.env (undefined removes a variable). */
export function runCliAsync(args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  const merged: NodeJS.ProcessEnv = { ...process.env, APIGEE_TOKEN: undefined, PATH: emptyPathDir(), ...env };
  for (const [k, v] of Object.entries(merged)) if (v === undefined) delete merged[k];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(packageRoot(), "bin/apigee-aws.js"), ...args], { env: merged, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    child.on("error", reject);
    child.on("close", (code) => resolve({ status: code ?? -1, stdout, stderr }));
  });
}

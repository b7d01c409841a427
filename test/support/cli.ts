import { spawn, spawnSync } from "node:child_process";
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

export interface AsyncCliOptions {
  cwd?: string;
  /** Laid over a copy of process.env; undefined removes a variable. */
  env?: Record<string, string | undefined>;
}

/**
 * The same binary without blocking the test's event loop: a stand-in served
 * from the test process can answer it, and many runs can go at once.
 */
export function runCliAsync(args: string[], options: AsyncCliOptions = {}): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(packageRoot(), "bin/apigee-aws.js"), ...args], { cwd: options.cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    child.on("error", reject);
    child.on("close", (code) => resolve({ status: code ?? -1, stdout, stderr }));
  });
}

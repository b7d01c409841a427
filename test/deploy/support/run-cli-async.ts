// The deploy tests' CLI: not blocking (the management-API stand-in is served
// from the test process), and with no token or gcloud unless a test adds one.
// In-process by default; "bin" runs the real bin/apigee-aws.js, for the smoke
// test and for what Jest cannot run in-process (google-auth-library).

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCli, spawnCli, type CliRun } from "../../support/cli";

export type CliVia = "in-process" | "bin";

/** A PATH with nothing on it (no gcloud), unless a test puts something there. */
export function emptyPathDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "apigee-aws-path-"));
}

/** The CLI with no token and no gcloud unless the test gives them; `env` is laid over process.env (undefined removes a variable). */
export function runCliAsync(args: string[], env: Record<string, string | undefined> = {}, via: CliVia = "in-process"): Promise<CliRun> {
  const options = { env: { APIGEE_TOKEN: undefined, PATH: emptyPathDir(), ...env } };
  return via === "bin" ? spawnCli(args, options) : runCli(args, options);
}

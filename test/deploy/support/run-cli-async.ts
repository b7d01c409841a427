// The deploy tests' CLI: not blocking (the management-API stand-in is served
// from the test process), and with no token or gcloud unless a test adds one.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCliAsync as runCli, type CliRun } from "../../support/cli";

/** A PATH with nothing on it (no gcloud), unless a test puts something there. */
export function emptyPathDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "apigee-aws-path-"));
}

/** The CLI with no token and no gcloud unless the test gives them; `env` is laid over process.env (undefined removes a variable). */
export function runCliAsync(args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  return runCli(args, { env: { APIGEE_TOKEN: undefined, PATH: emptyPathDir(), ...env } });
}

// Running `apigee-aws deploy` against a stand-in, with the tiny poll and
// retry intervals that keep the tests fast, and a record of every output so
// a test can check the token never appeared in any of them.

import type { CliRun } from "../../support/cli";
import type { ApigeeStandIn } from "../../support/management-api";
import { runCliAsync, type CliVia } from "./run-cli-async";

export const TOKEN = "ya29.deploy-test-token-6f1e2d3c4b5a";

export const outputs: string[] = [];

export interface DeployRun extends CliRun {
  /** The stand-in's routes called during this run, in order. */
  routes: string[];
}

export async function deploy(standIn: ApigeeStandIn, dist: string, extra: string[] = [], env: Record<string, string | undefined> = {}, via: CliVia = "in-process"): Promise<DeployRun> {
  const before = standIn.log.calls.length;
  const run = await runCliAsync(
    ["deploy", "--org", "acme", "--env", "test", dist, "--api-url", standIn.url, "--poll-interval", "0.005", "--retry-delay", "1", ...extra],
    { APIGEE_TOKEN: TOKEN, ...env },
    via
  );
  outputs.push(run.stdout, run.stderr);
  return { ...run, routes: standIn.log.calls.slice(before).map((c) => c.route) };
}

/** `deploy` through the real bin/apigee-aws.js. */
export function deployThroughBin(standIn: ApigeeStandIn, dist: string, extra: string[] = [], env: Record<string, string | undefined> = {}): Promise<DeployRun> {
  return deploy(standIn, dist, extra, env, "bin");
}

/** Mutating routes only (uploads, deployments, resource-file writes). */
export function mutations(routes: string[]): string[] {
  return routes.filter((r) => /^(import|deploy|create|update)-/.test(r));
}

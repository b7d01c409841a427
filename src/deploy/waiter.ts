// Waiting for a deployment to be ready: Apigee answers the deploy call at
// once with the deployment PROGRESSING; its state turns READY when every
// runtime instance runs the revision, or ERROR with the instances' errors.

import { UserError } from "../common/user-error";
import type { ApigeeClient } from "./api-client";
import { deploymentStatus, kindLabel, type BundleKind } from "./apigee-calls";

export interface WaitOptions {
  timeoutMs: number;
  pollMs: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  progress?: (line: string) => void;
}

/** A slow deployment still says so this often, so a CI log shows the run is alive. */
const REPORT_EVERY_MS = 15_000;

interface DeploymentStatus {
  state?: string;
  errors?: { code?: number; message?: string }[];
}

export interface Deployed {
  state: "READY";
  polls: number;
  elapsedMs: number;
}

function errorLines(status: DeploymentStatus): string {
  const messages = (status.errors ?? []).map((e) => e.message).filter((m): m is string => !!m);
  return messages.length ? messages.map((m) => `  - ${m}`).join("\n") : "  (Apigee gave no error details)";
}

export async function waitUntilReady(client: ApigeeClient, org: string, env: string, kind: BundleKind, name: string, revision: string, options: WaitOptions): Promise<Deployed> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const started = now();
  const what = `${kindLabel(kind)} ${name} revision ${revision} in ${env}`;
  let last = "";
  let reportedAt = started;
  for (let polls = 1; ; polls++) {
    const { value } = await client.json<DeploymentStatus>(deploymentStatus(org, env, kind, name, revision));
    const state = value?.state ?? "RUNTIME_STATE_UNSPECIFIED";
    const elapsedMs = now() - started;
    if (state === "READY") return { state, polls, elapsedMs };
    if (state === "ERROR") throw new UserError(`the deployment of ${what} failed; Apigee reports:\n${errorLines(value ?? {})}`);
    if (elapsedMs >= options.timeoutMs) {
      throw new UserError(
        `the deployment of ${what} is still ${state} after ${Math.round(elapsedMs / 1000)} s (--timeout ${options.timeoutMs / 1000}); Apigee may still finish it. Stopped before the next steps; check it in the Apigee console, then run apigee-aws deploy again (unchanged bundles are skipped).`
      );
    }
    if (state !== last || now() - reportedAt >= REPORT_EVERY_MS) {
      options.progress?.(`  ${state} (${Math.round(elapsedMs / 1000)} s)`);
      reportedAt = now();
    }
    last = state;
    await sleep(Math.min(options.pollMs, Math.max(0, options.timeoutMs - elapsedMs)));
  }
}

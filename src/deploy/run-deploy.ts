// `apigee-aws deploy` from options to output: read dist, find the token,
// plan against Apigee's current state, then print the plan (--dry-run) or
// carry it out. Progress goes to stderr, the plan / summary / JSON to stdout,
// and every line passes through redact so the token cannot leak.

import * as path from "node:path";
import { UserError } from "../common/user-error";
import { ApigeeClient, DEFAULT_API_URL } from "./api-client";
import { applyPlan, DeployStepError } from "./apply";
import { DEFAULT_BACKOFF, type BackoffPolicy } from "./backoff";
import { readDist } from "./dist";
import { buildPlan, type Plan } from "./plan";
import { redact } from "./redact";
import { jsonReport, renderPlan, renderSummary } from "./report";
import { resolveToken, TokenSourceError, type ResolvedToken } from "./token";

export interface DeployOptions {
  org: string;
  env: string;
  dist: string;
  token?: string;
  serviceAccount?: string;
  apiUrl?: string;
  dryRun: boolean;
  json: boolean;
  timeoutMs: number;
  pollMs: number;
  backoff?: BackoffPolicy;
  environment: NodeJS.ProcessEnv;
  /** The working directory: a relative dist starts there, and messages show paths relative to it. */
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function checkName(what: string, value: string): void {
  if (!NAME.test(value)) throw new UserError(`${what} must be an Apigee ${what === "--org" ? "organization" : "environment"} name (letters, digits, "-", "_", "."), got "${value}"`);
}

export async function runDeploy(options: DeployOptions): Promise<void> {
  checkName("--org", options.org);
  checkName("--env", options.env);
  let resolved: ResolvedToken | undefined;
  let sourceFailure: TokenSourceError | undefined;
  try {
    resolved = await resolveToken({ flag: options.token, env: options.environment });
  } catch (e) {
    // A dry run is useful without a token; only a real deploy needs a credential source to work.
    if (!(e instanceof TokenSourceError && options.dryRun)) throw e;
    sourceFailure = e;
  }
  const secret = resolved?.token;
  const say = (text: string) => options.stdout(redact(text, [secret]));
  const progress = (line: string) => options.stderr(redact(`apigee-aws: ${line}\n`, [secret]));
  const distRoot = path.resolve(options.cwd, options.dist);
  const dist = readDist(distRoot, options.env, options.cwd);
  if (!resolved && !options.dryRun) {
    throw new UserError(
      "no token for the Apigee API: pass --token, set APIGEE_TOKEN, point GOOGLE_APPLICATION_CREDENTIALS at a credential file (a workload identity federation configuration in CI), or log in with gcloud. A --dry-run needs none."
    );
  }
  const client = resolved
    ? new ApigeeClient({
        baseUrl: options.apiUrl ?? DEFAULT_API_URL,
        token: resolved.token,
        backoff: options.backoff ?? DEFAULT_BACKOFF,
        onRetry: (n) => progress(`  ${n.call.label}: ${n.reason}; retrying in ${(n.delayMs / 1000).toFixed(1)} s (attempt ${n.attempt + 1})`)
      })
    : undefined;
  if (resolved) progress(`using the token from ${resolved.source}`);
  else if (sourceFailure) progress(`no token (${sourceFailure.source} failed: ${sourceFailure.detail}): the dry run shows every step without reading Apigee's current state`);
  else progress("no token (no --token, no APIGEE_TOKEN, no Application Default Credentials, no gcloud on PATH): the dry run shows every step without reading Apigee's current state");

  let plan: Plan | undefined;
  try {
    plan = await buildPlan({ dist, org: options.org, env: options.env, client, serviceAccountFlag: options.serviceAccount });
    if (options.dryRun) {
      say(options.json ? jsonReport({ plan, dryRun: true }) : renderPlan(plan, dist.source));
      return;
    }
    progress(`deploying ${plan.steps.length} steps to organization ${plan.org}, environment ${plan.env}`);
    const result = await applyPlan(plan, { client: client!, wait: { timeoutMs: options.timeoutMs, pollMs: options.pollMs }, progress });
    say(options.json ? jsonReport({ plan, dryRun: false, result }) : renderSummary(plan, result));
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    const message = redact(e.message, [secret]);
    if (options.json && plan) {
      const failure = e instanceof DeployStepError ? { failedStep: e.failedStep, done: e.done } : {};
      say(jsonReport({ plan, dryRun: options.dryRun, error: { message, ...failure } }));
    }
    throw message === e.message ? e : new UserError(message);
  }
}

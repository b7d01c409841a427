// The runtime service account a deployment runs as. Apigee refuses to deploy
// a bundle with Google authentication (<Authentication>) without one:
// "Deployment of … requires a service account identity, but one was not
// provided with the request". apigee-aws passes it to those bundles and to
// every bundle that reaches one through FlowCallouts (a proxy calling
// aws-credentials), because the proxy's FlowCallout names that account
// (aws.credentials.serviceAccount) as the identity it mints tokens for.

import { UserError } from "../common/user-error";
import type { LocalBundle } from "./dist";
import { reachableSharedFlows } from "./order";

export interface ChosenServiceAccount {
  email: string;
  /** "--service-account", or the bundles whose FlowCallout parameter named it. */
  source: string;
}

const EMAIL = /^[^@\s/]+@[^@\s/]+$/;

/** True when the bundle itself, or a shared flow in dist that it calls (directly or not), uses Google authentication. */
export function needsServiceAccount(bundle: LocalBundle, sharedFlows: LocalBundle[]): boolean {
  if (bundle.facts.googleAuthFiles.length) return true;
  const nodes = sharedFlows.map((f) => ({ name: f.name, calls: f.facts.flowCallouts }));
  const reached = reachableSharedFlows(bundle.facts.flowCallouts, nodes);
  return sharedFlows.some((f) => reached.has(f.name) && f.facts.googleAuthFiles.length > 0);
}

/** Why a bundle needs a service account, for messages. */
export function serviceAccountReason(bundle: LocalBundle, sharedFlows: LocalBundle[]): string {
  if (bundle.facts.googleAuthFiles.length) return `${bundle.facts.googleAuthFiles[0]} uses Google authentication`;
  const nodes = sharedFlows.map((f) => ({ name: f.name, calls: f.facts.flowCallouts }));
  const reached = reachableSharedFlows(bundle.facts.flowCallouts, nodes);
  const via = sharedFlows.find((f) => reached.has(f.name) && f.facts.googleAuthFiles.length);
  return `it calls shared flow ${via?.name ?? "?"}, which uses Google authentication`;
}

/**
 * --service-account when given; else the one value the bundles' FlowCallouts
 * pass as aws.credentials.serviceAccount, when they agree; undefined when
 * neither says. Disagreeing bundles are an error: one deploy uses one account.
 */
export function chooseServiceAccount(flag: string | undefined, bundles: LocalBundle[]): ChosenServiceAccount | undefined {
  if (flag !== undefined) {
    if (!EMAIL.test(flag)) throw new UserError(`--service-account must be a service account email (NAME@PROJECT.iam.gserviceaccount.com), got "${flag}"`);
    return { email: flag, source: "--service-account" };
  }
  const byValue = new Map<string, string[]>();
  for (const bundle of bundles) {
    for (const hint of bundle.facts.serviceAccountHints) byValue.set(hint, [...(byValue.get(hint) ?? []), bundle.name]);
  }
  if (byValue.size > 1) {
    const listed = [...byValue].map(([email, names]) => `${email} (${names.join(", ")})`).join("; ");
    throw new UserError(`the bundles name different runtime service accounts in their aws.credentials.serviceAccount FlowCallout parameter: ${listed}. Pass the one to deploy with as --service-account.`);
  }
  const [only] = byValue;
  if (!only) return undefined;
  const [email, names] = only;
  if (!EMAIL.test(email)) throw new UserError(`the aws.credentials.serviceAccount parameter of ${names.join(", ")} is "${email}", which is not a service account email; pass --service-account`);
  return { email, source: `the aws.credentials.serviceAccount parameter of ${names.join(", ")}` };
}

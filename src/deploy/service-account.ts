// The service account each deployment runs as (the deploy API's
// serviceAccount). A generated gateway-mode proxy mints its Google ID token
// as the account it is deployed with, and its AWS roles trust that account
// alone, so each proxy is deployed with the account the build wrote for it
// in the environment's property set (<proxy>.serviceAccount). Apigee also
// refuses to deploy any bundle with Google authentication (<Authentication>)
// without an account: "Deployment of … requires a service account identity,
// but one was not provided with the request"; such a bundle that the build
// did not name an account for (a hand-written one) takes --service-account.

import { UserError } from "../common/user-error";
import { PROPERTY_SET_NAME } from "../plan/property-set-keys";
import { isManagedAccountId, serviceAccountId } from "../plan/service-accounts";
import type { Dist, LocalBundle, LocalPropertySet } from "./dist";
import * as path from "node:path";
import { reachableSharedFlows } from "./order";

export interface DeploymentAccount {
  email: string;
  /** Where it comes from, for the plan: the property set entry, or "--service-account". */
  source: string;
}

const EMAIL = /^[^@\s/]+@[^@\s/]+$/;
const ACCOUNT_KEY = /^(.+)\.serviceAccount$/;

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

/** `<proxy>.serviceAccount` entries of the apigeeaws property set: proxy → account. */
export function propertySetAccounts(set: LocalPropertySet | undefined): Map<string, string> {
  const accounts = new Map<string, string>();
  if (!set) return accounts;
  for (const line of set.content.toString("utf8").split(/\r?\n/)) {
    if (/^\s*[#!]/.test(line) || !line.includes("=")) continue;
    const at = line.indexOf("=");
    const proxy = ACCOUNT_KEY.exec(line.slice(0, at).trim())?.[1];
    if (proxy) accounts.set(proxy, line.slice(at + 1).trim());
  }
  return accounts;
}

function checkedFlag(flag: string | undefined): string | undefined {
  if (flag !== undefined && !EMAIL.test(flag)) throw new UserError(`--service-account must be a service account email (NAME@PROJECT.iam.gserviceaccount.com), got "${flag}"`);
  return flag;
}

/**
 * Refuses an account apigee-aws named for another proxy (or environment):
 * deployed with it, this bundle could assume that proxy's roles. Accounts
 * apigee-aws names carry their proxy and environment in a hash
 * (src/plan/service-accounts.ts), so this needs nothing but the name.
 */
function checkNotAnothersAccount(bundle: string, env: string, email: string, source: string): void {
  const accountId = email.split("@")[0];
  if (!isManagedAccountId(accountId)) return;
  if (accountId === serviceAccountId(bundle, env) || accountId === serviceAccountId(null, env)) return;
  throw new UserError(
    `${source} would deploy ${bundle} in ${env} as ${email}, an account apigee-aws names for another proxy or environment: ${bundle} could then assume that one's roles. Rebuild dist from the intent (apigee-aws build) and deploy it as built. Nothing was changed.`
  );
}

/**
 * Each bundle's account, by bundle name: a proxy's from the property set;
 * --service-account for the other bundles that need one. A flag that
 * contradicts the property set is refused: the proxy's roles trust only the
 * property set's account, so the deployment could not reach AWS, and the
 * flag would undo the isolation the build set up.
 */
export function deploymentAccounts(dist: Dist, env: string, flag: string | undefined): Map<string, DeploymentAccount> {
  const given = checkedFlag(flag);
  const set = dist.propertySets.find((s) => s.name === PROPERTY_SET_NAME);
  const fromSet = propertySetAccounts(set);
  const accounts = new Map<string, DeploymentAccount>();
  for (const bundle of [...dist.sharedFlows, ...dist.proxies]) {
    const named = bundle.kind === "proxy" ? fromSet.get(bundle.name) : undefined;
    if (named !== undefined) {
      const source = `${path.join(dist.source, path.relative(dist.root, set!.file))}: ${bundle.name}.serviceAccount`;
      if (!EMAIL.test(named)) throw new UserError(`${source} is "${named}", which is not a service account email; rebuild dist with apigee-aws build`);
      if (given !== undefined && given !== named) {
        throw new UserError(
          `--service-account ${given} would deploy ${bundle.name} as another account than ${named} (${source}), the only one its AWS roles trust. Each proxy is deployed with its own account: drop --service-account. Nothing was changed.`
        );
      }
      checkNotAnothersAccount(bundle.name, env, named, source);
      accounts.set(bundle.name, { email: named, source });
    } else if (given !== undefined && needsServiceAccount(bundle, dist.sharedFlows)) {
      checkNotAnothersAccount(bundle.name, env, given, "--service-account");
      accounts.set(bundle.name, { email: given, source: "--service-account" });
    }
  }
  return accounts;
}

/** Proxies that share one account, which can then each assume the others' roles: one note per account. */
export function sharedAccountNotes(accounts: Map<string, DeploymentAccount>, proxies: LocalBundle[]): string[] {
  const byEmail = new Map<string, string[]>();
  for (const proxy of proxies) {
    const account = accounts.get(proxy.name);
    if (account) byEmail.set(account.email, [...(byEmail.get(account.email) ?? []), proxy.name]);
  }
  return [...byEmail]
    .filter(([, names]) => names.length > 1)
    .map(
      ([email, names]) =>
        `${names.join(", ")} are deployed with one account, ${email}: each of these bundles can assume every role that account may assume (the intent's identity per: shared or per: environment says so; the default, per: proxy-environment, gives each proxy its own)`
    );
}

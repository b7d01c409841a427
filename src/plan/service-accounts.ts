// The Google service accounts gateway-mode roles trust. Each proxy in each
// environment gets its own (per: proxy-environment, the default), or each
// environment one (per: environment), or every role the one the intent names
// (per: shared). apigee-aws names the accounts it manages, and the Terraform
// creates them; a name depends only on its proxy and environment, so adding a
// proxy never renames (recreates) another's account.
//
// Google's rules for an account ID ("Create service accounts"): 6 to 30
// characters, lowercase letters, digits and hyphens, starting with a letter
// and not ending with a hyphen. Ours are "aa-" + a readable part + "-" + 9
// base-32 characters (45 bits) of a SHA-256 of the exact pair, so two pairs
// whose readable parts coincide (a-b in c, a in b-c; long names cut short)
// still differ: among the 100,000 pairs of the largest intent (2,000 proxies
// × 50 environments) two share a name with probability about 1 in 7,000, and
// the planner refuses the intent if they do. Names are stable: renaming an
// account makes Terraform replace it, with a new unique ID.

import { createHash } from "node:crypto";
import type { IdentityIntent } from "../intent/model";

/** Google's default quota of service accounts per project ("IAM quotas and limits": 100, raisable on request). */
export const DEFAULT_SERVICE_ACCOUNT_QUOTA = 100;

export interface ServiceAccountPlan {
  email: string;
  /** The part before "@": what Terraform's google_service_account calls account_id. */
  accountId: string;
  project: string;
  /** Known when the intent names the account (per: shared) or the build was given the IDs (--ids); null until then. */
  uniqueId: string | null;
  /** Whether apigee-aws names it and the Terraform creates it (false for per: shared). */
  managed: boolean;
  /** "proxy in env" of every role that trusts it, in plan order. */
  trustedBy: string[];
}

const HASH_LENGTH = 9;
const READABLE_LENGTH = 30 - "aa-".length - "-".length - HASH_LENGTH;
const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
}

function shortHash(text: string): string {
  const digest = createHash("sha256").update(text, "utf8").digest();
  let bits = 0n;
  for (const byte of digest.subarray(0, 6)) bits = (bits << 8n) | BigInt(byte);
  let out = "";
  for (let i = 0; i < HASH_LENGTH; i++) out += BASE32[Number((bits >> BigInt(48 - 5 * (i + 1))) & 31n)];
  return out;
}

/** The account ID of the account for `proxy` in `env`, or for the whole environment when proxy is null. */
export function serviceAccountId(proxy: string | null, env: string): string {
  const readable = proxy === null ? `env-${slug(env)}` : `${slug(proxy)}-${slug(env)}`;
  const cut = readable.slice(0, READABLE_LENGTH).replace(/-+$/, "");
  return `aa-${cut}-${shortHash(`${proxy ?? ""}\u0000${env}`)}`;
}

/** Whether an account ID has the form apigee-aws gives the accounts it names. */
export function isManagedAccountId(accountId: string): boolean {
  return new RegExp(`^aa-[a-z0-9-]*-[a-z2-7]{${HASH_LENGTH}}$`).test(accountId) && accountId.length <= 30;
}

export function serviceAccountEmail(accountId: string, project: string): string {
  return `${accountId}@${project}.iam.gserviceaccount.com`;
}

/** The account a gateway-mode role of `proxy` in `env` trusts, before the plan collects them. */
export function accountFor(identity: IdentityIntent, proxy: string, env: string, uniqueIds: Readonly<Record<string, string>>): Omit<ServiceAccountPlan, "trustedBy"> {
  if (identity.per === "shared") {
    return { email: identity.serviceAccount, accountId: identity.serviceAccount.split("@")[0], project: projectOf(identity.serviceAccount), uniqueId: identity.uniqueId, managed: false };
  }
  const project = identity.projects[env] ?? identity.project;
  const accountId = serviceAccountId(identity.per === "environment" ? null : proxy, env);
  const email = serviceAccountEmail(accountId, project);
  return { email, accountId, project, uniqueId: uniqueIds[email] ?? null, managed: true };
}

/** "name@acme.iam.gserviceaccount.com" → "acme"; Google-managed domains have no project in the name. */
function projectOf(email: string): string {
  const m = /@([a-z0-9-]+)\.iam\.gserviceaccount\.com$/.exec(email);
  return m ? m[1] : email.split("@")[1];
}

/** What a trust policy names while the account's unique ID is not known: it matches no token, so the role trusts nobody. */
export function uniqueIdPlaceholder(email: string): string {
  return `UNIQUE-ID-OF-${email}`;
}

/** "my-project: 2, acme-prod: 1": the accounts each project holds, in plan order of first use. */
export function accountsPerProject(accounts: readonly ServiceAccountPlan[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const a of accounts) counts.set(a.project, (counts.get(a.project) ?? 0) + 1);
  return [...counts];
}

// Intent → plan: for each proxy and environment, the role (name, ARN,
// description), the identity it trusts, what it may do, and the
// property-set entries the bundle reads. The intent reader has checked every
// value the file states; what can still fail here is what only the derived
// documents show (IAM's size limits, an issuer that cannot name an OIDC
// provider, a provider's client-ID limits). Every such problem is collected
// and reported at the proxy's line, all at once, like the reader's.

import type { PolicyDocument } from "../iam/document";
import { permissionGap, permissionsPolicy, type RoleGrant } from "../iam/permissions-policy";
import { byCodeUnit, policySizeWithoutWhitespace } from "../iam/policy-json";
import { MAX_SESSION_DURATION_SECONDS, roleDescription } from "../iam/role";
import { GATEWAY_AUDIENCE, NO_PINS, trustPolicy, type ClaimPins, type TrustedIdentity } from "../iam/trust-policy";
import { federatedPrincipal, GOOGLE_PROVIDER, MAX_CLIENT_ID_LENGTH, MAX_CLIENT_IDS, providerName, providerNameProblem, type OidcProvider } from "../iam/web-identity";
import { accountsOf, awsOf, forEnvironment, regionsDiffer, roleArn, s3BucketFor, s3PrefixFor, type Intent, type ProxyIntent } from "../intent/model";
import { formatPath, IntentError, ProblemList, type IntentProblem } from "../intent/problems";
import { accountFor, DEFAULT_SERVICE_ACCOUNT_QUOTA, uniqueIdPlaceholder, type ServiceAccountPlan } from "./service-accounts";
import { propertyKey, propertyVariable } from "./property-set-keys";
import { type BuildPlan, type BundleValue, type Credentials, type ProxyPlan, type RolePlan, type RolePurpose } from "./model";

/** IAM's quotas, counted without whitespace: a trust policy (default quota) and a role's inline policies together. */
const TRUST_POLICY_LIMIT = 2048;
const INLINE_POLICIES_LIMIT = 10240;

type Report = (proxy: ProxyIntent, field: string[], message: string) => void;

export interface PlanOptions {
  /** Service account email → unique ID, for the accounts apigee-aws names (build --ids FILE, or dev's stand-in). */
  uniqueIds?: Readonly<Record<string, string>>;
}

export function planBuild(intent: Intent, options: PlanOptions = {}): BuildPlan {
  const problems = new ProblemList();
  const report: Report = (proxy, field, message) =>
    problems.add({ ...proxy.location, path: formatPath(["proxies", proxy.name, ...field]), message });
  const oidcProviders = callerProviders(intent, report);
  const proxies = intent.proxies.map((proxy) => planProxy(intent, proxy, oidcProviders, options.uniqueIds ?? {}, report));
  checkSecretsRoleNames(proxies, report);
  if (problems.count > 0) throw new IntentError(problems.sorted());
  const serviceAccounts = collectServiceAccounts(proxies);
  refuseCollisions(intent, serviceAccounts);
  return {
    intent,
    proxies,
    oidcProviders,
    serviceAccounts,
    warnings: [...(intent.warnings ?? []), ...identityWarnings(intent, serviceAccounts)].sort((a, b) => a.line - b.line || a.column - b.column),
    notes: identityNotes(serviceAccounts, options.uniqueIds ?? {})
  };
}

/** Each account once, with the roles that trust it, in plan order. */
function collectServiceAccounts(proxies: ProxyPlan[]): ServiceAccountPlan[] {
  const byEmail = new Map<string, ServiceAccountPlan>();
  for (const role of proxies.flatMap((p) => [...p.roles, ...p.secretsRoles])) {
    if (!role.serviceAccount) continue;
    const known = byEmail.get(role.serviceAccount.email) ?? role.serviceAccount;
    byEmail.set(known.email, known);
    if (known !== role.serviceAccount) role.serviceAccount = known;
    known.trustedBy.push(`${role.proxy} in ${role.env}${role.purpose === "secrets" ? " (its SSM headers)" : ""}`);
  }
  return [...byEmail.values()];
}

/** Two proxy-environment pairs whose account names coincide (a hash collision, about 1 in 7,000 for the largest intent) must not share it silently. */
function refuseCollisions(intent: Intent, accounts: ServiceAccountPlan[]): void {
  if (intent.identity?.per !== "proxy-environment") return;
  const collided = accounts.filter((a) => a.trustedBy.length > 1);
  if (collided.length === 0) return;
  throw new IntentError(
    collided.map((a) => ({
      ...intent.identity!.location,
      path: "identity",
      message: `${a.trustedBy.join(" and ")} would get the same service account name ${a.accountId} (its hash part collides): rename one of those proxies`
    }))
  );
}

/** Sharing an account, when the intent states it, and projects past Google's default quota. */
function identityWarnings(intent: Intent, accounts: ServiceAccountPlan[]): IntentProblem[] {
  const identity = intent.identity;
  if (!identity || accounts.length === 0) return [];
  const at = { ...identity.location, path: "identity" };
  const warnings: IntentProblem[] = [];
  if (identity.per === "shared") {
    warnings.push({ ...at, message: `per: shared: every gateway-mode role (${accounts[0].trustedBy.length}) trusts ${identity.serviceAccount}, so any bundle deployed with it, in any environment, can assume any of them (prod's from test); give each proxy and environment its own account with identity: {project: GOOGLE_PROJECT}` });
  } else if (identity.per === "environment") {
    const shared = accounts.filter((a) => a.trustedBy.length > 1);
    if (shared.length > 0) warnings.push({ ...at, message: `per: environment: the proxies of an environment share its account (${shared.map((a) => `${a.email}: ${a.trustedBy.length} roles`).join("; ")}), so any bundle deployed with it can assume every role of that environment; per: proxy-environment (the default) gives each proxy its own` });
  }
  const perProject = new Map<string, number>();
  for (const a of accounts.filter((a) => a.managed)) perProject.set(a.project, (perProject.get(a.project) ?? 0) + 1);
  for (const [project, count] of [...perProject].sort(([a], [b]) => byCodeUnit(a, b))) {
    if (count > DEFAULT_SERVICE_ACCOUNT_QUOTA) {
      warnings.push({ ...at, message: `project ${project} needs ${count} service accounts, more than Google's default quota of ${DEFAULT_SERVICE_ACCOUNT_QUOTA} per project: request a higher quota, place environments in their own projects (identity.projects), or use per: environment` });
    }
  }
  return warnings;
}

function identityNotes(accounts: ServiceAccountPlan[], given: Readonly<Record<string, string>>): string[] {
  const notes: string[] = [];
  const managed = new Set(accounts.filter((a) => a.managed).map((a) => a.email));
  const strangers = Object.keys(given).filter((email) => !managed.has(email)).sort(byCodeUnit);
  if (strangers.length) notes.push(`--ids names ${strangers.length} account${strangers.length === 1 ? "" : "s"} this intent does not name (ignored): ${strangers.join(", ")}`);
  const unknown = accounts.filter((a) => a.uniqueId === null);
  if (unknown.length === 0) return notes;
  return [
    ...notes,
    `${unknown.length} gateway-mode service account${unknown.length === 1 ? "'s" : "s'"} unique ID${unknown.length === 1 ? " is" : "s are"} not known yet: the Terraform in aws/terraform creates the accounts and puts their IDs in the trust policies it applies; the JSON trust policies name ${uniqueIdPlaceholder("EMAIL")} and trust nobody until you build again with --ids FILE (terraform output -json, or a JSON map of email to unique ID)`
  ];
}

/**
 * The IAM OIDC providers the caller-mode proxies need: one per issuer in each
 * AWS account the environments use (a provider belongs to its account, and a
 * role trusts only its own account's), sorted by name, then account; Google
 * needs none.
 */
function callerProviders(intent: Intent, report: Report): OidcProvider[] {
  const byName = new Map<string, { url: string; audiences: Set<string>; first: ProxyIntent }>();
  for (const proxy of intent.proxies) {
    if (proxy.identity !== "caller" || proxy.auth.kind !== "jwt") continue;
    const { issuer, audience } = proxy.auth.jwt;
    const problem = providerNameProblem(issuer);
    if (problem !== null) {
      report(proxy, ["auth", "jwt", "issuer"], problem);
      continue;
    }
    const name = providerName(issuer);
    if (name === GOOGLE_PROVIDER) continue;
    if (audience.length > MAX_CLIENT_ID_LENGTH) {
      report(proxy, ["auth", "jwt", "audience"], `JWT audience "${audience}" is longer than the ${MAX_CLIENT_ID_LENGTH} characters an IAM OIDC provider client ID may have.`);
      continue;
    }
    const entry = byName.get(name) ?? { url: issuer, audiences: new Set<string>(), first: proxy };
    entry.audiences.add(audience);
    if (entry.audiences.size === MAX_CLIENT_IDS + 1) {
      report(proxy, ["auth", "jwt", "audience"], `issuer ${issuer} would need more than ${MAX_CLIENT_IDS} audiences, IAM's limit per OIDC provider; let proxies share audiences.`);
    }
    byName.set(name, entry);
  }
  const accounts = accountsOf(intent).sort(byCodeUnit);
  return [...byName.entries()]
    .sort(([a], [b]) => byCodeUnit(a, b))
    .flatMap(([name, { url, audiences }]) => accounts.map((account) => ({ url, name, account, arn: federatedPrincipal(account, name), clientIds: [...audiences].sort(byCodeUnit) })));
}

function credentialsOf(intent: Intent, proxy: ProxyIntent, report: Report): Credentials | null {
  if (proxy.identity === "gateway") {
    if (intent.identity) return { mode: "gateway", audience: GATEWAY_AUDIENCE };
    report(proxy, ["identity"], `uses identity "gateway", which needs Google service accounts for its roles to trust: add identity: {project: GOOGLE_PROJECT} to the intent.`);
    return null;
  }
  if (proxy.auth.kind === "jwt") return { mode: "caller", issuer: proxy.auth.jwt.issuer, audience: proxy.auth.jwt.audience };
  report(proxy, ["identity"], `uses identity "caller" but auth is public: caller mode exchanges the caller's verified JWT, so add auth.jwt or use identity "gateway".`);
  return null;
}

function trustedIdentity(intent: Intent, env: string, credentials: Credentials, account: ServiceAccountPlan | null, pins: ClaimPins | null): TrustedIdentity {
  if (credentials.mode === "gateway" && account) {
    return { kind: "google-service-account", uniqueId: account.uniqueId ?? uniqueIdPlaceholder(account.email), audience: credentials.audience };
  }
  if (credentials.mode === "gateway") throw new Error("a gateway role without its service account");
  const provider = providerName(credentials.issuer);
  return { kind: "oidc-caller", provider, principal: federatedPrincipal(awsOf(intent, env).account, provider), audience: credentials.audience, pins: pins ?? NO_PINS };
}

function planProxy(intent: Intent, proxy: ProxyIntent, providers: OidcProvider[], uniqueIds: Readonly<Record<string, string>>, report: Report): ProxyPlan {
  const credentials = credentialsOf(intent, proxy, report);
  const readsSecrets = credentials?.mode === "caller" && ssmParametersOf(proxy).length > 0;
  if (readsSecrets && !intent.identity) {
    report(proxy, ["headers"], `reads SSM parameters in caller mode, which apigee-aws does with the proxy's own service account so that no caller's token can assume a role holding them: add identity: {project: GOOGLE_PROJECT} to the intent.`);
  }
  const roles: RolePlan[] = [];
  const secretsRoles: RolePlan[] = [];
  for (const env of intent.environments) {
    const name = proxy.roles[env];
    if (name === undefined) {
      report(proxy, ["role"], `has no IAM role name for environment "${env}"; add role.${env} (default apigee-${proxy.name}-${env}).`);
      continue;
    }
    if (!credentials) continue;
    roles.push(planRole(intent, proxy, env, name, "access", credentials, providers, uniqueIds));
    if (readsSecrets && intent.identity) secretsRoles.push(planRole(intent, proxy, env, secretsRoleName(name), "secrets", { mode: "gateway", audience: GATEWAY_AUDIENCE }, providers, uniqueIds));
  }
  checkSizes(proxy, [...roles, ...secretsRoles], report);
  return { proxy, credentials: credentials ?? { mode: "caller", issuer: "", audience: "" }, roles, secretsRoles, region: bundleRegion(intent, proxy) };
}

/**
 * The region the bundle passes to aws-credentials, aws-ssm-parameter and
 * (for S3) aws-sigv4: written in the bundle while every environment has the
 * same one, so such an intent's bundles and property sets are what they were
 * before environments could differ; else each environment's property set
 * holds it, and the one bundle reads it there.
 */
function bundleRegion(intent: Intent, proxy: ProxyIntent): BundleValue {
  return regionsDiffer(intent) ? { ref: propertyVariable(proxy.name, "region") } : { value: awsOf(intent, intent.environments[0]).region };
}

/** A secrets role's name must be free (IAM role names are unique, ignoring case); the reader has checked the access roles among themselves. */
function checkSecretsRoleNames(proxies: ProxyPlan[], report: Report): void {
  const byName = new Map<string, RolePlan>();
  for (const role of proxies.flatMap((p) => p.roles)) byName.set(role.name.toLowerCase(), role);
  for (const proxy of proxies) {
    for (const role of proxy.secretsRoles) {
      const other = byName.get(role.name.toLowerCase());
      if (other) report(proxy.proxy, ["role"], `its secrets role for ${role.env}, ${role.name} (the role it reads its SSM headers with), is also the role of proxy '${other.proxy}' in ${other.env}: rename one of them`);
      else if (role.name.length > 64) report(proxy.proxy, ["role"], `its secrets role for ${role.env}, ${role.name}, is longer than IAM's 64 characters: shorten the role name to ${64 - "-secrets".length} characters or fewer`);
      byName.set(role.name.toLowerCase(), role);
    }
  }
}

/** The secrets role's name: the access role's with "-secrets", which the planner checks against every other role. */
function secretsRoleName(accessRole: string): string {
  return `${accessRole}-secrets`;
}

function ssmParametersOf(proxy: ProxyIntent): string[] {
  return proxy.headers.flatMap((h) => (h.value.kind === "ssm" ? [h.value.parameter] : []));
}

/**
 * What a role may touch. The access role: the target (and, in gateway mode,
 * the SSM headers); a caller-mode access role never gets SSM, since any
 * holder of a caller's token can assume it without Apigee. The secrets role:
 * the SSM headers only.
 */
function grantOf(intent: Intent, proxy: ProxyIntent, env: string, purpose: RolePurpose): RoleGrant {
  const target = proxy.target;
  // Each environment's role gets its own bucket, folder and parameters where they name {env}, in its own account and region.
  const ssmParameters = purpose === "secrets" || proxy.identity === "gateway" ? ssmParametersOf(proxy).map((name) => forEnvironment(name, env)) : [];
  const { account, region } = awsOf(intent, env);
  return {
    account,
    region,
    s3: purpose === "access" && target.kind === "s3" ? { bucket: s3BucketFor(target, env), prefix: s3PrefixFor(target, env), access: proxy.access, delete: proxy.delete } : null,
    ssmParameters
  };
}

function planRole(
  intent: Intent,
  proxy: ProxyIntent,
  env: string,
  name: string,
  purpose: RolePurpose,
  credentials: Credentials,
  providers: OidcProvider[],
  uniqueIds: Readonly<Record<string, string>>
): RolePlan {
  const serviceAccount = credentials.mode === "gateway" && intent.identity ? { ...accountFor(intent.identity, proxy.name, env, uniqueIds), trustedBy: [] } : null;
  const trusted = trustedIdentity(intent, env, credentials, serviceAccount, proxy.trust);
  const grant = grantOf(intent, proxy, env, purpose);
  const trust = trustPolicy(trusted);
  const permissions = permissionsPolicy(grant);
  const arn = roleArn(intent, env, name);
  const who = purpose === "secrets" ? `${assumedBy(credentials, serviceAccount)} to read the SSM parameters of its headers, which no caller's token can assume` : assumedBy(credentials, serviceAccount);
  const arnKey = propertyKey(proxy.name, purpose === "secrets" ? "secretsRoleArn" : "roleArn");
  return {
    env,
    proxy: proxy.name,
    purpose,
    name,
    arn,
    description: roleDescription(proxy.name, env, who, permissions ? null : descriptionGap(proxy)),
    maxSessionDurationSeconds: MAX_SESSION_DURATION_SECONDS,
    trusted,
    serviceAccount,
    provider: trusted.kind === "oidc-caller" ? (providers.find((p) => p.name === trusted.provider && p.account === grant.account) ?? null) : null,
    grant,
    trustPolicy: trust,
    permissionsPolicy: permissions,
    permissionGap: permissions ? null : proxy.target.kind === "aws" ? permissionGap(proxy.target) : "has no permissions the intent determines; attach a policy to its roles by hand.",
    propertySet: ([
      [arnKey, arn],
      ...(serviceAccount ? [[propertyKey(proxy.name, "serviceAccount"), serviceAccount.email] as [string, string]] : []),
      ...(purpose === "access" && regionsDiffer(intent) ? [[propertyKey(proxy.name, "region"), grant.region] as [string, string]] : [])
    ] as [string, string][]).sort(([a], [b]) => byCodeUnit(a, b))
  };
}

function assumedBy(credentials: Credentials, account: ServiceAccountPlan | null): string {
  return credentials.mode === "gateway" ? `assumed by the Google service account ${account?.email ?? ""}` : `assumed with the API caller's JWT from ${credentials.issuer}`;
}

function descriptionGap(proxy: ProxyIntent): string {
  return `No permissions derived: attach a policy allowing only the ${proxy.target.kind === "aws" ? proxy.target.service : "AWS"} actions this proxy calls.`;
}

/** IAM's size quotas, once per proxy however many environments exceed them (the largest document is named). */
function checkSizes(proxy: ProxyIntent, roles: RolePlan[], report: Report): void {
  const largest = (documents: (PolicyDocument | null)[]) => Math.max(0, ...documents.map((d) => (d ? policySizeWithoutWhitespace(d) : 0)));
  const trust = largest(roles.map((r) => r.trustPolicy));
  const permissions = largest(roles.map((r) => r.permissionsPolicy));
  if (trust > TRUST_POLICY_LIMIT) report(proxy, [], `its trust policy is ${trust} characters without whitespace, over IAM's limit of ${TRUST_POLICY_LIMIT}; shorten the JWT issuer or audience.`);
  if (permissions > INLINE_POLICIES_LIMIT) report(proxy, [], `its permissions policy is ${permissions} characters without whitespace, over IAM's limit of ${INLINE_POLICIES_LIMIT}; read fewer SSM parameters in it.`);
}

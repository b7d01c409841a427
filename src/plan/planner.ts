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
import { GATEWAY_AUDIENCE, trustPolicy, type TrustedIdentity } from "../iam/trust-policy";
import { federatedPrincipal, GOOGLE_PROVIDER, MAX_CLIENT_ID_LENGTH, MAX_CLIENT_IDS, providerName, providerNameProblem, type OidcProvider } from "../iam/web-identity";
import { roleArn, s3PrefixFor, type Intent, type ProxyIntent } from "../intent/model";
import { formatPath, IntentError, ProblemList } from "../intent/problems";
import { propertyKey } from "./property-set-keys";
import type { BuildPlan, Credentials, ProxyPlan, RolePlan } from "./model";

/** IAM's quotas, counted without whitespace: a trust policy (default quota) and a role's inline policies together. */
const TRUST_POLICY_LIMIT = 2048;
const INLINE_POLICIES_LIMIT = 10240;

type Report = (proxy: ProxyIntent, field: string[], message: string) => void;

export function planBuild(intent: Intent): BuildPlan {
  const problems = new ProblemList();
  const report: Report = (proxy, field, message) =>
    problems.add({ ...proxy.location, path: formatPath(["proxies", proxy.name, ...field]), message });
  const oidcProviders = callerProviders(intent, report);
  const proxies = intent.proxies.map((proxy) => planProxy(intent, proxy, oidcProviders, report));
  if (problems.count > 0) throw new IntentError(problems.sorted());
  return { intent, proxies, oidcProviders, warnings: intent.warnings ?? [] };
}

/** The IAM OIDC providers the caller-mode proxies need, by issuer, sorted; Google needs none. */
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
  return [...byName.entries()]
    .sort(([a], [b]) => byCodeUnit(a, b))
    .map(([name, { url, audiences }]) => ({ url, name, arn: federatedPrincipal(intent.aws.account, name), clientIds: [...audiences].sort(byCodeUnit) }));
}

function credentialsOf(intent: Intent, proxy: ProxyIntent, report: Report): Credentials | null {
  if (proxy.identity === "gateway") {
    if (intent.identity) return { mode: "gateway", serviceAccount: { email: intent.identity.serviceAccount, uniqueId: intent.identity.uniqueId }, audience: GATEWAY_AUDIENCE };
    report(proxy, ["identity"], `uses identity "gateway", which needs the Apigee runtime's service account: add identity.serviceAccount and identity.uniqueId to the intent.`);
    return null;
  }
  if (proxy.auth.kind === "jwt") return { mode: "caller", issuer: proxy.auth.jwt.issuer, audience: proxy.auth.jwt.audience };
  report(proxy, ["identity"], `uses identity "caller" but auth is public: caller mode exchanges the caller's verified JWT, so add auth.jwt or use identity "gateway".`);
  return null;
}

function trustedIdentity(intent: Intent, credentials: Credentials): TrustedIdentity {
  if (credentials.mode === "gateway") return { kind: "google-service-account", uniqueId: credentials.serviceAccount.uniqueId, audience: credentials.audience };
  const provider = providerName(credentials.issuer);
  return { kind: "oidc-caller", provider, principal: federatedPrincipal(intent.aws.account, provider), audience: credentials.audience };
}

function planProxy(intent: Intent, proxy: ProxyIntent, providers: OidcProvider[], report: Report): ProxyPlan {
  const credentials = credentialsOf(intent, proxy, report);
  const roles: RolePlan[] = [];
  for (const env of intent.environments) {
    const name = proxy.roles[env];
    if (name === undefined) {
      report(proxy, ["role"], `has no IAM role name for environment "${env}"; add role.${env} (default apigee-${proxy.name}-${env}).`);
      continue;
    }
    if (credentials) roles.push(planRole(intent, proxy, env, name, credentials, providers));
  }
  checkSizes(proxy, roles, report);
  return { proxy, credentials: credentials ?? { mode: "caller", issuer: "", audience: "" }, roles };
}

function grantOf(intent: Intent, proxy: ProxyIntent, env: string): RoleGrant {
  const target = proxy.target;
  return {
    account: intent.aws.account,
    region: intent.aws.region,
    // Each environment's role gets its own folder when the prefix names {env}.
    s3: target.kind === "s3" ? { bucket: target.bucket, prefix: s3PrefixFor(target, env), access: proxy.access, delete: proxy.delete } : null,
    ssmParameters: proxy.headers.flatMap((h) => (h.value.kind === "ssm" ? [h.value.parameter] : []))
  };
}

function planRole(intent: Intent, proxy: ProxyIntent, env: string, name: string, credentials: Credentials, providers: OidcProvider[]): RolePlan {
  const trusted = trustedIdentity(intent, credentials);
  const grant = grantOf(intent, proxy, env);
  const trust = trustPolicy(trusted);
  const permissions = permissionsPolicy(grant);
  const arn = roleArn(intent, name);
  return {
    env,
    proxy: proxy.name,
    name,
    arn,
    description: roleDescription(proxy.name, env, assumedBy(credentials), permissions ? null : descriptionGap(proxy)),
    maxSessionDurationSeconds: MAX_SESSION_DURATION_SECONDS,
    trusted,
    provider: trusted.kind === "oidc-caller" ? (providers.find((p) => p.name === trusted.provider) ?? null) : null,
    grant,
    trustPolicy: trust,
    permissionsPolicy: permissions,
    permissionGap: permissions ? null : proxy.target.kind === "aws" ? permissionGap(proxy.target) : "has no permissions the intent determines; attach a policy to its roles by hand.",
    propertySet: [[propertyKey(proxy.name, "roleArn"), arn]]
  };
}

function assumedBy(credentials: Credentials): string {
  return credentials.mode === "gateway"
    ? `assumed by the Apigee runtime service account ${credentials.serviceAccount.email}`
    : `assumed with the API caller's JWT from ${credentials.issuer}`;
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

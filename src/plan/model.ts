// The build plan: the validated intent plus everything derived from it, one
// value per proxy and environment (the role, the identity it trusts, what it
// may do, the property-set entries the bundle reads). Every emitter (proxy
// bundles, property sets, IAM documents, Terraform), explain and dev read the
// plan; none of them checks or re-derives anything, so none of them fails on
// an intent the planner accepted.

import type { PolicyDocument } from "../iam/document";
import type { RoleGrant } from "../iam/permissions-policy";
import type { TrustedIdentity } from "../iam/trust-policy";
import type { OidcProvider } from "../iam/web-identity";
import type { ServiceAccountPlan } from "./service-accounts";
import type { Intent, ProxyIntent } from "../intent/model";
import type { IntentProblem } from "../intent/problems";

export interface BuildPlan {
  /** The intent as read: file, environments, every proxy's settings. */
  intent: Intent;
  /** One per proxy, in the intent's order. */
  proxies: ProxyPlan[];
  /** The IAM OIDC providers caller-mode roles trust (Google needs none): one per issuer and AWS account, sorted by name, then account. */
  oidcProviders: OidcProvider[];
  /** Every service account a gateway-mode role trusts, by email; the Terraform creates the managed ones. */
  serviceAccounts: ServiceAccountPlan[];
  /** What the intent may mean other than intended, located; build, explain and dev print them, lint reports them. */
  warnings: IntentProblem[];
  /** What the build's user should know but need not change (service accounts whose unique IDs are not known yet). */
  notes: string[];
}

/**
 * What the bundle presents to STS, the same in every environment: a Google
 * ID token of the service account it is deployed with in that environment
 * (RolePlan.serviceAccount), or the caller's token.
 */
export type Credentials = { mode: "gateway"; audience: string } | { mode: "caller"; issuer: string; audience: string };

/** How a bundle gets a value: written in it, or read from a flow variable (the environment's property set). */
export type BundleValue = { value: string } | { ref: string };

export interface ProxyPlan {
  proxy: ProxyIntent;
  credentials: Credentials;
  /** The AWS region the bundle calls STS, SSM and S3 in: written in it while every environment shares one, else the property set's <proxy>.region. */
  region: BundleValue;
  /** One per environment, in the intent's order: the role the target requests are signed with. */
  roles: RolePlan[];
  /**
   * Caller mode with SSM headers: per environment, the role the proxy reads
   * the parameters with, assumed with its own service account (gateway
   * identity), so that no role a caller's token can assume holds a secret
   * the gateway injects. Empty otherwise.
   */
  secretsRoles: RolePlan[];
}

/** What a role is for: signing the proxy's target requests, or reading its SSM headers in caller mode. */
export type RolePurpose = "access" | "secrets";

/** The role a proxy assumes in one environment, and everything written about it. */
export interface RolePlan {
  env: string;
  proxy: string;
  purpose: RolePurpose;
  name: string;
  arn: string;
  description: string;
  maxSessionDurationSeconds: number;
  trusted: TrustedIdentity;
  /** Gateway mode: the account the bundle is deployed with in this environment, which alone the role trusts. */
  serviceAccount: ServiceAccountPlan | null;
  /** The OIDC provider the trust policy names, when it is one the Terraform creates. */
  provider: OidcProvider | null;
  grant: RoleGrant;
  trustPolicy: PolicyDocument;
  /** null when the intent determines no permissions (a signed target without SSM headers). */
  permissionsPolicy: PolicyDocument | null;
  /** Why the role has no derived permissions, when it has none. */
  permissionGap: string | null;
  /** This proxy's entries in the environment's property set, sorted by key. */
  propertySet: [string, string][];
}

/** Every role of the plan: each proxy's access roles, then its secrets roles. */
export function everyRole(plan: BuildPlan): RolePlan[] {
  return plan.proxies.flatMap((p) => [...p.roles, ...p.secretsRoles]);
}

/** The service account the proxy is deployed with in `env`: its gateway identity, when it has one. */
export function deploymentAccount(proxy: ProxyPlan, env: string): ServiceAccountPlan | null {
  return [...proxy.roles, ...proxy.secretsRoles].find((r) => r.env === env && r.serviceAccount)?.serviceAccount ?? null;
}

export function roleIn(proxy: ProxyPlan, env: string): RolePlan {
  const role = proxy.roles.find((r) => r.env === env);
  if (!role) throw new Error(`the plan has no role for proxy ${proxy.proxy.name} in environment ${env}`);
  return role;
}

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
import type { Intent, ProxyIntent } from "../intent/model";
import type { IntentProblem } from "../intent/problems";

export interface BuildPlan {
  /** The intent as read: file, environments, every proxy's settings. */
  intent: Intent;
  /** One per proxy, in the intent's order. */
  proxies: ProxyPlan[];
  /** The IAM OIDC providers caller-mode roles trust (Google needs none), sorted by name. */
  oidcProviders: OidcProvider[];
  /** What the intent may mean other than intended, located; build, explain and dev print them, lint reports them. */
  warnings: IntentProblem[];
}

/** The service account a gateway-mode bundle presents. */
export interface ServiceAccount {
  email: string;
  /** The numeric unique ID: the sub and azp of its Google ID tokens. */
  uniqueId: string;
}

/** What the bundle's aws-credentials call presents to STS; the same in every environment. */
export type Credentials = { mode: "gateway"; serviceAccount: ServiceAccount; audience: string } | { mode: "caller"; issuer: string; audience: string };

export interface ProxyPlan {
  proxy: ProxyIntent;
  credentials: Credentials;
  /** One per environment, in the intent's order. */
  roles: RolePlan[];
}

/** The role a proxy assumes in one environment, and everything written about it. */
export interface RolePlan {
  env: string;
  proxy: string;
  name: string;
  arn: string;
  description: string;
  maxSessionDurationSeconds: number;
  trusted: TrustedIdentity;
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

export function roleIn(proxy: ProxyPlan, env: string): RolePlan {
  const role = proxy.roles.find((r) => r.env === env);
  if (!role) throw new Error(`the plan has no role for proxy ${proxy.proxy.name} in environment ${env}`);
  return role;
}

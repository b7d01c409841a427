// What a role's trust policy is evaluated against for AssumeRoleWithWebIdentity:
// the federated principal that names the identity provider, and the
// condition keys IAM fills from the verified token ("Available keys for
// AWS web identity federation" in the IAM condition-keys reference).

import type { ConditionContext } from "./iam-policy";
import type { VerifiedWebIdentity } from "./web-identity-token";

const GOOGLE = "accounts.google.com";

/** "accounts.google.com" for Google's built-in provider, else the IAM OIDC provider's ARN. */
export function federatedPrincipalFor(accountId: string, providerKey: string): string {
  return providerKey === GOOGLE ? GOOGLE : `arn:aws:iam::${accountId}:oidc-provider/${providerKey}`;
}

export interface TrustContextInput {
  identity: VerifiedWebIdentity;
  roleSessionName: string;
  sourceIdentity: string | undefined;
}

export function trustContextFor({ identity, roleSessionName, sourceIdentity }: TrustContextInput): ConditionContext {
  const key = identity.providerKey;
  const context: ConditionContext = {
    "sts:RoleSessionName": roleSessionName,
    "sts:SourceIdentity": sourceIdentity,
    [`${key}:sub`]: identity.sub
  };
  if (key === GOOGLE) {
    // Google: aud is the token's azp when it has one (hybrid apps), oaud always its aud.
    const azp = typeof identity.claims.azp === "string" ? identity.claims.azp : undefined;
    context[`${key}:aud`] = azp ?? identity.audience;
    context[`${key}:oaud`] = identity.audience;
  } else {
    context[`${key}:aud`] = identity.audience;
    // IAM's keys for an OIDC provider: :aud, :azp, :amr, :sub ("Available keys for AWS web identity federation").
    if (typeof identity.claims.azp === "string") context[`${key}:azp`] = identity.claims.azp;
    const amr = identity.claims.amr;
    if (typeof amr === "string") context[`${key}:amr`] = amr;
    else if (Array.isArray(amr)) context[`${key}:amr`] = amr.filter((v): v is string => typeof v === "string");
  }
  return context;
}

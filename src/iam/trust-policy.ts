// The trust policy of a proxy's role: who may call AssumeRoleWithWebIdentity
// for it, matching what the aws-credentials shared flow sends
// (docs/runtime-contract.md) and the keys STS fills in from the verified
// token (IAM's "Available keys for AWS web identity federation").
//
// gateway: the Apigee runtime's service account. Its Google ID token has
//   sub = azp = the account's numeric unique ID and aud = the audience the
//   flow asked for ("sts.amazonaws.com" by default). For Google, IAM's
//   accounts.google.com:aud is the token's azp when it has one, :oaud always
//   its aud, so all three are pinned: aud and sub to the unique ID, oaud to
//   the audience.
// caller: the API caller's JWT, already verified by VerifyJWT, passed
//   unchanged. The role trusts the issuer's IAM OIDC provider and pins the
//   audience, plus the sub, azp and amr values the intent's `trust` lists
//   (StringLike when a value has a wildcard; amr, a list claim, with
//   ForAnyValue). Without `trust` any subject of that issuer and audience may
//   assume it, with or without Apigee (docs/trust-model.md). For Google as
//   the caller's issuer the audience is in :oaud (:aud would be azp).
//
// No sts:SetSourceIdentity or sts:TagSession: the flows send no
// SourceIdentity by default, and a trust policy that allows them would let a
// token's claims set them.

import { POLICY_VERSION, type PolicyDocument, type PolicyStatement } from "./document";
import { GOOGLE_PROVIDER } from "./web-identity";

export { POLICY_VERSION } from "./document";
export const WEB_IDENTITY_ACTION = "sts:AssumeRoleWithWebIdentity";
/** What aws-credentials asks Google for in gateway mode unless aws.credentials.audience says otherwise. */
export const GATEWAY_AUDIENCE = "sts.amazonaws.com";

/** Whose web identity tokens a role accepts. */
export type TrustedIdentity =
  | { kind: "google-service-account"; uniqueId: string; audience: string }
  /** provider: the IAM provider name ("accounts.google.com" or the issuer without https://); principal: what the policy names. */
  | { kind: "oidc-caller"; provider: string; principal: string; audience: string; pins: ClaimPins };

/** Claims the caller's token must carry besides the audience: any listed value; empty lists pin nothing. */
export interface ClaimPins {
  sub: string[];
  azp: string[];
  amr: string[];
}

export const NO_PINS: ClaimPins = { sub: [], azp: [], amr: [] };

export function trustPolicy(trusted: TrustedIdentity): PolicyDocument {
  return { Version: POLICY_VERSION, Statement: [trusted.kind === "google-service-account" ? gatewayStatement(trusted) : callerStatement(trusted)] };
}

function gatewayStatement(trusted: { uniqueId: string; audience: string }): PolicyStatement {
  // The unique ID, not the email: the ID token's sub and azp are the numeric ID, and it is never reused when an account is deleted and recreated.
  return {
    Sid: "ApigeeRuntimeServiceAccount",
    Effect: "Allow",
    Principal: { Federated: GOOGLE_PROVIDER },
    Action: WEB_IDENTITY_ACTION,
    Condition: {
      StringEquals: {
        [`${GOOGLE_PROVIDER}:aud`]: trusted.uniqueId,
        [`${GOOGLE_PROVIDER}:oaud`]: trusted.audience,
        [`${GOOGLE_PROVIDER}:sub`]: trusted.uniqueId
      }
    }
  };
}

function callerStatement(trusted: { provider: string; principal: string; audience: string; pins: ClaimPins }): PolicyStatement {
  const audienceKey = trusted.provider === GOOGLE_PROVIDER ? `${GOOGLE_PROVIDER}:oaud` : `${trusted.provider}:aud`;
  const condition: Record<string, Record<string, string | string[]>> = { StringEquals: { [audienceKey]: trusted.audience } };
  const add = (operator: string, key: string, values: string[]) => {
    if (values.length === 0) return;
    condition[operator] = { ...condition[operator], [key]: values.length === 1 ? values[0] : values };
  };
  const like = (values: string[]) => values.some((v) => /[*?]/.test(v));
  for (const claim of ["sub", "azp"] as const) {
    const values = trusted.pins[claim];
    add(like(values) ? "StringLike" : "StringEquals", `${trusted.provider}:${claim}`, values);
  }
  add(like(trusted.pins.amr) ? "ForAnyValue:StringLike" : "ForAnyValue:StringEquals", `${trusted.provider}:amr`, trusted.pins.amr);
  return {
    Sid: "ApigeeCallerWebIdentity",
    Effect: "Allow",
    Principal: { Federated: trusted.principal },
    Action: WEB_IDENTITY_ACTION,
    Condition: condition
  };
}

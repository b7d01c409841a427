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
//   audience; it deliberately allows any subject of that issuer and audience,
//   because every caller the proxy admits gets the proxy's access (per-caller
//   roles would need a sub per caller, which the intent does not state). For
//   Google as the caller's issuer the audience is in :oaud (:aud would be
//   azp).
//
// No sts:SetSourceIdentity or sts:TagSession: the flows send no
// SourceIdentity by default, and a trust policy that allows them would let a
// token's claims set them.

import { UserError } from "../common/user-error";
import type { Intent, ProxyIntent } from "../intent/model";
import type { PolicyDocument, PolicyStatement } from "../stand-ins/aws/world";
import { checkEnvironment, where } from "./checks";
import { callerJwt, federatedPrincipal, GOOGLE_PROVIDER, providerName } from "./web-identity";

export const POLICY_VERSION = "2012-10-17";
export const WEB_IDENTITY_ACTION = "sts:AssumeRoleWithWebIdentity";
/** What aws-credentials asks Google for in gateway mode unless aws.credentials.audience says otherwise. */
export const GATEWAY_AUDIENCE = "sts.amazonaws.com";

export function trustPolicy(intent: Intent, proxy: ProxyIntent, env: string): PolicyDocument {
  checkEnvironment(intent, env);
  const statement = proxy.identity === "gateway" ? gatewayStatement(intent, proxy) : callerStatement(intent, proxy);
  return { Version: POLICY_VERSION, Statement: [statement] };
}

function gatewayStatement(intent: Intent, proxy: ProxyIntent): PolicyStatement {
  const identity = intent.identity;
  if (!identity) {
    throw new UserError(`${where(proxy)} uses identity "gateway", which needs the Apigee runtime's service account: add identity.serviceAccount and identity.uniqueId to the intent.`);
  }
  // The unique ID, not the email: the ID token's sub and azp are the numeric ID, and it is never reused when an account is deleted and recreated.
  if (!/^\d{1,64}$/.test(identity.uniqueId)) {
    throw new UserError(`identity.uniqueId "${identity.uniqueId}" must be the service account's numeric unique ID (gcloud iam service-accounts describe EMAIL --format='value(uniqueId)').`);
  }
  return {
    Sid: "ApigeeRuntimeServiceAccount",
    Effect: "Allow",
    Principal: { Federated: GOOGLE_PROVIDER },
    Action: WEB_IDENTITY_ACTION,
    Condition: {
      StringEquals: {
        [`${GOOGLE_PROVIDER}:aud`]: identity.uniqueId,
        [`${GOOGLE_PROVIDER}:oaud`]: GATEWAY_AUDIENCE,
        [`${GOOGLE_PROVIDER}:sub`]: identity.uniqueId
      }
    }
  };
}

function callerStatement(intent: Intent, proxy: ProxyIntent): PolicyStatement {
  const { issuer, audience } = callerJwt(proxy);
  if (audience === "") throw new UserError(`${where(proxy)}: auth.jwt.audience is empty; caller mode pins the role to the JWT audience, so set it.`);
  const name = providerName(issuer, proxy);
  const audienceKey = name === GOOGLE_PROVIDER ? `${GOOGLE_PROVIDER}:oaud` : `${name}:aud`;
  return {
    Sid: "ApigeeCallerWebIdentity",
    Effect: "Allow",
    Principal: { Federated: federatedPrincipal(intent, name) },
    Action: WEB_IDENTITY_ACTION,
    Condition: { StringEquals: { [audienceKey]: audience } }
  };
}

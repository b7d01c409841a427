// VerifyJWT for the caller's bearer token. No <Source>: the default reads
// the Authorization header and requires "Bearer " ("you must include Bearer
// in the auth header", Apigee's JWT policy reference); with an explicit
// Source Apigee takes the variable's value as it is, prefix included.
// A token must say when it expires and when it was issued (RequiredClaims),
// and may not live longer than the intent allows (MaxLifespan, measured from
// iat): a token without exp would be valid forever.

import type { JwtAuth } from "../../intent/model";
import { comment, el, textEl } from "../xml";
import { policy, Policy } from "../parts";

export const VERIFY_JWT_POLICY = "VerifyJWT-Caller";

/** The claim variables VerifyJWT sets, e.g. jwtClaim("subject"). */
export function jwtClaim(claim: string): string {
  return `jwt.${VERIFY_JWT_POLICY}.claim.${claim}`;
}

export function verifyJwtPolicy(jwt: JwtAuth): Policy {
  return policy(
    el(
      "VerifyJWT",
      { name: VERIFY_JWT_POLICY },
      textEl("DisplayName", VERIFY_JWT_POLICY),
      comment("Reads the Authorization header (Bearer) by default; an explicit <Source> would keep the Bearer prefix."),
      textEl("Algorithm", "RS256"),
      el("PublicKey", null, el("JWKS", { uri: jwt.jwksUri })),
      textEl("Issuer", jwt.issuer),
      textEl("Audience", jwt.audience),
      textEl("TimeAllowance", "30s"),
      textEl("RequiredClaims", "exp,iat"),
      textEl("MaxLifespan", jwt.maxLifespan, { useIssueTime: true }),
      textEl("IgnoreUnresolvedVariables", false)
    )
  );
}

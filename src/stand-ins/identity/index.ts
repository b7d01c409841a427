// Loopback stand-ins for token issuers: a generic OIDC issuer and Google
// (OAuth access tokens, IAM Credentials generateIdToken, its JWKS), plus the
// JWT verification a relying party such as the STS stand-in does.

export { startLoopbackServer, type LoopbackHandler, type LoopbackResponse, type LoopbackServer } from "./http-server";
export { SigningKeys, type SignOptions } from "./signing-keys";
export { OidcIssuer, type MintTokenOptions, type OidcIssuerOptions } from "./oidc-issuer";
export {
  CLOUD_PLATFORM_SCOPE,
  GOOGLE_ISSUER,
  GoogleStandIn,
  IAM_SCOPE,
  type GoogleServiceAccount,
  type GoogleStandInOptions
} from "./google";
export { GoogleApiError } from "./google-errors";
export type { AccessTokenGrant } from "./google-access-tokens";
export { clearJwksCache, JwtVerificationError, verifyJwt, type JwtVerificationCode, type VerifyJwtOptions } from "./jwt-verify";

// Verifies the WebIdentityToken the way STS does before it looks at the
// role: the issuer must be an identity provider registered in the account,
// the signature must verify against that provider's JWKS (fetched over
// HTTP), the token must not have expired, and its audience must be one of
// the provider's client IDs. Each failure is the StsError STS answers with.

import { compactVerify, decodeJwt, decodeProtectedHeader, errors, type JSONWebKeySet, type JWTPayload } from "jose";
import { joseErrorCode, verifyWithKeySet } from "../identity/key-set-verify";
import { stsErrors } from "./sts-errors";
import { providerKey, type AwsWorld, type IdentityProvider } from "./world";

/**
 * Fetches a provider's JWKS document: resolves with the parsed body
 * (undefined when the body is not JSON), rejects when the provider cannot be
 * reached or does not answer 200.
 */
export type JwksFetcher = (jwksUri: string) => Promise<unknown>;

export interface VerifiedWebIdentity {
  issuer: string;
  /** The issuer without "https://": IAM's provider name and condition-key prefix. */
  providerKey: string;
  provider: IdentityProvider;
  claims: JWTPayload & { azp?: unknown; amr?: unknown };
  sub: string;
  /** The token's aud that STS reports and records: the client ID that matched, else the first. */
  audience: string;
}

export interface VerifyOptions {
  world: AwsWorld;
  fetchJwks: JwksFetcher;
  clockSkewSeconds: number;
}

/** STS accepts "RSA keys (RS256, RS384, or RS512) or ECDSA keys (ES256, ES384, or ES512)". */
const ACCEPTED_ALGORITHMS = ["RS256", "RS384", "RS512", "ES256", "ES384", "ES512"];

export async function verifyWebIdentityToken(token: string, options: VerifyOptions): Promise<VerifiedWebIdentity> {
  const unverified = decodeUnverified(token);
  const issuer = unverified.iss;
  if (typeof issuer !== "string" || issuer === "") throw stsErrors.invalidIdentityToken();
  const provider = options.world.identityProviderFor(issuer);
  if (!provider) throw stsErrors.noProvider(issuer);

  const jwks = await fetchKeys(provider, options.fetchJwks);
  await verifySignature(token, jwks);
  const claims = unverified as VerifiedWebIdentity["claims"];
  checkLifetime(claims, options.world.now(), options.clockSkewSeconds);
  const audience = matchingAudience(claims, provider);
  if (typeof claims.sub !== "string" || claims.sub === "") throw stsErrors.invalidIdentityToken();
  return { issuer, providerKey: providerKey(issuer), provider, claims, sub: claims.sub, audience };
}

/** The claims of a compact JWS whose header and claims are JSON objects, before its signature is checked. */
function decodeUnverified(token: string): JWTPayload {
  try {
    decodeProtectedHeader(token);
    return decodeJwt(token);
  } catch {
    throw stsErrors.invalidIdentityToken();
  }
}

async function fetchKeys(provider: IdentityProvider, fetchJwks: JwksFetcher): Promise<JSONWebKeySet> {
  let jwks: unknown;
  try {
    jwks = await fetchJwks(provider.jwksUri);
  } catch {
    throw stsErrors.idpCommunication();
  }
  // Reached but unusable: STS reports a missing verification key, not an unreachable provider.
  if (!isJwks(jwks)) throw stsErrors.noVerificationKey();
  return jwks;
}

async function verifySignature(token: string, jwks: JSONWebKeySet): Promise<void> {
  try {
    await verifyWithKeySet(jwks.keys, (key) => compactVerify(token, key, { algorithms: ACCEPTED_ALGORITHMS }));
  } catch (error) {
    const code = joseErrorCode(error);
    // No key fits the token's alg and kid, or the JWKS holds no keys at all.
    if (code === errors.JWKSNoMatchingKey.code || code === errors.JWKSInvalid.code) throw stsErrors.noVerificationKey();
    throw stsErrors.invalidIdentityToken();
  }
}

function checkLifetime(claims: JWTPayload, nowMillis: number, skewSeconds: number): void {
  const nowSeconds = Math.floor(nowMillis / 1000);
  if (typeof claims.exp !== "number") throw stsErrors.invalidIdentityToken();
  if (nowSeconds - skewSeconds >= claims.exp) throw stsErrors.expiredToken(nowSeconds, claims.exp);
  if (typeof claims.nbf === "number" && nowSeconds + skewSeconds < claims.nbf) throw stsErrors.invalidIdentityToken();
}

/** With client IDs registered, aud (or, for Google-style hybrid apps, azp) must name one of them. */
function matchingAudience(claims: VerifiedWebIdentity["claims"], provider: IdentityProvider): string {
  const audiences = typeof claims.aud === "string" ? [claims.aud] : Array.isArray(claims.aud) ? claims.aud : [];
  if (audiences.length === 0) throw stsErrors.incorrectAudience();
  if (provider.clientIds.length === 0) return audiences[0];
  const candidates = typeof claims.azp === "string" ? [...audiences, claims.azp] : audiences;
  const match = candidates.find((aud) => provider.clientIds.includes(aud));
  if (match === undefined) throw stsErrors.incorrectAudience();
  return audiences.includes(match) ? match : audiences[0];
}

/** The default JwksFetcher: plain HTTP(S) GET with a timeout, any non-200 counting as unreachable. */
export async function fetchJwksOverHttp(jwksUri: string): Promise<unknown> {
  const response = await fetch(jwksUri, { signal: AbortSignal.timeout(5000) });
  if (response.status !== 200) throw new Error(`JWKS ${jwksUri} answered ${response.status}`);
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isJwks(value: unknown): value is JSONWebKeySet {
  return typeof value === "object" && value !== null && Array.isArray((value as { keys?: unknown }).keys);
}

// Verifies an RS256 JWT against an issuer's JWKS fetched over HTTP, the way a
// relying party such as AWS STS does, and says which check failed. jose checks
// the signature and the claims; this module keeps the JWKS (cached, fetched
// again for a kid the cached copy lacks) and names each failure.

import { decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JWK, type JWTPayload, type ProtectedHeaderParameters } from "jose";
import { JwksCache, JwksUnavailableError } from "./jwks-cache";
import { joseErrorCode, verifyWithKeySet } from "./key-set-verify";

export type JwtVerificationCode =
  | "expired"
  | "not-yet-valid"
  | "bad-signature"
  | "wrong-issuer"
  | "wrong-audience"
  | "malformed"
  | "unknown-key"
  | "jwks-unavailable";

export class JwtVerificationError extends Error {
  constructor(
    readonly code: JwtVerificationCode,
    message: string
  ) {
    super(message);
    this.name = "JwtVerificationError";
  }
}

export interface VerifyJwtOptions {
  jwksUri: string;
  /** The iss the token must carry. */
  issuer: string;
  /** The token's aud must be (or include) one of these. */
  audience: string | string[];
  /** Epoch milliseconds. */
  now?: () => number;
  /** Leeway for exp and nbf. Default 0. */
  clockToleranceSeconds?: number;
}

const ACCEPTED_ALGORITHM = "RS256";
const jwksCache = new JwksCache();

/** Forgets every cached JWKS, so the next verification fetches again. */
export function clearJwksCache(): void {
  jwksCache.clear();
}

/** The token's claims once its signature, iss, aud, nbf and exp all check out. */
export async function verifyJwt(token: string, options: VerifyJwtOptions): Promise<JWTPayload> {
  const { alg, kid } = decodeHeader(token);
  if (alg !== ACCEPTED_ALGORITHM) {
    throw new JwtVerificationError("bad-signature", `the token is signed with alg ${JSON.stringify(alg)}; only ${ACCEPTED_ALGORITHM} is accepted`);
  }
  if (kid !== undefined && typeof kid !== "string") throw new JwtVerificationError("malformed", "the token's kid is not a string");
  const nowMs = (options.now ?? Date.now)();
  const verifyWith = (keys: JWK[]) =>
    verifyWithKeySet(keys, (key) =>
      jwtVerify(token, key, {
        algorithms: [ACCEPTED_ALGORITHM],
        issuer: options.issuer,
        audience: options.audience,
        currentDate: new Date(nowMs),
        clockTolerance: options.clockToleranceSeconds ?? 0
      })
    );
  let payload: JWTPayload;
  try {
    try {
      payload = (await verifyWith(await loadKeys(() => jwksCache.keys(options.jwksUri)))).payload;
    } catch (error) {
      // A kid the cached JWKS lacks may be a key the issuer rotated in since.
      if (joseErrorCode(error) !== errors.JWKSNoMatchingKey.code || kid === undefined) throw error;
      payload = (await verifyWith(await loadKeys(() => jwksCache.refresh(options.jwksUri)))).payload;
    }
  } catch (error) {
    throw explain(error, kid, options, nowMs);
  }
  // jose checks exp only when present; a relying party requires it.
  if (payload.exp === undefined) throw new JwtVerificationError("malformed", "the token's exp claim is missing");
  return payload;
}

/** The protected header, once the token is a compact JWS whose header and claims are JSON objects. */
function decodeHeader(token: string): ProtectedHeaderParameters {
  try {
    decodeJwt(token);
    return decodeProtectedHeader(token);
  } catch (error) {
    throw new JwtVerificationError("malformed", `the token is not a compact JWS with JSON header and claims: ${messageOf(error)}`);
  }
}

async function loadKeys(load: () => Promise<JWK[]>): Promise<JWK[]> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof JwksUnavailableError) throw new JwtVerificationError("jwks-unavailable", error.message);
    throw error;
  }
}

/** jose's failure as the check that failed, in the relying party's words. */
function explain(error: unknown, kid: string | undefined, options: VerifyJwtOptions, nowMs: number): unknown {
  const fail = (code: JwtVerificationCode, message: string) => new JwtVerificationError(code, message);
  const claims = (error as { payload?: JWTPayload }).payload ?? {};
  switch (joseErrorCode(error)) {
    case errors.JWKSNoMatchingKey.code: {
      const which = kid === undefined ? "the token has no kid and there is no RSA signing key" : `there is no key with kid "${kid}"`;
      return fail("unknown-key", `${which} in the JWKS at ${options.jwksUri}`);
    }
    case errors.JWSSignatureVerificationFailed.code:
      return fail("bad-signature", `the token's signature does not verify with ${kid === undefined ? "any key" : `key "${kid}"`} of the JWKS at ${options.jwksUri}`);
    case errors.JWKInvalid.code:
    case errors.JWKSInvalid.code:
    case errors.JOSENotSupported.code:
      return fail("jwks-unavailable", `a key of the JWKS at ${options.jwksUri} is not a usable RSA key: ${messageOf(error)}`);
    case errors.JWTExpired.code:
      return fail("expired", `the token expired at ${isoTime(Number(claims.exp))} (exp ${claims.exp}); it is ${isoTime(Math.floor(nowMs / 1000))}`);
    case errors.JWTClaimValidationFailed.code:
      return claimFailure(error as errors.JWTClaimValidationFailed, claims, options, nowMs);
    case errors.JWTInvalid.code:
    case errors.JWSInvalid.code:
      return fail("malformed", `the token is malformed: ${messageOf(error)}`);
    default:
      return error;
  }
}

function claimFailure(error: errors.JWTClaimValidationFailed, claims: JWTPayload, options: VerifyJwtOptions, nowMs: number): JwtVerificationError {
  if (error.claim === "iss") {
    return new JwtVerificationError("wrong-issuer", `the token's iss is ${JSON.stringify(claims.iss)}, not "${options.issuer}"`);
  }
  if (error.claim === "aud") {
    const accepted = typeof options.audience === "string" ? [options.audience] : options.audience;
    return new JwtVerificationError("wrong-audience", `the token's aud is ${JSON.stringify(claims.aud)}, not among ${JSON.stringify(accepted)}`);
  }
  if (error.claim === "nbf" && error.reason === "check_failed") {
    const nbf = Number(claims.nbf);
    return new JwtVerificationError("not-yet-valid", `the token is not valid before ${isoTime(nbf)} (nbf ${nbf}); it is ${isoTime(Math.floor(nowMs / 1000))}`);
  }
  return new JwtVerificationError("malformed", `the token's ${error.claim} claim is not valid: ${error.message}`);
}

function isoTime(seconds: number): string {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? `${seconds} s after the epoch` : date.toISOString();
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// Verifies an RS256 JWT against an issuer's JWKS fetched over HTTP, the way a
// relying party such as AWS STS does, and says which check failed.

import type { KeyObject } from "node:crypto";
import type { JWK, JWTPayload } from "jose";
import { JwksCache, JwksUnavailableError } from "./jwks-cache";
import { decodeJwt, MalformedJwtError, publicKeyFromJwk, verifyRs256, type DecodedJwt } from "./jws";

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
  const jwt = decode(token);
  const { alg, kid } = jwt.header;
  if (alg !== ACCEPTED_ALGORITHM) {
    throw new JwtVerificationError("bad-signature", `the token is signed with alg ${JSON.stringify(alg)}; only ${ACCEPTED_ALGORITHM} is accepted`);
  }
  if (kid !== undefined && typeof kid !== "string") throw new JwtVerificationError("malformed", "the token's kid is not a string");
  const candidates = await signingKeyCandidates(options.jwksUri, kid);
  // Without a kid every RSA key in the JWKS is a candidate.
  if (!candidates.some((jwk) => verifyRs256(jwt.signingInput, jwt.signature, importKey(jwk, options.jwksUri)))) {
    throw new JwtVerificationError("bad-signature", `the token's signature does not verify with ${kid === undefined ? "any key" : `key "${kid}"`} of the JWKS at ${options.jwksUri}`);
  }
  checkClaims(jwt.payload, options);
  return jwt.payload;
}

function decode(token: string): DecodedJwt {
  try {
    return decodeJwt(token);
  } catch (error) {
    if (error instanceof MalformedJwtError) throw new JwtVerificationError("malformed", error.message);
    throw error;
  }
}

/** The JWKS keys that may have signed a token with this kid; refetches once for a kid not cached. */
async function signingKeyCandidates(jwksUri: string, kid: string | undefined): Promise<JWK[]> {
  const matching = (keys: JWK[]) =>
    keys.filter((k) => k.kty === "RSA" && (k.use === undefined || k.use === "sig") && (kid === undefined || k.kid === kid));
  let found = matching(await loadKeys(() => jwksCache.keys(jwksUri)));
  if (found.length === 0 && kid !== undefined) found = matching(await loadKeys(() => jwksCache.refresh(jwksUri)));
  if (found.length === 0) {
    const which = kid === undefined ? "the token has no kid and there is no RSA signing key" : `there is no key with kid "${kid}"`;
    throw new JwtVerificationError("unknown-key", `${which} in the JWKS at ${jwksUri}`);
  }
  return found;
}

async function loadKeys(load: () => Promise<JWK[]>): Promise<JWK[]> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof JwksUnavailableError) throw new JwtVerificationError("jwks-unavailable", error.message);
    throw error;
  }
}

function importKey(jwk: JWK, jwksUri: string): KeyObject {
  try {
    return publicKeyFromJwk(jwk);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new JwtVerificationError("jwks-unavailable", `the key "${jwk.kid ?? "(no kid)"}" in the JWKS at ${jwksUri} is not a usable RSA key: ${reason}`);
  }
}

function checkClaims(payload: JWTPayload, options: VerifyJwtOptions): void {
  if (payload.iss !== options.issuer) {
    throw new JwtVerificationError("wrong-issuer", `the token's iss is ${JSON.stringify(payload.iss)}, not "${options.issuer}"`);
  }
  const accepted = typeof options.audience === "string" ? [options.audience] : options.audience;
  const audiences = typeof payload.aud === "string" ? [payload.aud] : Array.isArray(payload.aud) ? payload.aud : [];
  if (!audiences.some((aud) => accepted.includes(aud))) {
    throw new JwtVerificationError("wrong-audience", `the token's aud is ${JSON.stringify(payload.aud)}, not among ${JSON.stringify(accepted)}`);
  }
  const now = Math.floor((options.now ?? Date.now)() / 1000);
  const tolerance = options.clockToleranceSeconds ?? 0;
  const exp = numericDate(payload, "exp", true);
  const nbf = numericDate(payload, "nbf", false);
  if (nbf !== undefined && nbf > now + tolerance) {
    throw new JwtVerificationError("not-yet-valid", `the token is not valid before ${isoTime(nbf)} (nbf ${nbf}); it is ${isoTime(now)}`);
  }
  if (exp <= now - tolerance) {
    throw new JwtVerificationError("expired", `the token expired at ${isoTime(exp)} (exp ${exp}); it is ${isoTime(now)}`);
  }
}

function numericDate(payload: JWTPayload, claim: "exp" | "nbf", required: true): number;
function numericDate(payload: JWTPayload, claim: "exp" | "nbf", required: false): number | undefined;
function numericDate(payload: JWTPayload, claim: "exp" | "nbf", required: boolean): number | undefined {
  const value = payload[claim];
  if (value === undefined && !required) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new JwtVerificationError("malformed", `the token's ${claim} claim ${value === undefined ? "is missing" : "is not a number of seconds"}`);
  }
  return value;
}

function isoTime(seconds: number): string {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? `${seconds} s after the epoch` : date.toISOString();
}

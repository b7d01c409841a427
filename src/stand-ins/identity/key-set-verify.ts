// jose's verification against the keys of a JWKS, as relying parties do it:
// jose picks the keys that fit the token's alg and kid, and when several fit
// (a JWKS without kids, say) each is tried until one verifies.

import { createLocalJWKSet, errors, type CryptoKey, type JWK } from "jose";

/** A jose verification (jwtVerify, compactVerify) bound to a token and options. */
export type KeyedVerification<T> = (key: ReturnType<typeof createLocalJWKSet> | CryptoKey) => Promise<T>;

export async function verifyWithKeySet<T>(keys: JWK[], verification: KeyedVerification<T>): Promise<T> {
  try {
    return await verification(createLocalJWKSet({ keys }));
  } catch (error) {
    if (joseErrorCode(error) !== errors.JWKSMultipleMatchingKeys.code) throw error;
    for await (const key of error as errors.JWKSMultipleMatchingKeys) {
      try {
        return await verification(key);
      } catch (attempt) {
        if (joseErrorCode(attempt) !== errors.JWSSignatureVerificationFailed.code) throw attempt;
      }
    }
    throw new errors.JWSSignatureVerificationFailed();
  }
}

/** jose's error code (ERR_...), undefined for anything else; by code because Jest may load jose's errors twice. */
export function joseErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("ERR_J") ? code : undefined;
}

// Compact JWS decoding and signature checks on node:crypto for the
// algorithms STS accepts (RS256/384/512, ES256/384/512).
//
// Why not jose at run time: jose 6 ships only ES modules, which Jest 30 on
// Node 20 does not load through its CommonJS registry; jose's types are still
// used (type imports are erased).

import { createPublicKey, verify, type JsonWebKey, type KeyObject } from "node:crypto";
import type { JWK } from "jose";
import { decodeJsonObject, MalformedJwtError } from "../identity/jws";

export { MalformedJwtError };

export interface CompactJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  /** base64url(header) "." base64url(payload): the bytes the signature covers. */
  signingInput: string;
  signature: Buffer;
}

interface Algorithm {
  hash: string;
  kty: "RSA" | "EC";
  crv?: string;
}

const ALGORITHMS: Record<string, Algorithm> = {
  RS256: { hash: "sha256", kty: "RSA" },
  RS384: { hash: "sha384", kty: "RSA" },
  RS512: { hash: "sha512", kty: "RSA" },
  ES256: { hash: "sha256", kty: "EC", crv: "P-256" },
  ES384: { hash: "sha384", kty: "EC", crv: "P-384" },
  ES512: { hash: "sha512", kty: "EC", crv: "P-521" }
};

const BASE64URL = /^[A-Za-z0-9_-]+$/;

export function decodeCompactJwt(token: string): CompactJwt {
  const parts = token.split(".");
  if (parts.length !== 3 || !parts.every((part) => BASE64URL.test(part))) {
    throw new MalformedJwtError("the token is not three base64url parts separated by dots");
  }
  return {
    header: decodeJsonObject(parts[0], "header"),
    payload: decodeJsonObject(parts[1], "payload"),
    signingInput: `${parts[0]}.${parts[1]}`,
    signature: Buffer.from(parts[2], "base64url")
  };
}

export type SignatureCheck = "verified" | "no-matching-key" | "bad-signature";

/** Checks the signature with the JWKS keys that fit the token's alg and kid. */
export function checkSignature(jwt: CompactJwt, keys: JWK[]): SignatureCheck {
  const algName = jwt.header.alg;
  const algorithm = typeof algName === "string" && Object.prototype.hasOwnProperty.call(ALGORITHMS, algName) ? ALGORITHMS[algName] : undefined;
  if (!algorithm) return "bad-signature";
  const kid = jwt.header.kid;
  const candidates = keys.filter(
    (k) =>
      k.kty === algorithm.kty &&
      (algorithm.crv === undefined || k.crv === algorithm.crv) &&
      (k.use === undefined || k.use === "sig") &&
      (k.alg === undefined || k.alg === algName) &&
      (kid === undefined || k.kid === kid)
  );
  if (candidates.length === 0) return "no-matching-key";
  const verified = candidates.some((jwk) => {
    const key = importPublicKey(jwk);
    return key !== undefined && verifies(algorithm, jwt, key);
  });
  return verified ? "verified" : "bad-signature";
}

function verifies(algorithm: Algorithm, jwt: CompactJwt, key: KeyObject): boolean {
  try {
    // JWS ECDSA signatures are r||s, not DER.
    const options = algorithm.kty === "EC" ? { key, dsaEncoding: "ieee-p1363" as const } : key;
    return verify(algorithm.hash, Buffer.from(jwt.signingInput), options, jwt.signature);
  } catch {
    // OpenSSL throws on some malformed signatures (a wrong length, say).
    return false;
  }
}

function importPublicKey(jwk: JWK): KeyObject | undefined {
  try {
    return createPublicKey({ key: jwk as JsonWebKey, format: "jwk" });
  } catch {
    return undefined;
  }
}

// Compact RS256 JWS (RFC 7515/7519) on node:crypto: encoding, decoding and
// signature checks. Claim checks live with the verifier.
//
// Why not jose: jose 6 ships only ES modules, which Jest 30 on Node 20 will
// not load through its CommonJS registry without a transform of
// node_modules/jose configured in jest.config.js; RS256 alone is small enough
// to do here, and the jose types are still used (type imports are erased).

import { createHash, createPublicKey, sign, verify, type KeyObject } from "node:crypto";
import type { JWK, JWTPayload } from "jose";

export interface JwsHeader {
  alg?: unknown;
  kid?: unknown;
  typ?: unknown;
  [name: string]: unknown;
}

export interface DecodedJwt {
  header: JwsHeader;
  payload: JWTPayload;
  /** base64url(header) + "." + base64url(payload): the bytes the signature covers. */
  signingInput: string;
  signature: Buffer;
}

export class MalformedJwtError extends Error {}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

export function signRs256(header: JwsHeader, payload: JWTPayload, privateKey: KeyObject): string {
  const signingInput = `${encodeJson({ ...header, alg: "RS256" })}.${encodeJson(payload)}`;
  // RSA keys sign RSASSA-PKCS1-v1_5 by default: RS256 with SHA-256.
  return `${signingInput}.${sign("sha256", Buffer.from(signingInput), privateKey).toString("base64url")}`;
}

export function decodeJwt(token: string): DecodedJwt {
  const parts = typeof token === "string" ? token.split(".") : [];
  if (parts.length !== 3 || !parts.every((part) => BASE64URL.test(part)) || parts[0] === "" || parts[1] === "") {
    throw new MalformedJwtError("the token is not a compact JWS: three base64url parts separated by dots");
  }
  const header = decodeJsonObject(parts[0], "header");
  const payload = decodeJsonObject(parts[1], "payload") as JWTPayload;
  return { header, payload, signingInput: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2], "base64url") };
}

export function verifyRs256(signingInput: string, signature: Buffer, publicKey: KeyObject): boolean {
  try {
    return verify("sha256", Buffer.from(signingInput), publicKey, signature);
  } catch {
    // OpenSSL rejects some malformed signatures (wrong length) by throwing.
    return false;
  }
}

/** A public key from an RSA JWK; throws when the JWK is not one. */
export function publicKeyFromJwk(jwk: JWK): KeyObject {
  if (jwk.kty !== "RSA" || typeof jwk.n !== "string" || typeof jwk.e !== "string") {
    throw new Error(`kty "${String(jwk.kty)}" with n and e expected to be an RSA public key`);
  }
  return createPublicKey({ key: { kty: "RSA", n: jwk.n, e: jwk.e }, format: "jwk" });
}

/** The RFC 7638 thumbprint of an RSA public key: a kid stable for the key and unique to it. */
export function rsaThumbprint(n: string, e: string): string {
  // Required members only, in lexicographic order, no whitespace.
  return createHash("sha256").update(JSON.stringify({ e, kty: "RSA", n })).digest("base64url");
}

function encodeJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

export function decodeJsonObject(part: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
  } catch {
    throw new MalformedJwtError(`the token's ${what} is not base64url-encoded JSON`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new MalformedJwtError(`the token's ${what} is not a JSON object`);
  }
  return value as Record<string, unknown>;
}

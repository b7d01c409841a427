import { createHash, createPublicKey, verify } from "node:crypto";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { SigningKeys } from "../../../src/stand-ins/identity/signing-keys";

/** Checks an RS256 signature independently of the code under test's verifier. */
function signatureValid(token: string, jwk: { n?: string; e?: string }): boolean {
  const [header, payload, signature] = token.split(".");
  const key = createPublicKey({ key: { kty: "RSA", n: jwk.n as string, e: jwk.e as string }, format: "jwk" });
  return verify("sha256", Buffer.from(`${header}.${payload}`), key, Buffer.from(signature, "base64url"));
}

/** RFC 7638's thumbprint of an RSA public key, computed independently of the code under test. */
function rsaThumbprint(n: string, e: string): string {
  // Required members only, in lexicographic order, no whitespace.
  return createHash("sha256").update(JSON.stringify({ e, kty: "RSA", n })).digest("base64url");
}

describe("SigningKeys", () => {
  let keys: SigningKeys;

  beforeAll(async () => {
    keys = await SigningKeys.generate();
  });

  it("publishes one public 2048-bit RSA key with its kid", () => {
    const { keys: jwks } = keys.jwks();
    expect(jwks).toHaveLength(1);
    const [jwk] = jwks;
    expect(jwk).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig", kid: keys.currentKid, e: "AQAB" });
    expect(Buffer.from(jwk.n as string, "base64url").length * 8).toBe(2048);
    // No private parts leak into the JWKS.
    expect(Object.keys(jwk).sort()).toEqual(["alg", "e", "kid", "kty", "n", "use"]);
  });

  it("names each key by its RFC 7638 thumbprint", () => {
    const n =
      "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
    // The oracle gives RFC 7638's example thumbprint.
    expect(rsaThumbprint(n, "AQAB")).toBe("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
    const [jwk] = keys.jwks().keys;
    expect(keys.currentKid).toBe(rsaThumbprint(jwk.n as string, jwk.e as string));
  });

  it("signs RS256 JWTs with the current kid and a default iat from now", async () => {
    const token = await keys.sign({ sub: "alice" }, { now: 1_700_000_000_500 });
    const header = decodeProtectedHeader(token);
    const payload = decodeJwt(token);
    expect(header).toEqual({ alg: "RS256", kid: keys.currentKid, typ: "JWT" });
    expect(payload).toEqual({ sub: "alice", iat: 1_700_000_000 });
    expect(signatureValid(token, keys.jwks().keys[0])).toBe(true);
    const tampered = token.replace(/\.[^.]+\./, "." + Buffer.from(JSON.stringify({ sub: "mallory", iat: 1_700_000_000 })).toString("base64url") + ".");
    expect(signatureValid(tampered, keys.jwks().keys[0])).toBe(false);
  });

  it("accepts a clock function for now, and an explicit iat wins", async () => {
    const fromClock = decodeJwt(await keys.sign({ sub: "a" }, { now: () => 2_000_000_000_000 }));
    expect(fromClock.iat).toBe(2_000_000_000);
    const explicit = decodeJwt(await keys.sign({ sub: "a", iat: 5 }, { now: 2_000_000_000_000 }));
    expect(explicit.iat).toBe(5);
  });

  it("rotate() signs with a new key and keeps the old one in the JWKS; retire() drops it", async () => {
    const rotating = await SigningKeys.generate();
    const oldKid = rotating.currentKid;
    const newKid = await rotating.rotate();
    expect(newKid).not.toBe(oldKid);
    expect(rotating.currentKid).toBe(newKid);
    expect(rotating.jwks().keys.map((k) => k.kid)).toEqual([newKid, oldKid]);
    const rotatedToken = await rotating.sign({});
    expect(decodeProtectedHeader(rotatedToken).kid).toBe(newKid);
    expect(signatureValid(rotatedToken, rotating.jwks().keys[0])).toBe(true);
    expect(signatureValid(rotatedToken, rotating.jwks().keys[1])).toBe(false);

    expect(() => rotating.retire(newKid)).toThrow(/current signing key/);
    rotating.retire(oldKid);
    expect(rotating.jwks().keys.map((k) => k.kid)).toEqual([newKid]);
    expect(() => rotating.retire("nope")).toThrow(/no signing key has kid "nope"/);
  });
});

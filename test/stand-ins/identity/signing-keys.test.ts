import { createPublicKey, verify } from "node:crypto";
import { decodeJwt } from "../../../src/stand-ins/identity/jws";
import { SigningKeys } from "../../../src/stand-ins/identity/signing-keys";

/** Checks an RS256 signature independently of the code under test's verifier. */
function signatureValid(token: string, jwk: { n?: string; e?: string }): boolean {
  const [header, payload, signature] = token.split(".");
  const key = createPublicKey({ key: { kty: "RSA", n: jwk.n as string, e: jwk.e as string }, format: "jwk" });
  return verify("sha256", Buffer.from(`${header}.${payload}`), key, Buffer.from(signature, "base64url"));
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

  it("signs RS256 JWTs with the current kid and a default iat from now", async () => {
    const token = await keys.sign({ sub: "alice" }, { now: 1_700_000_000_500 });
    const { header, payload } = decodeJwt(token);
    expect(header).toEqual({ alg: "RS256", kid: keys.currentKid, typ: "JWT" });
    expect(payload).toEqual({ sub: "alice", iat: 1_700_000_000 });
    expect(signatureValid(token, keys.jwks().keys[0])).toBe(true);
    const tampered = token.replace(/\.[^.]+\./, "." + Buffer.from(JSON.stringify({ sub: "mallory", iat: 1_700_000_000 })).toString("base64url") + ".");
    expect(signatureValid(tampered, keys.jwks().keys[0])).toBe(false);
  });

  it("accepts a clock function for now, and an explicit iat wins", async () => {
    const fromClock = decodeJwt(await keys.sign({ sub: "a" }, { now: () => 2_000_000_000_000 })).payload;
    expect(fromClock.iat).toBe(2_000_000_000);
    const explicit = decodeJwt(await keys.sign({ sub: "a", iat: 5 }, { now: 2_000_000_000_000 })).payload;
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
    expect(decodeJwt(rotatedToken).header.kid).toBe(newKid);
    expect(signatureValid(rotatedToken, rotating.jwks().keys[0])).toBe(true);
    expect(signatureValid(rotatedToken, rotating.jwks().keys[1])).toBe(false);

    expect(() => rotating.retire(newKid)).toThrow(/current signing key/);
    rotating.retire(oldKid);
    expect(rotating.jwks().keys.map((k) => k.kid)).toEqual([newKid]);
    expect(() => rotating.retire("nope")).toThrow(/no signing key has kid "nope"/);
  });
});

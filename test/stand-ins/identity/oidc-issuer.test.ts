import { decodeProtectedHeader } from "jose";
import { clearJwksCache, JwtVerificationError, verifyJwt, type JwtVerificationCode } from "../../../src/stand-ins/identity/jwt-verify";
import { OidcIssuer } from "../../../src/stand-ins/identity/oidc-issuer";

const AUDIENCE = "sts.amazonaws.com";
const T0 = Date.UTC(2030, 0, 1);

async function rejection(promise: Promise<unknown>): Promise<JwtVerificationError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof JwtVerificationError) return error;
    throw error;
  }
  throw new Error("expected the token to be rejected, but it verified");
}

describe("OidcIssuer", () => {
  let clock = T0;
  let issuer: OidcIssuer;
  const verify = (token: string, audience: string | string[] = AUDIENCE) =>
    verifyJwt(token, { jwksUri: issuer.jwksUri, issuer: issuer.issuer, audience, now: () => clock });

  beforeAll(async () => {
    issuer = await OidcIssuer.start({ now: () => clock });
  });
  afterAll(() => issuer.close());
  beforeEach(() => {
    clock = T0;
  });

  it("serves an OpenID discovery document that points at its JWKS", async () => {
    expect(issuer.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${issuer.issuer}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as Record<string, unknown>;
    expect(document).toMatchObject({
      issuer: issuer.issuer,
      jwks_uri: issuer.jwksUri,
      id_token_signing_alg_values_supported: ["RS256"],
      subject_types_supported: ["public"]
    });
    expect(document.response_types_supported).toEqual(expect.arrayContaining(["id_token"]));
  });

  it("serves its JWKS with Cache-Control and counts the fetches", async () => {
    const before = issuer.jwksFetches;
    const response = await fetch(issuer.jwksUri);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toMatch(/max-age=\d+/);
    const jwks = (await response.json()) as { keys: { kid: string; kty: string; d?: string }[] };
    expect(jwks.keys.map((k) => k.kid)).toEqual([issuer.keys.currentKid]);
    expect(jwks.keys[0].kty).toBe("RSA");
    expect(jwks.keys[0].d).toBeUndefined();
    expect(issuer.jwksFetches).toBe(before + 1);
  });

  it("answers 404 for other paths and 405 for other methods", async () => {
    expect((await fetch(`${issuer.issuer}/nope`)).status).toBe(404);
    expect((await fetch(issuer.jwksUri, { method: "POST", body: "{}" })).status).toBe(405);
  });

  it("mints tokens that verify, with the claims asked for", async () => {
    const token = await issuer.mintToken({ sub: "apigee-proxy", aud: AUDIENCE, claims: { email: "p@example.com" } });
    const claims = await verify(token);
    expect(claims).toMatchObject({
      iss: issuer.issuer,
      sub: "apigee-proxy",
      aud: AUDIENCE,
      iat: T0 / 1000,
      exp: T0 / 1000 + 3600,
      email: "p@example.com"
    });
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: "RS256", kid: issuer.keys.currentKid });
  });

  it("accepts a token whose aud array includes an accepted audience", async () => {
    const token = await issuer.mintToken({ sub: "s", aud: ["other", AUDIENCE] });
    await expect(verify(token, ["x", AUDIENCE])).resolves.toMatchObject({ sub: "s" });
  });

  it("caches the JWKS between verifications", async () => {
    clearJwksCache();
    const first = await issuer.mintToken({ sub: "a", aud: AUDIENCE });
    const second = await issuer.mintToken({ sub: "b", aud: AUDIENCE });
    const before = issuer.jwksFetches;
    await verify(first);
    await verify(second);
    await Promise.all([verify(first), verify(second)]);
    expect(issuer.jwksFetches).toBe(before + 1);
  });

  describe("rejects", () => {
    const cases: [string, () => Promise<string>, JwtVerificationCode][] = [
      [
        "a tampered payload",
        async () => {
          const [header, , signature] = (await issuer.mintToken({ sub: "alice", aud: AUDIENCE })).split(".");
          const forged = { iss: issuer.issuer, sub: "admin", aud: AUDIENCE, exp: T0 / 1000 + 3600 };
          return `${header}.${Buffer.from(JSON.stringify(forged)).toString("base64url")}.${signature}`;
        }
      ,
        "bad-signature"
      ],
      [
        "a tampered signature",
        async () => {
          const token = await issuer.mintToken({ sub: "alice", aud: AUDIENCE });
          const signature = Buffer.from(token.split(".")[2], "base64url");
          signature[10] ^= 0xff;
          return token.replace(/[^.]+$/, signature.toString("base64url"));
        },
        "bad-signature"
      ],
      [
        "a truncated signature",
        async () => {
          const token = await issuer.mintToken({ sub: "alice", aud: AUDIENCE });
          return token.replace(/[^.]+$/, Buffer.from(token.split(".")[2], "base64url").subarray(1).toString("base64url"));
        },
        "bad-signature"
      ],
      ["a token signed by a foreign key", () => issuer.mintToken({ sub: "s", aud: AUDIENCE, signWith: "foreign" }), "unknown-key"],
      ["a wrong iss", () => issuer.mintToken({ sub: "s", aud: AUDIENCE, issuer: "https://evil.example.com" }), "wrong-issuer"],
      ["a wrong aud", () => issuer.mintToken({ sub: "s", aud: "someone-else" }), "wrong-audience"],
      ["an expired token", () => issuer.mintToken({ sub: "s", aud: AUDIENCE, expiresInSeconds: -1 }), "expired"],
      ["a token whose nbf is in the future", () => issuer.mintToken({ sub: "s", aud: AUDIENCE, notBeforeSeconds: 120 }), "not-yet-valid"],
      ["a token without exp", () => issuer.mintToken({ sub: "s", aud: AUDIENCE, claims: { exp: undefined } }), "malformed"],
      ["garbage", async () => "not-a-jwt", "malformed"],
      ["two parts", async () => "a.b", "malformed"],
      ["non-base64url characters", async () => "a+b.c.d", "malformed"],
      ["a header that is not JSON", async () => `${Buffer.from("nope").toString("base64url")}.${Buffer.from("{}").toString("base64url")}.`, "malformed"],
      ["a payload that is a JSON array", async () => `${Buffer.from("{}").toString("base64url")}.${Buffer.from("[1]").toString("base64url")}.`, "malformed"],
      [
        "alg none",
        async () => {
          const token = await issuer.mintToken({ sub: "s", aud: AUDIENCE });
          const header = Buffer.from(JSON.stringify({ alg: "none", kid: issuer.keys.currentKid })).toString("base64url");
          return `${header}.${token.split(".")[1]}.`;
        },
        "bad-signature"
      ]
    ];
    it.each(cases)("%s", async (_what, mint, code) => {
      const error = await rejection(verify(await mint()));
      expect(error.code).toBe(code);
      expect(error.message.length).toBeGreaterThan(10);
    });
  });

  it("honours the verifier's clock and clock tolerance", async () => {
    const token = await issuer.mintToken({ sub: "s", aud: AUDIENCE, expiresInSeconds: 60 });
    clock = T0 + 59_000;
    await expect(verify(token)).resolves.toBeDefined();
    clock = T0 + 60_000;
    expect((await rejection(verify(token))).code).toBe("expired");
    const lenient = verifyJwt(token, { jwksUri: issuer.jwksUri, issuer: issuer.issuer, audience: AUDIENCE, now: () => clock, clockToleranceSeconds: 30 });
    await expect(lenient).resolves.toMatchObject({ sub: "s" });
  });

  it("keeps tokens signed before a key rotation valid, and picks up the new key", async () => {
    const rotating = await OidcIssuer.start({ now: () => clock });
    try {
      const verifyHere = (token: string) => verifyJwt(token, { jwksUri: rotating.jwksUri, issuer: rotating.issuer, audience: AUDIENCE, now: () => clock });
      const before = await rotating.mintToken({ sub: "old", aud: AUDIENCE });
      await verifyHere(before);
      const fetchesBefore = rotating.jwksFetches;
      const newKid = await rotating.rotateKeys();
      const after = await rotating.mintToken({ sub: "new", aud: AUDIENCE });
      expect(decodeProtectedHeader(after).kid).toBe(newKid);
      // The cached JWKS lacks the new kid: the verifier fetches it once more.
      await expect(verifyHere(after)).resolves.toMatchObject({ sub: "new" });
      expect(rotating.jwksFetches).toBe(fetchesBefore + 1);
      await expect(verifyHere(before)).resolves.toMatchObject({ sub: "old" });
      expect(rotating.jwksFetches).toBe(fetchesBefore + 1);

      rotating.keys.retire(decodeProtectedHeader(before).kid as string);
      clearJwksCache();
      expect((await rejection(verifyHere(before))).code).toBe("unknown-key");
    } finally {
      await rotating.close();
    }
  });

  it("reports jwks-unavailable when the JWKS answers an error or nobody listens", async () => {
    const flaky = await OidcIssuer.start({ now: () => clock });
    const token = await flaky.mintToken({ sub: "s", aud: AUDIENCE });
    const verifyHere = () => verifyJwt(token, { jwksUri: flaky.jwksUri, issuer: flaky.issuer, audience: AUDIENCE, now: () => clock });
    flaky.failNextJwks(1, 503);
    const failed = await rejection(verifyHere());
    expect(failed.code).toBe("jwks-unavailable");
    expect(failed.message).toContain("503");
    await expect(verifyHere()).resolves.toMatchObject({ sub: "s" });

    await flaky.close();
    clearJwksCache();
    expect((await rejection(verifyHere())).code).toBe("jwks-unavailable");
  });
});

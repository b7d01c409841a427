// VerifyJWT in the runner: tokens signed with jose, keys from a JWKS served
// on loopback (cached, refetched for a new kid), a PEM or an HMAC secret;
// time checks on an injected clock; claim checks; output variables; and
// every fault as a 401 with its documented name.

import * as jose from "jose";
import { closeRunners, startRunner, TestRunner } from "../../support/runner";
import { LoopbackServer, startServer } from "../../support/loopback-server";
import { echoed, faultOf, loadError, policyProxy, TestClock } from "./policy-test-kit";

const T0 = Date.UTC(2030, 0, 1, 12, 0, 0);
const clock = new TestClock(T0);
const secs = (ms: number) => Math.floor(ms / 1000);

let jwksServer: LoopbackServer;
let jwksFetches = 0;
let servedKeys: jose.JWK[] = [];
let signingKey: CryptoKey;
let otherKey: CryptoKey;
let publicPem: string;
let t: TestRunner;

async function sign(claims: jose.JWTPayload, header: Partial<jose.JWTHeaderParameters> = {}, key: CryptoKey | Uint8Array = signingKey): Promise<string> {
  return new jose.SignJWT({ iss: "https://idp.example", sub: "alice", aud: "s3-front", iat: secs(clock.ms), exp: secs(clock.ms) + 3600, ...claims })
    .setProtectedHeader({ alg: "RS256", kid: "k1", typ: "JWT", ...header })
    .sign(key);
}

const bearer = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } });

const verifyJwks = (extra = "", uri = "") => `<VerifyJWT name="VJ">
  <Algorithm>RS256</Algorithm>
  <PublicKey><JWKS uri="${uri || `${jwksServer.url}/jwks`}"/></PublicKey>
  <Issuer>https://idp.example</Issuer>
  <Audience>s3-front</Audience>
  ${extra}
</VerifyJWT>`;

beforeAll(async () => {
  const pair = await jose.generateKeyPair("RS256", { extractable: true });
  signingKey = pair.privateKey;
  otherKey = (await jose.generateKeyPair("RS256")).privateKey;
  publicPem = await jose.exportSPKI(pair.publicKey);
  servedKeys = [{ ...(await jose.exportJWK(pair.publicKey)), kid: "k1", alg: "RS256", use: "sig" }];
  jwksServer = await startServer((_req, res) => {
    jwksFetches++;
    res.setHeader("Content-Type", "application/json");
    res.end(JSON.stringify({ keys: servedKeys }));
  });
  const echo = ["jwt.VJ.valid", "jwt.VJ.claim.issuer", "jwt.VJ.claim.subject", "jwt.VJ.claim.audience", "jwt.VJ.claim.expiry", "jwt.VJ.decoded.claim.sub", "jwt.VJ.claim.role", "jwt.VJ.header.kid", "jwt.VJ.header.algorithm", "jwt.VJ.error", "JWT.failed", "jwt.VJ.payload-json", "jwt.VJ.seconds_remaining", "jwt.VJ.expiry_formatted"];
  t = await startRunner(
    [
      policyProxy("jwks", { policies: { VJ: verifyJwks() }, steps: ["VJ"], echo }),
      policyProxy("allow", { policies: { VJ: verifyJwks("<TimeAllowance>30s</TimeAllowance>") }, steps: ["VJ"], echo }),
      policyProxy("claims", {
        policies: { VJ: verifyJwks('<Subject>alice</Subject><AdditionalClaims><Claim name="role">admin</Claim><Claim name="level" type="number">3</Claim><Claim name="scopes" array="true">read,write</Claim></AdditionalClaims>') },
        steps: ["VJ"],
        echo
      }),
      policyProxy("lenient", {
        policies: { VJ: verifyJwks('<Subject ref="no.such.variable"/><IgnoreUnresolvedVariables>true</IgnoreUnresolvedVariables>').replace('name="VJ"', 'name="VJ" continueOnError="true"') },
        steps: ["VJ"],
        echo
      }),
      policyProxy("strict", { policies: { VJ: verifyJwks('<Subject ref="no.such.variable"/>') }, steps: ["VJ"], echo }),
      policyProxy("bounded", { policies: { VJ: verifyJwks('<RequiredClaims>exp,iat</RequiredClaims><MaxLifespan useIssueTime="true">1h</MaxLifespan>') }, steps: ["VJ"], echo }),
      policyProxy("sourced", { policies: { VJ: verifyJwks("<Source>request.header.x-token</Source>") }, steps: ["VJ"], echo }),
      policyProxy("soft", { policies: { VJ: verifyJwks().replace('name="VJ"', 'name="VJ" continueOnError="true"') }, steps: ["VJ"], echo }),
      policyProxy("pem", {
        policies: {
          VJ: `<VerifyJWT name="VJ"><Algorithm>RS256</Algorithm><Source>request.queryparam.token</Source><PublicKey><Value ref="propertyset.keys.pem"/></PublicKey></VerifyJWT>`
        },
        steps: ["VJ"],
        echo
      }),
      policyProxy("hmac", {
        policies: {
          Secret: `<AssignMessage name="Secret"><AssignVariable><Name>private.secretkey</Name><Value>0123456789abcdef0123456789abcdef</Value></AssignVariable></AssignMessage>`,
          VJ: `<VerifyJWT name="VJ"><Algorithm>HS256</Algorithm><SecretKey><Value ref="private.secretkey"/></SecretKey><Audience>s3-front</Audience></VerifyJWT>`
        },
        steps: ["Secret", "VJ"],
        echo
      })
    ],
    { now: clock.now, propertySets: { keys: { pem: publicPem } } }
  );
});

afterAll(async () => {
  await closeRunners();
  await jwksServer.close();
});

beforeEach(() => {
  clock.ms = T0;
});

test("a valid RS256 token verified with a JWKS fetched by URI sets jwt.NAME.* variables", async () => {
  const r = await t.fetch("/jwks", bearer(await sign({ role: "admin" })));
  expect(r.status).toBe(200);
  expect(echoed(r, 11)).toEqual(["true", "https://idp.example", "alice", "s3-front", String((secs(T0) + 3600) * 1000), "alice", "admin", "k1", "RS256", "", ""]);
  const [payloadJson, secondsRemaining, expiryFormatted] = echoed(r, 14).slice(11);
  expect(JSON.parse(payloadJson!)).toMatchObject({ iss: "https://idp.example", sub: "alice", role: "admin" });
  expect([secondsRemaining, expiryFormatted]).toEqual(["3600", "2030-01-01T13:00:00.000+0000"]);
});

test("the JWKS is cached five minutes per runtime, and fetched again for a kid it lacks", async () => {
  const token = await sign({});
  await t.fetch("/jwks", bearer(token));
  const before = jwksFetches;
  await t.fetch("/jwks", bearer(token));
  expect(jwksFetches).toBe(before);
  clock.advance(5 * 60_000);
  const later = await sign({});
  expect((await t.fetch("/jwks", bearer(later))).status).toBe(200);
  expect(jwksFetches).toBe(before + 1);
  const rotated = await sign({}, { kid: "k2" });
  servedKeys = [...servedKeys, { ...servedKeys[0], kid: "k2" }];
  expect((await t.fetch("/jwks", bearer(rotated))).status).toBe(200);
  expect(jwksFetches).toBe(before + 2);
});

test("expiry, not-before and TimeAllowance are judged on the runtime clock", async () => {
  const token = await sign({ exp: secs(T0) + 60 });
  clock.advance(70_000);
  expect(await faultOf(await t.fetch("/jwks", bearer(token)))).toEqual({
    status: 401,
    name: "TokenExpired",
    errorcode: "steps.jwt.TokenExpired",
    faultstring: "The Token has expired: policy(VJ)"
  });
  // 10 s past expiry is within a 30 s allowance; 31 s is not.
  expect((await t.fetch("/allow", bearer(token))).status).toBe(200);
  clock.advance(21_000);
  expect((await faultOf(await t.fetch("/allow", bearer(token)))).name).toBe("TokenExpired");
  clock.ms = T0;
  const early = await sign({ nbf: secs(T0) + 120 });
  expect(await faultOf(await t.fetch("/jwks", bearer(early)))).toEqual({
    status: 401,
    name: "TokenNotYetValid",
    errorcode: "steps.jwt.TokenNotYetValid",
    faultstring: "The Token is not yet valid: policy(VJ)"
  });
});

test.each<[string, jose.JWTPayload]>([
  ["exp as a string", { exp: String(secs(T0) + 3600) as unknown as number }],
  ["exp null", { exp: null as unknown as number }],
  ["exp true", { exp: true as unknown as number }],
  ["exp past year 9999", { exp: 1e30 }],
  ["nbf as a string", { nbf: "0" as unknown as number }],
  ["iat negative", { iat: -1 }]
])("%s is a malformed token: 401 InvalidToken, never 'no expiry' and never a 500", async (_case, claims) => {
  clock.ms = T0;
  const seen = await faultOf(await t.fetch("/jwks", bearer(await sign(claims))));
  expect({ status: seen.status, name: seen.name }).toEqual({ status: 401, name: "InvalidToken" });
  expect(seen.faultstring).toMatch(/^Invalid token: the (exp|nbf|iat) claim is not a NumericDate: policy\(VJ\)$/);
});

test("RequiredClaims: a token without exp or iat is InvalidClaim; MaxLifespan: one living longer than it is InvalidToken", async () => {
  const now = secs(T0);
  expect((await t.fetch("/bounded", bearer(await sign({ iat: now, exp: now + 3600 })))).status).toBe(200);
  for (const [claims, name, faultstring] of [
    [{ exp: undefined }, "InvalidClaim", "Invalid Claim: policy(VJ) claim(exp)"],
    [{ iat: undefined }, "InvalidClaim", "Invalid Claim: policy(VJ) claim(iat)"],
    [{ iat: now, exp: now + 3601 }, "InvalidToken", "Invalid token: its lifespan exceeds MaxLifespan 1h: policy(VJ)"],
    [{ iat: now, exp: now + 100 * 365 * 86400 }, "InvalidToken", "Invalid token: its lifespan exceeds MaxLifespan 1h: policy(VJ)"]
  ] as const) {
    const token = await new jose.SignJWT({ iss: "https://idp.example", sub: "alice", aud: "s3-front", iat: now, exp: now + 600, ...claims }).setProtectedHeader({ alg: "RS256", kid: "k1" }).sign(signingKey);
    expect(await faultOf(await t.fetch("/bounded", bearer(token)))).toMatchObject({ status: 401, name, faultstring });
  }
  // Without MaxLifespan (the /jwks proxy) a token without exp passes: exp is optional unless required.
  const noExp = await new jose.SignJWT({ iss: "https://idp.example", sub: "alice", aud: "s3-front" }).setProtectedHeader({ alg: "RS256", kid: "k1" }).sign(signingKey);
  expect((await t.fetch("/jwks", bearer(noExp))).status).toBe(200);
});

test("the default source requires the Bearer scheme, as Apigee documents; an explicit Source takes the value as it is", async () => {
  const token = await sign({});
  expect(await faultOf(await t.fetch("/jwks", { headers: { Authorization: token } }))).toMatchObject({ status: 401, name: "FailedToDecode" });
  expect((await t.fetch("/jwks", { headers: { Authorization: `bearer ${token}` } })).status).toBe(200);
  expect((await t.fetch("/sourced", { headers: { "x-token": token } })).status).toBe(200);
  expect(await faultOf(await t.fetch("/sourced", { headers: { "x-token": `Bearer ${token}` } }))).toMatchObject({ status: 401, name: "FailedToDecode" });
});

test("claims: Issuer, Audience (any of the token's), Subject and AdditionalClaims must match, else InvalidClaim", async () => {
  const good = { sub: "alice", aud: ["other", "s3-front"], role: "admin", level: 3, scopes: ["read", "write", "delete"] };
  expect((await t.fetch("/claims", bearer(await sign(good)))).status).toBe(200);
  const cases: [jose.JWTPayload, string][] = [
    [{ iss: "https://evil.example" }, "iss"],
    [{ aud: "elsewhere" }, "aud"],
    [{ sub: "mallory" }, "sub"],
    [{ role: "user" }, "role"],
    [{ level: "3" }, "level"],
    [{ scopes: ["read"] }, "scopes"]
  ];
  for (const [override, claim] of cases) {
    const seen = await faultOf(await t.fetch("/claims", bearer(await sign({ ...good, ...override }))));
    expect(seen).toEqual({ status: 401, name: "InvalidClaim", errorcode: "steps.jwt.InvalidClaim", faultstring: `Invalid Claim: policy(VJ) claim(${claim})` });
  }
});

test("signature, algorithm, decoding, key id and missing-token faults", async () => {
  const expectFault = async (init: RequestInit, name: string) => {
    const seen = await faultOf(await t.fetch("/jwks", init));
    expect({ status: seen.status, name: seen.name, errorcode: seen.errorcode }).toEqual({ status: 401, name, errorcode: `steps.jwt.${name}` });
    return seen.faultstring;
  };
  expect(await expectFault(bearer(await sign({}, {}, otherKey)), "InvalidToken")).toBe("Invalid token: policy(VJ)");
  const hs = await new jose.SignJWT({ iss: "https://idp.example" }).setProtectedHeader({ alg: "HS256", kid: "k1" }).sign(new Uint8Array(32));
  await expectFault(bearer(hs), "AlgorithmMismatch");
  expect(await expectFault(bearer("not-a-jwt"), "FailedToDecode")).toBe("Failed to Decode Token: policy(VJ)");
  await expectFault(bearer(await sign({}, { kid: undefined })), "KeyIdMissing");
  await expectFault(bearer(await sign({}, { kid: "unknown" })), "NoMatchingPublicKey");
  expect(await expectFault({}, "FailedToResolveVariable")).toBe("Failed to Resolve Variable : policy(VJ) variable(request.header.authorization)");
});

test("a failed verification sets jwt.NAME.valid false, jwt.NAME.error and JWT.failed", async () => {
  const r = await t.fetch("/soft", bearer(await sign({ aud: "elsewhere" })));
  expect(r.status).toBe(200);
  const v = echoed(r, 11);
  expect([v[0], v[9], v[10]]).toEqual(["false", "Invalid Claim: policy(VJ) claim(aud)", "true"]);
});

test("an unresolved reference is FailedToResolveVariable unless IgnoreUnresolvedVariables skips the check", async () => {
  const token = await sign({ sub: "anyone" });
  expect(await faultOf(await t.fetch("/strict", bearer(token)))).toMatchObject({ status: 401, name: "FailedToResolveVariable", faultstring: "Failed to Resolve Variable : policy(VJ) variable(no.such.variable)" });
  const r = await t.fetch("/lenient", bearer(token));
  expect(echoed(r, 1)).toEqual(["true"]);
});

test("PublicKey/Value reads a PEM from a variable; Source names where the token is", async () => {
  const token = await sign({});
  expect(echoed(await t.fetch(`/pem?token=${token}`), 1)).toEqual(["true"]);
  expect((await faultOf(await t.fetch(`/pem?token=${await sign({}, {}, otherKey)}`))).name).toBe("InvalidToken");
});

test("HS256 verifies with a SecretKey from a private variable", async () => {
  const secret = new TextEncoder().encode("0123456789abcdef0123456789abcdef");
  const good = await sign({}, { alg: "HS256" }, secret);
  expect(echoed(await t.fetch("/hmac", bearer(good)), 1)).toEqual(["true"]);
  const bad = await sign({}, { alg: "HS256" }, new TextEncoder().encode("another secret of thirty two byt"));
  expect((await faultOf(await t.fetch("/hmac", bearer(bad)))).name).toBe("InvalidToken");
});

test("load errors: an unknown element with file and line, an unknown algorithm, a secret outside private.", async () => {
  const bogus = policyProxy("vbogus", { policies: { VJ: `<VerifyJWT name="VJ">\n  <Algorithm>RS256</Algorithm>\n  <Bogus/>\n  <PublicKey><Value ref="k"/></PublicKey>\n</VerifyJWT>` }, steps: ["VJ"] });
  expect(await loadError(bogus)).toMatch(/policies\/VJ\.xml:3: <VerifyJWT> has an element <Bogus>/);
  const alg = policyProxy("valg", { policies: { VJ: `<VerifyJWT name="VJ">\n  <Algorithm>RS999</Algorithm>\n  <PublicKey><Value ref="k"/></PublicKey>\n</VerifyJWT>` }, steps: ["VJ"] });
  expect(await loadError(alg)).toMatch(/policies\/VJ\.xml:2: <Algorithm>: RS999 is not one of/);
  const secret = policyProxy("vsecret", { policies: { VJ: `<VerifyJWT name="VJ">\n  <Algorithm>HS256</Algorithm>\n  <SecretKey>\n    <Value ref="secretkey"/>\n  </SecretKey>\n</VerifyJWT>` }, steps: ["VJ"] });
  expect(await loadError(secret)).toMatch(/policies\/VJ\.xml:4: .*InvalidVariableNameForSecret/);
});

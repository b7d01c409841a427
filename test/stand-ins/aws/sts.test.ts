// The STS stand-in over real HTTP on loopback: tokens are RS256 (and ES256)
// JWTs minted here with node:crypto (independently of jose, which the stand-in
// verifies with) and verified against a JWKS this test serves itself.

import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { DOMParser } from "@xmldom/xmldom";
import type { JWK, JWTPayload } from "jose";
import { startLoopbackServer, type LoopbackServer } from "../../../src/stand-ins/identity/http-server";
import { StsStandIn } from "../../../src/stand-ins/aws/sts";
import { javaScientific } from "../../../src/stand-ins/aws/sts-render";
import type { PolicyDocument } from "../../../src/iam/document";
import { AwsWorld } from "../../../src/stand-ins/aws/world";

const ACCOUNT = "123456789012";
const NOW = Date.UTC(2025, 10, 24, 19, 25, 45); // 1764012345 s
const NOW_SECONDS = NOW / 1000;
const OIDC_HOST = "login.example.com/realms/apigee";
const OIDC_ISSUER = `https://${OIDC_HOST}`;
const GOOGLE_ISSUER = "https://accounts.google.com";
const CLIENT_ID = "apigee-proxy";
const ROLE = `arn:aws:iam::${ACCOUNT}:role/apigee/reader`;
const GOOGLE_ROLE = `arn:aws:iam::${ACCOUNT}:role/google-reader`;
const LONG_ROLE = `arn:aws:iam::${ACCOUNT}:role/long-sessions`;
const SOURCE_ROLE = `arn:aws:iam::${ACCOUNT}:role/with-source-identity`;
const OIDC_PRINCIPAL = `arn:aws:iam::${ACCOUNT}:oidc-provider/${OIDC_HOST}`;

type Key = { privateKey: KeyObject; kid: string; alg: "RS256" | "ES256" };

let jwksServer: LoopbackServer;
let jwksStatus = 200;
let jwksFetches = 0;
let signingKey: Key;
let ecKey: Key;
let foreignKey: Key;
let publishedKeys: JWK[];
let world: AwsWorld;
let sts: StsStandIn;

function newKey(kid: string, alg: Key["alg"] = "RS256"): Key & { publicJwk: JWK } {
  const { privateKey, publicKey } =
    alg === "RS256" ? generateKeyPairSync("rsa", { modulusLength: 2048 }) : generateKeyPairSync("ec", { namedCurve: "P-256" });
  return { privateKey, kid, alg, publicJwk: { ...(publicKey.export({ format: "jwk" }) as JWK), kid, alg, use: "sig" } };
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

async function mint(claims: JWTPayload, key: Key = signingKey): Promise<string> {
  const payload = { iss: OIDC_ISSUER, sub: "service-account-1", aud: CLIENT_ID, iat: NOW_SECONDS, exp: NOW_SECONDS + 600, ...claims };
  const signingInput = `${base64url({ alg: key.alg, kid: key.kid, typ: "JWT" })}.${base64url(payload)}`;
  const signer = key.alg === "ES256" ? { key: key.privateKey, dsaEncoding: "ieee-p1363" as const } : key.privateKey;
  return `${signingInput}.${sign("sha256", Buffer.from(signingInput), signer).toString("base64url")}`;
}

function trustFor(principal: string, condition: Record<string, Record<string, string>>, actions = ["sts:AssumeRoleWithWebIdentity"]): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Federated: principal }, Action: actions, Condition: condition }]
  };
}

beforeAll(async () => {
  const own = newKey("key-1");
  const ec = newKey("key-ec", "ES256");
  signingKey = own;
  ecKey = ec;
  foreignKey = newKey("key-2");
  publishedKeys = [own.publicJwk, ec.publicJwk];
  jwksServer = await startLoopbackServer(async () => {
    jwksFetches++;
    return { status: jwksStatus, headers: { "content-type": "application/json" }, body: JSON.stringify({ keys: publishedKeys }) };
  });

  world = new AwsWorld(ACCOUNT, () => NOW);
  world.putIdentityProvider({ issuer: OIDC_ISSUER, jwksUri: `${jwksServer.url}/jwks`, clientIds: [CLIENT_ID] });
  world.putIdentityProvider({ issuer: GOOGLE_ISSUER, jwksUri: `${jwksServer.url}/google-certs`, clientIds: [] });
  world.putRole({
    arn: ROLE,
    trustPolicy: trustFor(OIDC_PRINCIPAL, { StringEquals: { [`${OIDC_HOST}:aud`]: CLIENT_ID, [`${OIDC_HOST}:sub`]: "service-account-1" } }),
    permissionsPolicies: []
  });
  world.putRole({
    arn: GOOGLE_ROLE,
    trustPolicy: trustFor("accounts.google.com", {
      StringEquals: { "accounts.google.com:aud": "azp-client", "accounts.google.com:oaud": "https://sts.example", "accounts.google.com:sub": "1077" }
    }),
    permissionsPolicies: []
  });
  world.putRole({
    arn: LONG_ROLE,
    trustPolicy: trustFor(OIDC_PRINCIPAL, { StringLike: { [`${OIDC_HOST}:sub`]: "service-*" } }),
    permissionsPolicies: [],
    maxSessionDurationSeconds: 7200
  });
  world.putRole({
    arn: SOURCE_ROLE,
    trustPolicy: trustFor(OIDC_PRINCIPAL, { StringEquals: { "sts:SourceIdentity": "alice" } }, ["sts:AssumeRoleWithWebIdentity", "sts:SetSourceIdentity"]),
    permissionsPolicies: []
  });
  sts = await StsStandIn.start({ world });
});

afterAll(async () => {
  await sts.close();
  await jwksServer.close();
});

beforeEach(() => {
  jwksStatus = 200;
});

interface Answer {
  status: number;
  contentType: string;
  body: string;
}

interface CallOptions {
  method?: "GET" | "POST";
  json?: boolean;
  /** Parameters to leave out or override; null removes one. */
  params?: Record<string, string | null>;
  token?: string;
  via?: StsStandIn;
}

async function call(options: CallOptions = {}): Promise<Answer> {
  const params: Record<string, string | null> = {
    Action: "AssumeRoleWithWebIdentity",
    Version: "2011-06-15",
    RoleArn: ROLE,
    RoleSessionName: "apigee-9f2c",
    WebIdentityToken: options.token ?? (await mint({})),
    ...options.params
  };
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== null) form.append(name, value);
  const headers: Record<string, string> = options.json ? { accept: "application/json" } : {};
  const target = (options.via ?? sts).url;
  const response =
    options.method === "GET"
      ? await fetch(`${target}?${form}`, { headers })
      : await fetch(target, {
          method: "POST",
          headers: { ...headers, "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
          body: form.toString()
        });
  return { status: response.status, contentType: response.headers.get("content-type") ?? "", body: await response.text() };
}

function xml(body: string): Document {
  return new DOMParser().parseFromString(body, "text/xml") as unknown as Document;
}

function xmlText(doc: Document, tag: string): string | null {
  const nodes = doc.getElementsByTagName(tag);
  return nodes.length === 0 ? null : nodes[0].textContent;
}

function expectXmlError(answer: Answer, status: number, code: string, message: string | RegExp): void {
  expect(answer.status).toBe(status);
  expect(answer.contentType).toBe("text/xml");
  const doc = xml(answer.body);
  expect(doc.documentElement.nodeName).toBe("ErrorResponse");
  expect(doc.documentElement.getAttribute("xmlns")).toBe("https://sts.amazonaws.com/doc/2011-06-15/");
  expect(xmlText(doc, "Code")).toBe(code);
  if (typeof message === "string") expect(xmlText(doc, "Message")).toBe(message);
  else expect(xmlText(doc, "Message")).toMatch(message);
  expect(xmlText(doc, "Type")).toBe(status >= 500 ? "Receiver" : "Sender");
  expect(xmlText(doc, "RequestId")).toMatch(/^[0-9a-f-]{36}$/);
}

describe("successful AssumeRoleWithWebIdentity", () => {
  test("POST form answers XML with credentials and issues the session into the world", async () => {
    const before = world.callCount("sts:AssumeRoleWithWebIdentity");
    const answer = await call();
    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe("text/xml");
    const doc = xml(answer.body);
    expect(doc.documentElement.nodeName).toBe("AssumeRoleWithWebIdentityResponse");
    const accessKeyId = xmlText(doc, "AccessKeyId") as string;
    expect(accessKeyId).toMatch(/^ASIA[0-9A-F]{16}$/);
    expect(xmlText(doc, "Expiration")).toBe("2025-11-24T20:25:45Z");
    expect(xmlText(doc, "SubjectFromWebIdentityToken")).toBe("service-account-1");
    expect(xmlText(doc, "Audience")).toBe(CLIENT_ID);
    expect(xmlText(doc, "Provider")).toBe(OIDC_PRINCIPAL);
    expect(xmlText(doc, "Arn")).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/reader/apigee-9f2c`);
    expect(xmlText(doc, "AssumedRoleId")).toMatch(/^AROA[A-Z2-7]{17}:apigee-9f2c$/);
    expect(xmlText(doc, "SourceIdentity")).toBeNull();
    expect(xmlText(doc, "RequestId")).toMatch(/^[0-9a-f-]{36}$/);

    const session = world.session(accessKeyId);
    expect(session).toMatchObject({
      roleArn: ROLE,
      sessionName: "apigee-9f2c",
      secretAccessKey: xmlText(doc, "SecretAccessKey"),
      sessionToken: xmlText(doc, "SessionToken"),
      expiresAt: NOW + 3600 * 1000,
      identity: { issuer: OIDC_ISSUER, sub: "service-account-1", aud: CLIENT_ID }
    });
    expect(world.callCount("sts:AssumeRoleWithWebIdentity")).toBe(before + 1);
    expect(world.calls[world.calls.length - 1]).toEqual({ action: "sts:AssumeRoleWithWebIdentity", status: 200, at: NOW });
  });

  test("GET with the parameters in the query string works the same", async () => {
    const answer = await call({ method: "GET" });
    expect(answer.status).toBe(200);
    expect(xmlText(xml(answer.body), "AccessKeyId")).toMatch(/^ASIA/);
  });

  test("JSON with Expiration in scientific notation, as the live service writes it", async () => {
    const answer = await call({ json: true, params: { DurationSeconds: "900" } });
    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe("application/json");
    // 1764012345 + 900 = 1764013245
    expect(answer.body).toContain('"Expiration":1.764013245E9');
    const result = JSON.parse(answer.body).AssumeRoleWithWebIdentityResponse.AssumeRoleWithWebIdentityResult;
    expect(result.Credentials.Expiration).toBe(1764013245);
    expect(result.Credentials.AccessKeyId).toMatch(/^ASIA/);
    expect(result.AssumedRoleUser.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/reader/apigee-9f2c`);
    expect(result.SubjectFromWebIdentityToken).toBe("service-account-1");
    expect(result.Provider).toBe(OIDC_PRINCIPAL);
    expect(result.SourceIdentity).toBeNull();
    expect(JSON.parse(answer.body).AssumeRoleWithWebIdentityResponse.ResponseMetadata.RequestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("JSON with Expiration as a plain integer when so configured", async () => {
    const plain = await StsStandIn.start({ world, expirationNotation: "plain" });
    try {
      const answer = await call({ json: true, method: "GET", via: plain });
      expect(answer.status).toBe(200);
      expect(answer.body).toContain('"Expiration":1764015945,');
      expect(plain.calls).toBe(1);
    } finally {
      await plain.close();
    }
  });

  test("DurationSeconds up to the role's MaxSessionDuration sets the expiry", async () => {
    const answer = await call({ params: { RoleArn: LONG_ROLE, DurationSeconds: "7200" } });
    expect(answer.status).toBe(200);
    const doc = xml(answer.body);
    expect(xmlText(doc, "Expiration")).toBe("2025-11-24T21:25:45Z");
    expect(world.session(xmlText(doc, "AccessKeyId") as string)?.expiresAt).toBe(NOW + 7200 * 1000);
  });

  test("Google: principal accounts.google.com, aud is the token's azp, oaud its aud", async () => {
    const token = await mint({ iss: GOOGLE_ISSUER, sub: "1077", aud: "https://sts.example", azp: "azp-client" });
    const answer = await call({ token, params: { RoleArn: GOOGLE_ROLE }, json: true });
    expect(answer.status).toBe(200);
    const result = JSON.parse(answer.body).AssumeRoleWithWebIdentityResponse.AssumeRoleWithWebIdentityResult;
    expect(result.Provider).toBe("accounts.google.com");
    expect(result.SubjectFromWebIdentityToken).toBe("1077");

    const swapped = await mint({ iss: GOOGLE_ISSUER, sub: "1077", aud: "azp-client", azp: "https://sts.example" });
    expectXmlError(await call({ token: swapped, params: { RoleArn: GOOGLE_ROLE } }), 403, "AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity");
  });

  test("an ES256 token verifies against the provider's EC key", async () => {
    const answer = await call({ token: await mint({}, ecKey) });
    expect(answer.status).toBe(200);
    // An ES256 token naming the RSA key's kid: no key of the JWKS fits it.
    const rsaKid = await mint({}, { ...ecKey, kid: signingKey.kid });
    expectXmlError(await call({ token: rsaKid }), 400, "InvalidIdentityToken", /^Couldn't retrieve verification key/);
  });

  test("SourceIdentity needs sts:SetSourceIdentity in the trust policy", async () => {
    const allowed = await call({ params: { RoleArn: SOURCE_ROLE, SourceIdentity: "alice" } });
    expect(allowed.status).toBe(200);
    expect(xmlText(xml(allowed.body), "SourceIdentity")).toBe("alice");
    expectXmlError(await call({ params: { RoleArn: SOURCE_ROLE, SourceIdentity: "mallory" } }), 403, "AccessDenied", /sts:AssumeRoleWithWebIdentity/);
    expectXmlError(await call({ params: { SourceIdentity: "alice" } }), 403, "AccessDenied", "Not authorized to perform sts:SetSourceIdentity");
  });
});

describe("token rejections", () => {
  test("a tampered payload fails signature verification", async () => {
    const [header, payload, signature] = (await mint({})).split(".");
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: "admin" })).toString("base64url");
    expectXmlError(await call({ token: `${header}.${forged}.${signature}` }), 400, "InvalidIdentityToken", /could not be validated/);
  });

  test("a token signed by a key the JWKS does not hold", async () => {
    expectXmlError(await call({ token: await mint({}, foreignKey) }), 400, "InvalidIdentityToken", /^Couldn't retrieve verification key/);
    const sameKid: Key = { ...foreignKey, kid: signingKey.kid };
    expectXmlError(await call({ token: await mint({}, sameKid) }), 400, "InvalidIdentityToken", /could not be validated/);
  });

  test("a token that is not a JWT", async () => {
    expectXmlError(await call({ token: "not-a-jwt" }), 400, "InvalidIdentityToken", /could not be validated/);
  });

  test("an audience not among the provider's client IDs", async () => {
    expectXmlError(await call({ token: await mint({ aud: "someone-else" }) }), 400, "InvalidIdentityToken", "Incorrect token audience");
  });

  test("an audience the trust policy does not accept", async () => {
    // Google's provider has no client IDs, so only the trust condition can refuse the audience.
    const token = await mint({ iss: GOOGLE_ISSUER, sub: "1077", aud: "https://sts.example", azp: "other-client" });
    expectXmlError(await call({ token, params: { RoleArn: GOOGLE_ROLE } }), 403, "AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity");
  });

  test("an expired token", async () => {
    const token = await mint({ iat: NOW_SECONDS - 7200, exp: NOW_SECONDS - 60 });
    expectXmlError(
      await call({ token }),
      400,
      "ExpiredTokenException",
      `Token expired: current date/time ${NOW_SECONDS} must be before the expiration date/time ${NOW_SECONDS - 60}`
    );
  });

  test("an issuer with no identity provider in the account", async () => {
    const token = await mint({ iss: "https://unknown.example.com/" });
    expectXmlError(await call({ token }), 400, "InvalidIdentityToken", "No OpenIDConnect provider found in your account for https://unknown.example.com/");
  });

  test("a trailing slash is part of the provider's name, as in IAM: the provider, its ARN and its condition keys keep it, and only that exact iss finds it", async () => {
    // IAM keeps the slash: issuer https://auth-dev.mozilla.auth0.com/ is provider auth-dev.mozilla.auth0.com/ with key auth-dev.mozilla.auth0.com/:aud (docs/trust-model.md cites the evidence).
    const slashed = "https://auth.example.com/";
    const own = new AwsWorld(ACCOUNT, () => NOW);
    own.putIdentityProvider({ issuer: slashed, jwksUri: `${jwksServer.url}/jwks`, clientIds: [CLIENT_ID] });
    const role = `arn:aws:iam::${ACCOUNT}:role/slashed`;
    own.putRole({ arn: role, trustPolicy: trustFor(`arn:aws:iam::${ACCOUNT}:oidc-provider/auth.example.com/`, { StringEquals: { "auth.example.com/:aud": CLIENT_ID } }), permissionsPolicies: [] });
    const stripped = `arn:aws:iam::${ACCOUNT}:role/stripped`;
    own.putRole({ arn: stripped, trustPolicy: trustFor(`arn:aws:iam::${ACCOUNT}:oidc-provider/auth.example.com`, { StringEquals: { "auth.example.com:aud": CLIENT_ID } }), permissionsPolicies: [] });
    const via = await StsStandIn.start({ world: own });
    try {
      const withSlash = await call({ via, token: await mint({ iss: slashed }), params: { RoleArn: role } });
      expect(withSlash.status).toBe(200);
      // A trust policy that names the provider without its slash names another provider.
      expectXmlError(await call({ via, token: await mint({ iss: slashed }), params: { RoleArn: stripped } }), 403, "AccessDenied", /Not authorized to perform sts:AssumeRoleWithWebIdentity/);
      // A token whose iss lacks the slash finds no provider at all.
      expectXmlError(await call({ via, token: await mint({ iss: "https://auth.example.com" }), params: { RoleArn: role } }), 400, "InvalidIdentityToken", "No OpenIDConnect provider found in your account for https://auth.example.com");
    } finally {
      await via.close();
    }
  });

  test("a JWKS that cannot be fetched is IDPCommunicationError", async () => {
    jwksStatus = 503;
    expectXmlError(await call(), 400, "IDPCommunicationError", /identity provider \(IDP\).*could not be reached/);
    const gone = await startLoopbackServer(async () => ({ status: 200, body: "" }));
    const unreachable = new AwsWorld(ACCOUNT, () => NOW);
    unreachable.putIdentityProvider({ issuer: OIDC_ISSUER, jwksUri: `${gone.url}/jwks`, clientIds: [] });
    await gone.close();
    const isolated = await StsStandIn.start({ world: unreachable });
    try {
      expectXmlError(await call({ via: isolated }), 400, "IDPCommunicationError", /could not be reached/);
    } finally {
      await isolated.close();
    }
  });

  test("the JWKS is fetched from the provider's jwksUri over HTTP", async () => {
    const before = jwksFetches;
    expect((await call()).status).toBe(200);
    expect(jwksFetches).toBe(before + 1);
  });
});

describe("role and trust rejections", () => {
  test("a role that does not exist", async () => {
    expectXmlError(
      await call({ params: { RoleArn: `arn:aws:iam::${ACCOUNT}:role/missing` } }),
      403,
      "AccessDenied",
      "Not authorized to perform sts:AssumeRoleWithWebIdentity"
    );
    expect(world.calls[world.calls.length - 1].status).toBe(403);
  });

  test("a sub the trust policy does not name", async () => {
    expectXmlError(await call({ token: await mint({ sub: "someone-else" }) }), 403, "AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity");
  });

  test("a role ARN that is not one", async () => {
    expectXmlError(await call({ params: { RoleArn: "arn:aws:iam::123456789012:user/alice" } }), 400, "ValidationError", "Request ARN is invalid");
  });
});

describe("parameter rejections", () => {
  test("a session name with characters outside [\\w+=,.@-]", async () => {
    expectXmlError(
      await call({ params: { RoleSessionName: "apigee session" } }),
      400,
      "ValidationError",
      "1 validation error detected: Value 'apigee session' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*"
    );
  });

  test("a session name that is too short or too long", async () => {
    expectXmlError(
      await call({ params: { RoleSessionName: "a" } }),
      400,
      "ValidationError",
      "1 validation error detected: Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2"
    );
    expectXmlError(await call({ params: { RoleSessionName: "x".repeat(65) } }), 400, "ValidationError", /Member must have length less than or equal to 64$/);
  });

  test("DurationSeconds above the role's MaxSessionDuration", async () => {
    expectXmlError(
      await call({ params: { DurationSeconds: "3601" } }),
      400,
      "ValidationError",
      "The requested DurationSeconds exceeds the MaxSessionDuration set for this role."
    );
  });

  test("DurationSeconds below 900 or above 43200", async () => {
    expectXmlError(
      await call({ params: { DurationSeconds: "899" } }),
      400,
      "ValidationError",
      "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900"
    );
    expectXmlError(await call({ params: { DurationSeconds: "43201" } }), 400, "ValidationError", /Member must have value less than or equal to 43200$/);
    expectXmlError(await call({ params: { DurationSeconds: "an hour" } }), 400, "InvalidParameterValue", /DurationSeconds/);
  });

  test("missing required parameters are listed together", async () => {
    expectXmlError(
      await call({ params: { RoleSessionName: null, WebIdentityToken: null } }),
      400,
      "ValidationError",
      "2 validation errors detected: Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'webIdentityToken' failed to satisfy constraint: Member must not be null"
    );
  });

  test("a missing or unknown Action, and a wrong Version", async () => {
    expectXmlError(await call({ params: { Action: null } }), 400, "MissingAction", "Missing Action");
    expectXmlError(await call({ params: { Action: "AssumeRole" } }), 400, "InvalidAction", "Could not find operation AssumeRole for version 2011-06-15");
    expectXmlError(await call({ params: { Version: "2010-05-08" } }), 400, "InvalidAction", /for version 2010-05-08$/);
    expectXmlError(await call({ params: { Version: null } }), 400, "MissingParameter", /Version/);
  });

  test("errors are JSON when JSON is accepted", async () => {
    const answer = await call({ json: true, params: { RoleSessionName: "bad name!" } });
    expect(answer.status).toBe(400);
    expect(answer.contentType).toBe("application/json");
    const body = JSON.parse(answer.body);
    expect(body.Error).toEqual({ Code: "ValidationError", Message: expect.stringContaining("'bad name!' at 'roleSessionName'"), Type: "Sender" });
    expect(body.RequestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("fault injection", () => {
  test("http5xx answers a server error for the next n calls, then recovers", async () => {
    const before = sts.calls;
    sts.inject({ kind: "http5xx" }, 2);
    expectXmlError(await call(), 500, "InternalFailure", /unknown error/);
    expectXmlError(await call(), 500, "InternalFailure", /unknown error/);
    expect((await call()).status).toBe(200);
    expect(sts.calls).toBe(before + 3);
    expect(world.calls.slice(-3).map((c) => c.status)).toEqual([500, 500, 200]);
  });

  test("http5xx with a status", async () => {
    sts.inject({ kind: "http5xx", status: 503 });
    expectXmlError(await call(), 503, "ServiceUnavailable", /temporary failure/);
  });

  test("IDPCommunicationError", async () => {
    sts.inject({ kind: "IDPCommunicationError" });
    expectXmlError(await call(), 400, "IDPCommunicationError", /could not be reached/);
    expect((await call()).status).toBe(200);
  });

  test("InvalidIdentityToken", async () => {
    sts.inject({ kind: "InvalidIdentityToken" });
    const answer = await call({ json: true });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).Error.Code).toBe("InvalidIdentityToken");
  });

  test("slow delays the answer, which then succeeds", async () => {
    sts.inject({ kind: "slow", delayMs: 300 });
    const started = Date.now();
    const answer = await call();
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(answer.status).toBe(200);
  });

  test("a client that gives up on a slow call sees a timeout", async () => {
    sts.inject({ kind: "slow", delayMs: 2000 });
    const form = new URLSearchParams({
      Action: "AssumeRoleWithWebIdentity",
      Version: "2011-06-15",
      RoleArn: ROLE,
      RoleSessionName: "s1",
      WebIdentityToken: await mint({})
    });
    await expect(fetch(`${sts.url}?${form}`, { signal: AbortSignal.timeout(100) })).rejects.toThrow(/abort|timeout/i);
  });
});

describe("javaScientific", () => {
  test.each([
    [1764012345, "1.764012345E9"],
    [1764012000, "1.764012E9"],
    [1000000000, "1.0E9"],
    [5, "5.0E0"]
  ])("%d is written %s", (value, expected) => {
    expect(javaScientific(value)).toBe(expected);
    expect(Number(expected)).toBe(value);
  });
});

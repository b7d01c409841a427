// The emitted documents in the local AWS stand-ins, over real HTTP on
// loopback: roles are loaded from the JSON files the way `apigee-aws dev
// --aws aws/<env>` loads them, STS verifies real signed tokens against a
// JWKS served here, and S3 authorises the issued sessions with the emitted
// permissions. The identity the intent names gets exactly its access; any
// other gets none.

import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import type { JWK } from "jose";
import { GATEWAY_AUDIENCE } from "../../src/iam/trust-policy";
import { validatePolicyDocument } from "../../src/iam/validate";
import { planBuild } from "../../src/plan";
import { S3StandIn } from "../../src/stand-ins/aws/s3";
import { StsStandIn } from "../../src/stand-ins/aws/sts";
import { AwsWorld, type Session } from "../../src/stand-ins/aws/world";
import { startLoopbackServer, type LoopbackServer } from "../../src/stand-ins/identity/http-server";
import { s3KeyPath, signAndSend, xmlField, type Received } from "../stand-ins/aws/aws-client";
import { ACCOUNT, CALLER_AUDIENCE, CALLER_ISSUER, REGION, RUNTIME_SA, awsDocuments, smallIntent } from "./fixtures";

const GOOGLE_ISSUER = "https://accounts.google.com";
const OTHER_SA = "998877665544332211000";

let jwks: LoopbackServer;
let sts: StsStandIn;
let s3: S3StandIn;
let world: AwsWorld;
let privateKey: KeyObject;

beforeAll(async () => {
  const pair = generateKeyPairSync("rsa", { modulusLength: 2048 });
  privateKey = pair.privateKey;
  const publicJwk = { ...(pair.publicKey.export({ format: "jwk" }) as JWK), kid: "k1", alg: "RS256", use: "sig" };
  jwks = await startLoopbackServer(async () => ({ status: 200, headers: { "content-type": "application/json" }, body: JSON.stringify({ keys: [publicJwk] }) }));

  const intent = smallIntent();
  const files = awsDocuments(intent);
  world = new AwsWorld(ACCOUNT);
  // Google is built in (any audience); the caller's issuer gets the client IDs Terraform registers.
  world.putIdentityProvider({ issuer: GOOGLE_ISSUER, jwksUri: `${jwks.url}/google`, clientIds: [] });
  for (const provider of planBuild(intent).oidcProviders) world.putIdentityProvider({ issuer: provider.url, jwksUri: `${jwks.url}/oidc`, clientIds: provider.clientIds });
  for (const dir of new Set([...files.keys()].filter((p) => p.startsWith("aws/prod/")).map((p) => p.slice(0, p.lastIndexOf("/"))))) {
    const role = JSON.parse(files.get(`${dir}/role.json`)!) as { name: string; maxSessionDuration: number };
    const permissions = files.get(`${dir}/permissions-policy.json`);
    world.putRole({
      arn: `arn:aws:iam::${ACCOUNT}:role/${role.name}`,
      trustPolicy: validatePolicyDocument(files.get(`${dir}/trust-policy.json`)!, "trust"),
      permissionsPolicies: permissions ? [validatePolicyDocument(permissions, "permissions")] : [],
      maxSessionDurationSeconds: role.maxSessionDuration
    });
  }
  sts = await StsStandIn.start({ world });
  s3 = await S3StandIn.start({ world, region: REGION });
  s3.createBucket("acme-builds");
  s3.createBucket("acme-uploads");
  s3.putObjectDirect("acme-builds", "builds/app.zip", "zip");
  s3.putObjectDirect("acme-builds", "secrets/key.pem", "secret");
});

afterAll(async () => {
  await s3.close();
  await sts.close();
  await jwks.close();
});

function token(claims: Record<string, string>): string {
  const now = Math.floor(Date.now() / 1000);
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const input = `${encode({ alg: "RS256", kid: "k1", typ: "JWT" })}.${encode({ iat: now, exp: now + 600, ...claims })}`;
  return `${input}.${sign("sha256", Buffer.from(input), privateKey).toString("base64url")}`;
}

const runtimeToken = (overrides: Record<string, string> = {}) =>
  token({ iss: GOOGLE_ISSUER, sub: RUNTIME_SA.uniqueId, azp: RUNTIME_SA.uniqueId, aud: GATEWAY_AUDIENCE, ...overrides });
const callerToken = (overrides: Record<string, string> = {}) => token({ iss: CALLER_ISSUER, sub: "user-1", aud: CALLER_AUDIENCE, ...overrides });

/** AssumeRoleWithWebIdentity as aws-credentials sends it: a form POST. */
async function assume(role: string, webIdentityToken: string): Promise<{ status: number; code?: string; session?: Session }> {
  const form = new URLSearchParams({
    Action: "AssumeRoleWithWebIdentity",
    Version: "2011-06-15",
    RoleArn: `arn:aws:iam::${ACCOUNT}:role/${role}`,
    RoleSessionName: "apigee-e2e",
    WebIdentityToken: webIdentityToken
  });
  const response = await fetch(sts.url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" }, body: form.toString() });
  const body = await response.text();
  const accessKeyId = xmlField(body, "AccessKeyId");
  return { status: response.status, code: xmlField(body, "Code"), session: accessKeyId ? world.session(accessKeyId) : undefined };
}

function s3Call(session: Session, method: "GET" | "PUT" | "DELETE", bucket: string, key: string): Promise<Received> {
  return signAndSend(s3.url, session, { method, host: s3.hostFor(bucket), path: `/${s3KeyPath(key)}`, body: method === "PUT" ? "data" : undefined }, { service: "s3" });
}

describe("gateway mode (proxy builds, read builds/ in acme-builds)", () => {
  test("the runtime's ID token gets credentials that read the prefix and nothing else", async () => {
    const { status, session } = await assume("apigee-builds-prod", runtimeToken());
    expect(status).toBe(200);
    expect((await s3Call(session!, "GET", "acme-builds", "builds/app.zip")).status).toBe(200);
    const outside = await s3Call(session!, "GET", "acme-builds", "secrets/key.pem");
    expect(outside.status).toBe(403);
    expect(xmlField(outside.text, "Code")).toBe("AccessDenied");
    expect((await s3Call(session!, "PUT", "acme-builds", "builds/new.zip")).status).toBe(403);
    expect((await s3Call(session!, "DELETE", "acme-builds", "builds/app.zip")).status).toBe(403);
    const list = (prefix: string) =>
      signAndSend(s3.url, session!, { method: "GET", host: s3.hostFor("acme-builds"), path: "/", query: [["list-type", "2"], ["prefix", prefix]] }, { service: "s3" });
    const listed = await list("builds/");
    expect(listed.status).toBe(200);
    expect(xmlField(listed.text, "Key")).toBe("builds/app.zip");
    expect((await list("secrets/")).status).toBe(403);
  });

  test("another service account, another audience, or the caller's token is refused by STS", async () => {
    expect(await assume("apigee-builds-prod", runtimeToken({ sub: OTHER_SA, azp: OTHER_SA }))).toMatchObject({ status: 403, code: "AccessDenied" });
    expect(await assume("apigee-builds-prod", runtimeToken({ aud: "https://example.com/other" }))).toMatchObject({ status: 403, code: "AccessDenied" });
    expect(await assume("apigee-builds-prod", callerToken())).toMatchObject({ status: 403, code: "AccessDenied" });
  });
});

describe("caller mode (proxy uploads, write and delete in all of acme-uploads)", () => {
  test("a caller's token gets credentials that write and delete there, and cannot read", async () => {
    const { status, session } = await assume("apigee-uploads-prod", callerToken({ sub: "someone-else" }));
    expect(status).toBe(200);
    expect((await s3Call(session!, "PUT", "acme-uploads", "a/b.txt")).status).toBe(200);
    expect((await s3Call(session!, "GET", "acme-uploads", "a/b.txt")).status).toBe(403);
    expect((await s3Call(session!, "DELETE", "acme-uploads", "a/b.txt")).status).toBe(204);
    expect((await s3Call(session!, "PUT", "acme-builds", "builds/x.zip")).status).toBe(403);
  });

  test("a token for another audience is refused, and the runtime cannot assume the caller role", async () => {
    const wrongAudience = await assume("apigee-uploads-prod", callerToken({ aud: "another-client" }));
    expect(wrongAudience.status).toBe(400);
    expect(wrongAudience.code).toBe("InvalidIdentityToken");
    expect(await assume("apigee-uploads-prod", runtimeToken())).toMatchObject({ status: 403, code: "AccessDenied" });
  });
});

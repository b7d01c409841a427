// Generated S3 proxies, run exactly as emitted by the local runtime against
// the standIns (OIDC issuer, Google, STS, S3): the shared flows from
// sharedflows/, the bundles from generateProxyBundle, the role from the
// environment property set environmentPropertySet writes.

import * as fs from "node:fs";
import * as http from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import { packageRoot } from "../../src/common/paths";
import { readBuiltCallouts } from "../../src/generator";
import type { Intent, ProxyIntent } from "../../src/intent/model";
import { ObjectStore } from "../../src/stand-ins/aws/s3-store";
import { StandIns } from "../../src/stand-ins/stand-ins";
import { sharedFlowRoot } from "../../src/generator/shared-flows";
import { callerRole, gatewayRole } from "../support/aws-world-fixtures";
import { requireBuilt } from "../support/built";
import { closeRunners, lastProblemDetail, startRunner, TestRunner } from "../support/runner";
import { parseProperties, writeGenerated } from "./support/bundle-files";
import { BUCKET, generated, intentWith, propertySet, SERVICE_ACCOUNT, s3Proxy } from "./support/intents";

const AUDIENCE = "files-api";
let clockOffsetMs = 0;
const now = () => Date.now() + clockOffsetMs;

let standIns: StandIns;
let s3Root: string;
let t: TestRunner;
let intent: Intent;

const ORIGIN = "https://app.example.com";

function readProxy(issuer: string, jwksUri: string): ProxyIntent {
  return s3Proxy({
    name: "files",
    basePath: "/files",
    roles: { test: "apigee-files-test" },
    auth: { kind: "jwt", jwt: { issuer, audience: AUDIENCE, jwksUri, maxLifespan: "24h" } },
    cors: { origins: [ORIGIN] }
  });
}

/** Public; every object it writes gets x-amz-meta-owner from SSM and x-amz-meta-team as a literal. */
function writeProxy(): ProxyIntent {
  return s3Proxy({
    name: "uploads",
    basePath: "/uploads",
    access: "write",
    delete: true,
    roles: { test: "apigee-uploads-test" },
    headers: [
      { name: "x-amz-meta-owner", value: { kind: "ssm", parameter: "/acme/uploads/owner" } },
      { name: "x-amz-meta-team", value: { kind: "literal", value: "storage {core}" } }
    ]
  });
}

/** Public, 2 requests a minute per client IP. */
function limitedProxy(): ProxyIntent {
  return s3Proxy({ name: "limited", basePath: "/limited", roles: { test: "apigee-files-test" }, quota: { count: 2, interval: 1, unit: "minute" } });
}

// Caller identity: the caller's own token is exchanged with STS; the role trusts the IdP's subjects user-*.
const CALLER_HOST = "login.example.com/realms/acme";
const CALLER_ISSUER = `https://${CALLER_HOST}`;
const CALLER_CLIENT = "acme-files";

function callerProxy(jwksUri: string): ProxyIntent {
  return s3Proxy({
    name: "mine",
    basePath: "/mine",
    identity: "caller",
    roles: { test: "apigee-mine-test" },
    auth: { kind: "jwt", jwt: { issuer: CALLER_ISSUER, audience: CALLER_CLIENT, jwksUri, maxLifespan: "24h" } }
  });
}

function tamperedProxy(): ProxyIntent {
  return s3Proxy({ name: "tampered", basePath: "/tampered", roles: { test: "apigee-files-test" } });
}

/** Changes the URL after it was signed, as a broken signer would, on both targets (the list one buffered, the objects one streamed): S3 answers SignatureDoesNotMatch. */
function tamper(files: Map<string, Buffer>): Map<string, Buffer> {
  for (const [name, extra] of [["list", "&amp;tampered=1"], ["objects", "?tampered=1"]] as const) {
    const target = `apiproxy/targets/${name}.xml`;
    const xml = files.get(target)!.toString("utf8");
    const signed = /<Name>FC-SigV4<\/Name>\s*<\/Step>/;
    if (!signed.test(xml)) throw new Error(`the ${name} target no longer signs with FC-SigV4 as this test expects`);
    files.set(target, Buffer.from(xml.replace(signed, (step) => `${step}<Step><Name>AM-Tamper-${name}</Name></Step>`)));
    files.set(
      `apiproxy/policies/AM-Tamper-${name}.xml`,
      Buffer.from(`<AssignMessage name="AM-Tamper-${name}"><AssignVariable><Name>target.url</Name><Template>{target.url}${extra}</Template></AssignVariable></AssignMessage>`)
    );
  }
  return files;
}

function allowPrefix(roleName: string, actions: string[]) {
  const role = gatewayRole(roleName, SERVICE_ACCOUNT);
  role.permissionsPolicies = [
    {
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: actions, Resource: `arn:aws:s3:::${BUCKET}/builds/*` },
        // Unconditional, so that S3 answers a missing key with 404 NoSuchKey rather than 403 AccessDenied.
        { Effect: "Allow", Action: "s3:ListBucket", Resource: `arn:aws:s3:::${BUCKET}` },
        { Effect: "Deny", Action: "s3:GetObject", Resource: `arn:aws:s3:::${BUCKET}/builds/private/*` }
      ]
    }
  ];
  return role;
}

beforeAll(async () => {
  requireBuilt("callouts/s3-key.js", "callouts/s3-list.js", "callouts/s3-error.js", "callouts/s3-headers.js");
  s3Root = fs.mkdtempSync(path.join(os.tmpdir(), "apigee-aws-generator-s3-"));
  standIns = await StandIns.start({ serviceAccounts: [SERVICE_ACCOUNT], s3Root, now });
  standIns.world.putRole(allowPrefix("apigee-files-test", ["s3:GetObject"]));
  const uploads = allowPrefix("apigee-uploads-test", ["s3:PutObject", "s3:DeleteObject"]);
  uploads.permissionsPolicies.push({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "ssm:GetParameters", Resource: "arn:aws:ssm:us-east-1:111122223333:parameter/acme/uploads/*" }] });
  standIns.world.putRole(uploads);
  standIns.ssm.putParameter("/acme/uploads/owner", "team-storage@acme.example", "String");
  const mine = callerRole("apigee-mine-test", CALLER_HOST, CALLER_CLIENT, ["user-*"]);
  mine.permissionsPolicies = allowPrefix("apigee-mine-test", ["s3:GetObject"]).permissionsPolicies;
  standIns.world.putRole(mine);
  standIns.world.putIdentityProvider({ issuer: CALLER_ISSUER, jwksUri: standIns.oidc.jwksUri, clientIds: [CALLER_CLIENT] });
  standIns.s3.createBucket(BUCKET);
  standIns.s3.putObjectDirect(BUCKET, "outside/secret.txt", "not yours");
  intent = { ...intentWith(readProxy(standIns.oidc.issuer, standIns.oidc.jwksUri), writeProxy(), limitedProxy(), tamperedProxy(), callerProxy(standIns.oidc.jwksUri)), environments: ["test"] };
  const callouts = readBuiltCallouts();
  const bundles = intent.proxies.map((p) => {
    const files = generated(intent, p, callouts);
    return writeGenerated(p.name === "tampered" ? tamper(files) : files);
  });
  const root = packageRoot();
  t = await startRunner([...["aws-credentials", "aws-sigv4", "aws-ssm-parameter"].map((f) => sharedFlowRoot(root, f)), ...bundles], {
    ...standIns.runnerEnvironment(),
    propertySets: { apigeeaws: parseProperties(propertySet(intent, "test")) }
  });
});

afterAll(async () => {
  await closeRunners();
  await standIns?.close();
  if (s3Root) fs.rmSync(s3Root, { recursive: true, force: true });
});

let token: string;
beforeAll(async () => {
  token = await standIns.oidc.mintToken({ sub: "user-1", aud: AUDIENCE });
});
const auth = () => ({ authorization: `Bearer ${token}` });

/** A path as sent on the wire, untouched by fetch's URL normalization. */
function rawRequest(method: string, rawPath: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(t.runner.url);
    const req = http.request({ host: u.hostname, port: u.port, method, path: rawPath, headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

const encodePath = (key: string) => key.split("/").map(encodeURIComponent).join("/");

const KEYS = ["plain.txt", "with space.txt", "plus+sign.txt", "percent%25.txt", "at@colon:equals=.txt", "star*quote'.txt", "résumé.txt", "rocket-🚀.txt", "nested/dir/file.txt"];

describe("read proxy", () => {
  beforeAll(() => {
    for (const key of KEYS) standIns.s3.putObjectDirect(BUCKET, `builds/${key}`, `content of ${key}`, "text/plain");
  });

  test.each(KEYS)("GET and HEAD of %p", async (key) => {
    const get = await t.fetch(`/files/${encodePath(key)}`, { headers: auth() });
    expect([get.status, await get.text()]).toEqual([200, `content of ${key}`]);
    expect(get.headers.get("x-amz-request-id")).toMatch(/^[0-9A-F]{16}$/);
    expect(get.headers.get("x-amz-id-2")).toBeNull();
    const head = await t.fetch(`/files/${encodePath(key)}`, { method: "HEAD", headers: auth() });
    expect([head.status, head.headers.get("content-length")]).toEqual([200, String(Buffer.byteLength(`content of ${key}`))]);
  });

  test("GET on the base path lists JSON with keys relative to the prefix, page by page with nextCursor", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `?limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const res = await t.fetch(`/files${query}`, { headers: auth() });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      const page = (await res.json()) as { items: { key: string; size: number; lastModified: string; etag: string }[]; nextCursor: string | null };
      expect(page.items.length).toBeLessThanOrEqual(4);
      for (const item of page.items) {
        expect(item.size).toBe(Buffer.byteLength(`content of ${item.key}`));
        expect(item.etag).toMatch(/^"[0-9a-f]{32}"$/);
        expect(Number.isNaN(Date.parse(item.lastModified))).toBe(false);
      }
      seen.push(...page.items.map((i) => i.key));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(Math.ceil(KEYS.length / 4));
    expect([...seen].sort()).toEqual([...KEYS].sort());
  });

  test("PUT on a read proxy is 405 with Allow: GET, HEAD", async () => {
    const res = await t.fetch("/files/plain.txt", { method: "PUT", body: "x", headers: auth() });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD");
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(((await res.json()) as { status: number }).status).toBe(405);
  });

  test.each([
    ["dot-dot segment", "/files/%2E%2E/outside/secret.txt"],
    ["dot segment", "/files/a/./b.txt"],
    ["backslash", "/files/a%5Cb.txt"],
    ["control character", "/files/a%01b.txt"],
    ["doubled slash", "/files/a//b.txt"],
    ["malformed percent-encoding", "/files/a%E9.txt"],
    ["key over 1,024 bytes", `/files/${"k".repeat(1025)}`]
  ])("a %s is 400 with a problem body, and S3 is not called", async (_what, rawPath) => {
    const before = standIns.world.calls.length;
    const res = await rawRequest("GET", rawPath, auth());
    expect(res.status).toBe(400);
    expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
    const problem = JSON.parse(res.body) as { type: string; status: number };
    expect(problem.status).toBe(400);
    expect(problem.type).toMatch(/^urn:apigee-aws:problem:s3:(invalid-key|key-too-long)$/);
    expect(standIns.world.calls.slice(before).filter((c) => c.action.startsWith("s3:"))).toEqual([]);
  });

  test("a missing key is 404 with a problem body naming S3's code", async () => {
    const res = await t.fetch("/files/no-such-file.txt", { headers: auth() });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(res.headers.get("x-amz-request-id")).toMatch(/^[0-9A-F]{16}$/);
    expect(((await res.json()) as { type: string }).type).toBe("urn:apigee-aws:problem:s3:not-found");
  });

  test("HEAD of a missing key is 404 too (S3 sends no body: the status decides)", async () => {
    const res = await t.fetch("/files/no-such-file.txt", { method: "HEAD", headers: auth() });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  });

  test("a key the role may not read answers as a missing one does: 404, so nothing says it exists", async () => {
    standIns.s3.putObjectDirect(BUCKET, "builds/private/salaries.txt", "secret");
    const res = await t.fetch("/files/private/salaries.txt", { headers: auth() });
    const missing = await t.fetch("/files/private/no-such-file.txt", { headers: auth() });
    expect([res.status, missing.status]).toEqual([404, 404]);
    const body = await res.text();
    expect((JSON.parse(body) as { type: string }).type).toBe("urn:apigee-aws:problem:s3:not-found");
    expect(body).not.toContain("secret");
    // S3 itself answered AccessDenied: the mapping is the proxy's, not the stand-in's.
    expect(standIns.world.calls.filter((c) => c.action === "s3:GetObject").slice(-2).map((c) => c.status)).toEqual([403, 403]);
  });

  test("no token is 401 from VerifyJWT, with a problem body and WWW-Authenticate", async () => {
    const res = await t.fetch("/files/plain.txt");
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(((await res.json()) as { type: string }).type).toBe("urn:apigee-aws:problem:unauthorized");
    const wrongAudience = await t.fetch("/files/plain.txt", { headers: { authorization: `Bearer ${await standIns.oidc.mintToken({ sub: "u", aud: "other" })}` } });
    expect(wrongAudience.status).toBe(401);
  });

  test("a token without exp, one living a century, or one sent without the Bearer scheme is 401", async () => {
    const withoutExp = await standIns.oidc.mintToken({ sub: "u", aud: AUDIENCE, claims: { exp: undefined } });
    const century = await standIns.oidc.mintToken({ sub: "u", aud: AUDIENCE, expiresInSeconds: 100 * 365 * 86400 });
    for (const authorization of [`Bearer ${withoutExp}`, `Bearer ${century}`, token]) {
      const res = await t.fetch("/files/plain.txt", { headers: { authorization } });
      expect([res.status, ((await res.json()) as { type: string }).type]).toEqual([401, "urn:apigee-aws:problem:unauthorized"]);
    }
    // A day's token (the default maxLifespan) is fine.
    const day = await standIns.oidc.mintToken({ sub: "u", aud: AUDIENCE, expiresInSeconds: 86400 });
    expect((await t.fetch("/files/plain.txt", { headers: { authorization: `Bearer ${day}` } })).status).toBe(200);
  });

  test("an uploaded HTML or SVG file is served as an attachment with nosniff; a text file inline; errors carry nosniff too", async () => {
    standIns.s3.putObjectDirect(BUCKET, "builds/page.html", "<script>alert(1)</script>", "text/html");
    standIns.s3.putObjectDirect(BUCKET, "builds/logo.svg", "<svg onload='alert(1)'/>", "image/svg+xml");
    for (const key of ["page.html", "logo.svg"]) {
      const res = await t.fetch(`/files/${key}`, { headers: auth() });
      expect([res.status, res.headers.get("content-disposition"), res.headers.get("x-content-type-options")]).toEqual([200, "attachment", "nosniff"]);
    }
    const text = await t.fetch("/files/plain.txt", { headers: auth() });
    expect([text.status, text.headers.get("content-disposition"), text.headers.get("x-content-type-options")]).toEqual([200, null, "nosniff"]);
    for (const failing of [await t.fetch("/files/no-such.txt", { headers: auth() }), await t.fetch("/files/plain.txt")]) {
      expect([failing.status >= 400, failing.headers.get("x-content-type-options")]).toEqual([true, "nosniff"]);
    }
  });

  test("S3's x-amz-* response headers are dropped, x-amz-request-id kept", async () => {
    const res = await t.fetch("/files/plain.txt", { headers: auth() });
    expect(res.status).toBe(200);
    const amz = [...res.headers.keys()].filter((h) => h.startsWith("x-amz-"));
    expect(amz).toEqual(["x-amz-request-id"]);
  });
});

describe("write proxy", () => {
  test("PUT stores the object under the prefix; S3 has it", async () => {
    const body = Buffer.from("uploaded ✓ bytes");
    const res = await t.fetch(`/uploads/${encodePath("incoming/report 1+1.txt")}`, { method: "PUT", body, headers: { "content-type": "text/plain" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-amz-id-2")).toBeNull();
    const store = ObjectStore.open(s3Root);
    expect(store.head(BUCKET, "builds/incoming/report 1+1.txt")?.contentType).toBe("text/plain");
    expect(store.readBody(BUCKET, "builds/incoming/report 1+1.txt").equals(body)).toBe(true);
  });

  test("an upload without Content-Length (chunked) is 411 from the proxy, never sent to S3, which would refuse it", async () => {
    const before = standIns.world.calls.filter((c) => c.action === "s3:PutObject").length;
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("part one, "));
        controller.enqueue(new TextEncoder().encode("part two"));
        controller.close();
      }
    });
    const res = await t.fetch("/uploads/incoming/chunked.txt", { method: "PUT", body: chunked, duplex: "half" } as RequestInit);
    expect(res.status).toBe(411);
    expect(((await res.json()) as { type: string; detail: string })).toMatchObject({ type: "urn:apigee-aws:problem:s3:length-required", detail: expect.stringMatching(/Content-Length header, not chunked/) });
    expect(standIns.world.calls.filter((c) => c.action === "s3:PutObject").length).toBe(before);
  });

  test("the intent's headers reach S3 (SSM and literal values); the client's x-amz-* headers never do", async () => {
    const res = await t.fetch("/uploads/incoming/meta.txt", { method: "PUT", body: "m", headers: { "x-amz-meta-owner": "mallory", "x-amz-meta-extra": "x" } });
    expect(res.status).toBe(200);
    const stored = ObjectStore.open(s3Root).head(BUCKET, "builds/incoming/meta.txt");
    expect(stored?.metadata).toEqual({ owner: "team-storage@acme.example", team: "storage {core}" });
  });

  test("GET on a write proxy is 405 with Allow: PUT, DELETE", async () => {
    const res = await t.fetch("/uploads/incoming/x.txt");
    expect([res.status, res.headers.get("allow")]).toEqual([405, "PUT, DELETE"]);
  });

  test("DELETE (allowed by the intent) removes the object", async () => {
    standIns.s3.putObjectDirect(BUCKET, "builds/incoming/old.txt", "old");
    const res = await t.fetch("/uploads/incoming/old.txt", { method: "DELETE" });
    expect(res.status).toBe(204);
    expect(ObjectStore.open(s3Root).head(BUCKET, "builds/incoming/old.txt")).toBeUndefined();
  });
});

describe("caller identity", () => {
  const callerToken = (sub: string) => standIns.oidc.mintToken({ sub, aud: CALLER_CLIENT, issuer: CALLER_ISSUER });

  test("the caller's verified token, without Bearer, is what STS exchanges: a trusted subject reads", async () => {
    standIns.s3.putObjectDirect(BUCKET, "builds/mine.txt", "yours");
    const res = await t.fetch("/mine/mine.txt", { headers: { authorization: `bearer ${await callerToken("user-alice")}` } });
    expect([res.status, await res.text()]).toEqual([200, "yours"]);
  });

  test("a subject the role does not trust is refused by STS (403 from aws-credentials)", async () => {
    const res = await t.fetch("/mine/mine.txt", { headers: { authorization: `Bearer ${await callerToken("intruder")}` } });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { type: string }).type).toBe("urn:apigee-aws:problem:aws-credentials:sts-access-denied");
  });
});

describe("CORS", () => {
  test("a preflight from an allowed origin is answered without a token", async () => {
    const res = await t.fetch("/files/plain.txt", { method: "OPTIONS", headers: { origin: ORIGIN, "access-control-request-method": "GET" } });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    expect(res.headers.get("access-control-allow-methods")).toBe("GET, HEAD");
  });

  test("answers and errors carry Access-Control-Allow-Origin for an allowed origin only", async () => {
    const ok = await t.fetch("/files/plain.txt", { headers: { ...auth(), origin: ORIGIN } });
    expect([ok.status, ok.headers.get("access-control-allow-origin"), ok.headers.get("vary")]).toEqual([200, ORIGIN, "Origin"]);
    const missing = await t.fetch("/files/nothing-here.txt", { headers: { ...auth(), origin: ORIGIN } });
    expect([missing.status, missing.headers.get("access-control-allow-origin")]).toEqual([404, ORIGIN]);
    const unauthorized = await t.fetch("/files/plain.txt", { headers: { origin: ORIGIN } });
    expect([unauthorized.status, unauthorized.headers.get("access-control-allow-origin")]).toEqual([401, ORIGIN]);
    const invalid = await rawRequest("GET", "/files/a%5Cb", { ...auth(), origin: ORIGIN });
    expect([invalid.status, invalid.headers["access-control-allow-origin"]]).toEqual([400, ORIGIN]);
    const foreign = await t.fetch("/files/plain.txt", { headers: { ...auth(), origin: "https://evil.example.com" } });
    expect([foreign.status, foreign.headers.get("access-control-allow-origin")]).toEqual([200, null]);
  });
});

describe("quota", () => {
  test("the third request in a minute from one client is 429 with a problem body", async () => {
    standIns.s3.putObjectDirect(BUCKET, "builds/limited.txt", "l");
    // The quota's window is the clock's minute: start well inside one.
    const left = 60_000 - (Date.now() % 60_000);
    if (left < 5000) await new Promise((resolve) => setTimeout(resolve, left + 100));
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await t.fetch("/limited/limited.txt")).status);
    expect(statuses).toEqual([200, 200, 429]);
    const refused = await t.fetch("/limited/limited.txt");
    expect(refused.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(((await refused.json()) as { status: number }).status).toBe(429);
  });
});

describe("S3 refusing the proxy's own signature", () => {
  test("SignatureDoesNotMatch is 502 and names S3's code only", async () => {
    const res = await t.fetch("/tampered");
    expect(res.status).toBe(502);
    const body = await res.text();
    const client = JSON.parse(body) as Record<string, unknown>;
    // The caller reads the type, title, status and message ID; S3's code goes to the full problem only.
    expect(Object.keys(client).sort()).toEqual(["messageId", "status", "title", "type"]);
    expect(client).toMatchObject({ type: "urn:apigee-aws:problem:s3:upstream-authentication", status: 502 });
    expect(lastProblemDetail(t, "s3.problem.detail")).toMatchObject({ type: "urn:apigee-aws:problem:s3:upstream-authentication", s3ErrorCode: "SignatureDoesNotMatch", messageId: client.messageId });
    expect(body).not.toMatch(/<|StringToSign|CanonicalRequest|AWS4-HMAC-SHA256/);
  });

  test("on the streamed objects target too: S3's error body reaches s3-error.js, so a GET is 502 with S3's code in the full problem", async () => {
    standIns.s3.putObjectDirect(BUCKET, "builds/streamed.txt", "body");
    const res = await t.fetch("/tampered/streamed.txt");
    const body = await res.text();
    expect([res.status, (JSON.parse(body) as { type: string }).type]).toEqual([502, "urn:apigee-aws:problem:s3:upstream-authentication"]);
    expect(lastProblemDetail(t, "s3.problem.detail")).toMatchObject({ s3ErrorCode: "SignatureDoesNotMatch" });
    expect(body).not.toMatch(/<|StringToSign/);
  });

  afterEach(() => {
    clockOffsetMs = 0;
  });

  test("RequestTimeTooSkewed on a listing is 502, with no S3 diagnostics in the body", async () => {
    clockOffsetMs = 20 * 60_000;
    const res = await t.fetch("/files", { headers: auth() });
    expect(res.status).toBe(502);
    const body = await res.text();
    const problem = JSON.parse(body) as { type: string; s3ErrorCode?: string };
    expect(problem.type).toBe("urn:apigee-aws:problem:s3:upstream-authentication");
    expect(problem.s3ErrorCode).toBeUndefined();
    expect(lastProblemDetail(t, "s3.problem.detail").s3ErrorCode).toBe("RequestTimeTooSkewed");
    // S3's <Error> carries <Message>, <RequestTime>, <ServerTime>, <HostId>: none of it is passed on.
    expect(body).not.toMatch(/<|ServerTime|HostId|difference between/);
  });
});

// The README's example, built by `apigee-aws build` and served as
// `apigee-aws dev` serves it: the generated bundles in the runner, and the
// stand-ins enforcing the generated IAM documents (trust and permissions) of
// the environment. A write proxy with a quota is added to the example.

import * as fs from "node:fs";
import * as http from "node:http";
import * as path from "node:path";
import { packageRoot } from "../../src/common/paths";
import { DevStack } from "../../src/dev/dev-stack";
import { parseIntent } from "../../src/intent";
import { planBuild } from "../../src/plan";
import type { JwtAuth } from "../../src/intent/model";
import { requireBuilt } from "../support/built";
import { signAndSend, xmlField } from "../stand-ins/aws/aws-client";

const EXAMPLE = path.join(packageRoot(), "templates/s3-read.yaml");
const UPLOADS = `
  uploads:
    target: s3://my-uploads/incoming/
    access: write
    quota: 2/minute
  shared: s3://my-shared/{env}/data/ read
`;

let stack: DevStack;
let jwt: JwtAuth;
let token: string;

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Raw paths are sent as written: no client-side normalisation of "..". */
function call(method: string, rawPath: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  const url = new URL(stack.runner.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path: rawPath, headers: body === undefined ? headers : { ...headers, "content-length": String(Buffer.byteLength(body)) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const bearer = (t = token) => ({ authorization: `Bearer ${t}` });

/** The role's session as anyone holding the runtime's Google ID token would get it from STS. */
async function sessionFor(roleName: string) {
  const sa = stack.plan.proxies.flatMap((p) => p.roles).find((r) => r.name === roleName)?.serviceAccount?.email;
  if (!sa) throw new Error(`no gateway role ${roleName} in the plan`);
  const idToken = await stack.standIns.google.idToken(sa, "sts.amazonaws.com", false);
  const form = new URLSearchParams({ Action: "AssumeRoleWithWebIdentity", Version: "2011-06-15", RoleArn: `arn:aws:iam::${stack.intent.aws.account}:role/${roleName}`, RoleSessionName: "probe", WebIdentityToken: idToken });
  const answer = await fetch(stack.standIns.sts.url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form.toString() });
  const xml = await answer.text();
  const accessKeyId = xmlField(xml, "AccessKeyId");
  if (!accessKeyId) throw new Error(`STS refused ${roleName}: ${xml}`);
  return stack.standIns.world.session(accessKeyId)!;
}

beforeAll(async () => {
  requireBuilt("callouts/s3-key.js", "callouts/s3-list.js");
  const intent = parseIntent(fs.readFileSync(EXAMPLE, "utf8") + UPLOADS, EXAMPLE);
  stack = await DevStack.start({ plan: planBuild(intent), env: "test" });
  jwt = stack.callerAuths()[0].jwt;
  token = await stack.mintCallerToken(jwt);
  stack.standIns.s3.putObjectDirect("my-artifacts", "builds/app-1.2.3.zip", "zip bytes");
  stack.standIns.s3.putObjectDirect("my-artifacts", "builds/nightly/app.zip", "nightly");
  stack.standIns.s3.putObjectDirect("my-artifacts", "secrets/key.pem", "secret");
  stack.standIns.s3.putObjectDirect("my-shared", "test/data/rates.csv", "test rates");
  stack.standIns.s3.putObjectDirect("my-shared", "prod/data/rates.csv", "prod rates");
}, 60_000);

afterAll(async () => {
  await stack?.close();
});

describe("the read proxy", () => {
  test("serves an object, its HEAD, and the listing with keys relative to the prefix", async () => {
    const get = await call("GET", "/artifacts/app-1.2.3.zip", bearer());
    expect([get.status, get.body]).toEqual([200, "zip bytes"]);
    const head = await call("HEAD", "/artifacts/app-1.2.3.zip", bearer());
    expect([head.status, head.headers["content-length"], head.body]).toEqual([200, "9", ""]);
    const list = await call("GET", "/artifacts", bearer());
    expect(list.status).toBe(200);
    expect(JSON.parse(list.body).items.map((i: { key: string }) => i.key)).toEqual(["app-1.2.3.zip", "nightly/app.zip"]);
  });

  test("answers PUT with 405 and Allow, and its role could not PUT even if asked", async () => {
    const put = await call("PUT", "/artifacts/new.zip", bearer(), "x");
    expect([put.status, put.headers.allow]).toEqual([405, "GET, HEAD"]);
    const session = await sessionFor("apigee-artifacts-test");
    const direct = await signAndSend(stack.standIns.s3.url, session, { method: "PUT", host: "my-artifacts.s3.us-east-1.amazonaws.com", path: "/builds/new.zip", body: "x" }, { service: "s3", region: "us-east-1" });
    expect([direct.status, xmlField(direct.text, "Code")]).toEqual([403, "AccessDenied"]);
    expect(stack.standIns.s3.getObjectDirect("my-artifacts", "builds/new.zip")).toBeUndefined();
  });

  test("its role reads only its own prefix: secrets/ next to builds/ is denied", async () => {
    const session = await sessionFor("apigee-artifacts-test");
    const inside = await signAndSend(stack.standIns.s3.url, session, { method: "GET", host: "my-artifacts.s3.us-east-1.amazonaws.com", path: "/builds/app-1.2.3.zip" }, { service: "s3", region: "us-east-1" });
    const outside = await signAndSend(stack.standIns.s3.url, session, { method: "GET", host: "my-artifacts.s3.us-east-1.amazonaws.com", path: "/secrets/key.pem" }, { service: "s3", region: "us-east-1" });
    expect([inside.status, outside.status, xmlField(outside.text, "Code")]).toEqual([200, 403, "AccessDenied"]);
  });

  test.each([
    ["dot segments", "/artifacts/../secrets/key.pem"],
    ["encoded dot segments", "/artifacts/%2e%2e/secrets/key.pem"],
    ["an encoded slash and dots", "/artifacts/nightly%2f..%2f..%2fsecrets%2fkey.pem"],
    ["a backslash", "/artifacts/..%5csecrets%5ckey.pem"],
    ["a control character", "/artifacts/app%00.zip"]
  ])("refuses %s with 400 and a problem body", async (_name, rawPath) => {
    const answer = await call("GET", rawPath, bearer());
    expect(answer.status).toBe(400);
    expect(answer.headers["content-type"]).toContain("application/problem+json");
    expect(answer.body).not.toContain("secret");
  });
});

describe("a proxy whose prefix names {env}", () => {
  test("serves and lists the test environment's folder", async () => {
    const get = await call("GET", "/shared/rates.csv", bearer());
    expect([get.status, get.body]).toEqual([200, "test rates"]);
    const list = await call("GET", "/shared", bearer());
    expect(JSON.parse(list.body).items.map((i: { key: string }) => i.key)).toEqual(["rates.csv"]);
  });

  test("the test environment's role cannot read the prod folder, even asked directly", async () => {
    const session = await sessionFor("apigee-shared-test");
    const prod = await signAndSend(stack.standIns.s3.url, session, { method: "GET", host: "my-shared.s3.us-east-1.amazonaws.com", path: "/prod/data/rates.csv" }, { service: "s3", region: "us-east-1" });
    const test = await signAndSend(stack.standIns.s3.url, session, { method: "GET", host: "my-shared.s3.us-east-1.amazonaws.com", path: "/test/data/rates.csv" }, { service: "s3", region: "us-east-1" });
    expect([prod.status, xmlField(prod.text, "Code"), test.status]).toEqual([403, "AccessDenied", 200]);
  });
});

describe("callers", () => {
  test("no token, a malformed token, an expired token and a token for another audience get 401", async () => {
    const expired = await stack.standIns.oidc.mintToken({ sub: "dev-user", aud: jwt.audience, issuer: jwt.issuer, expiresInSeconds: -600 });
    const otherAudience = await stack.standIns.oidc.mintToken({ sub: "dev-user", aud: "another-api", issuer: jwt.issuer });
    const statuses = [];
    for (const headers of [{}, bearer("not-a-jwt"), bearer(expired), bearer(otherAudience)]) statuses.push((await call("GET", "/artifacts/app-1.2.3.zip", headers)).status);
    expect(statuses).toEqual([401, 401, 401, 401]);
    expect((await call("GET", "/artifacts/app-1.2.3.zip", bearer())).status).toBe(200);
  });
});

describe("the write proxy", () => {
  test("stores an object under its prefix; a third request in the minute gets 429", async () => {
    const first = await call("PUT", "/uploads/report.csv", { ...bearer(), "content-type": "text/csv" }, "a,b\n1,2\n");
    expect(first.status).toBe(200);
    const session = await sessionFor("apigee-uploads-test");
    const stored = await signAndSend(stack.standIns.s3.url, session, { method: "GET", host: "my-uploads.s3.us-east-1.amazonaws.com", path: "/incoming/report.csv" }, { service: "s3", region: "us-east-1" });
    // Its role may only write: proving the object is there takes S3's own answer to a read, which is denied.
    expect(stored.status).toBe(403);
    expect(stack.standIns.s3.getObjectDirect("my-uploads", "incoming/report.csv")?.toString("utf8")).toBe("a,b\n1,2\n");
    const second = await call("PUT", "/uploads/two.csv", bearer(), "2");
    const third = await call("PUT", "/uploads/three.csv", bearer(), "3");
    expect([second.status, third.status]).toEqual([200, 429]);
    expect(third.headers["content-type"]).toContain("application/problem+json");
  });
});

// The management API client over real loopback HTTP: what it retries (network
// failures, 429, 5xx, 409 ABORTED) and how long it waits, what it does not
// retry, and the messages of the errors it gives up with.

import * as http from "node:http";
import { ApigeeClient } from "../../src/deploy/api-client";
import { ApigeeApiError, violationsOf } from "../../src/deploy/api-error";
import { deployRevision, importBundle, getBundle, type ApiCall } from "../../src/deploy/apigee-calls";
import { DEFAULT_BACKOFF, parseRetryAfter, retryDelayMs } from "../../src/deploy/backoff";
import { redact } from "../../src/deploy/redact";
import { readBody, startServer, type LoopbackServer } from "../support/loopback-server";

const TOKEN = "ya29.test-token-0123456789abcdef";

type Script = (req: http.IncomingMessage, body: string, n: number) => { status: number; body?: unknown; headers?: Record<string, string> } | "drop";

let server: LoopbackServer;
let script: Script = () => ({ status: 200, body: {} });
let requests: { method?: string; url?: string; authorization?: string; contentType?: string; body: string }[] = [];

beforeAll(async () => {
  server = await startServer(async (req, res) => {
    const body = await readBody(req);
    requests.push({ method: req.method, url: req.url, authorization: req.headers.authorization, contentType: req.headers["content-type"], body });
    const answer = script(req, body, requests.length);
    if (answer === "drop") return void req.socket.destroy();
    res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
    res.end(answer.body === undefined ? "" : JSON.stringify(answer.body));
  });
});
afterAll(() => server.close());
beforeEach(() => {
  requests = [];
});

function client(sleeps: number[] = [], retries: string[] = []) {
  return new ApigeeClient({
    baseUrl: server.url,
    token: TOKEN,
    random: () => 0.5,
    sleep: async (ms) => void sleeps.push(ms),
    onRetry: (n) => retries.push(n.reason)
  });
}

const googleError = (code: number, status: string, message: string, details: unknown[] = []) => ({ error: { code, status, message, details } });
const call: ApiCall = getBundle("acme", "proxy", "artifacts");

test("sends the bearer token and a multipart body with the field file", async () => {
  script = () => ({ status: 200, body: { revision: "1" } });
  const zip = Buffer.from("PK\u0003\u0004 zip bytes");
  await client().send(importBundle("acme", "sharedflow", "aws-sigv4", { fileName: "aws-sigv4.zip", bytes: zip, source: "dist/sharedflows/aws-sigv4.zip" }));
  const [sent] = requests;
  expect(sent.method).toBe("POST");
  expect(sent.url).toBe("/v1/organizations/acme/sharedflows?action=import&name=aws-sigv4");
  expect(sent.authorization).toBe(`Bearer ${TOKEN}`);
  const boundary = /^multipart\/form-data; boundary=(.+)$/.exec(sent.contentType ?? "")?.[1];
  expect(boundary).toBeDefined();
  expect(sent.body).toContain(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="aws-sigv4.zip"\r\n`);
  expect(sent.body).toContain("zip bytes");
});

test("retries 5xx with exponential backoff and full jitter, then succeeds", async () => {
  script = (_r, _b, n) => (n <= 3 ? { status: n === 2 ? 500 : 503, body: googleError(503, "UNAVAILABLE", "try later") } : { status: 200, body: { name: "artifacts" } });
  const sleeps: number[] = [];
  const retries: string[] = [];
  const response = await client(sleeps, retries).json<{ name: string }>(call);
  expect(response.value).toEqual({ name: "artifacts" });
  expect(requests).toHaveLength(4);
  // random() = 0.5 of 500, 1000, 2000 ms
  expect(sleeps).toEqual([250, 500, 1000]);
  expect(retries).toEqual(["answer 503", "answer 500", "answer 503"]);
});

test("honours Retry-After on 429, capped", async () => {
  script = (_r, _b, n) => (n === 1 ? { status: 429, headers: { "retry-after": "3" }, body: googleError(429, "RESOURCE_EXHAUSTED", "slow down") } : { status: 200, body: {} });
  const sleeps: number[] = [];
  await client(sleeps).send(call);
  expect(sleeps).toEqual([3000]);
  expect(retryDelayMs(DEFAULT_BACKOFF, 1, 3_600_000, () => 0)).toBe(DEFAULT_BACKOFF.maxRetryAfterMs);
});

test("retries a dropped connection", async () => {
  script = (_r, _b, n) => (n <= 2 ? "drop" : { status: 200, body: {} });
  const retries: string[] = [];
  await client([], retries).send(call);
  expect(requests).toHaveLength(3);
  expect(retries).toEqual(["no answer (network)", "no answer (network)"]);
});

test("gives up after the bounded number of attempts with Apigee's message", async () => {
  script = () => ({ status: 503, body: googleError(503, "UNAVAILABLE", "The service is currently unavailable.") });
  const error = await client().send(call).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ApigeeApiError);
  expect(requests).toHaveLength(DEFAULT_BACKOFF.attempts);
  expect((error as Error).message).toBe(
    "read proxy artifacts failed (GET /v1/organizations/acme/apis/artifacts).\nApigee answered 503 UNAVAILABLE: The service is currently unavailable. (after 5 attempts)"
  );
});

test("409 ABORTED is retried; 409 ALREADY_EXISTS and 400 are not", async () => {
  script = (_r, _b, n) => (n === 1 ? { status: 409, body: googleError(409, "ABORTED", "concurrent change") } : { status: 200, body: {} });
  await client().send(call);
  expect(requests).toHaveLength(2);
  requests = [];
  script = () => ({ status: 409, body: googleError(409, "ALREADY_EXISTS", "exists") });
  await expect(client().send(call)).rejects.toThrow(/Apigee answered 409 ALREADY_EXISTS: exists$/m);
  expect(requests).toHaveLength(1);
  requests = [];
  script = () => ({ status: 400, body: googleError(400, "INVALID_ARGUMENT", "bad") });
  await expect(client().send(call)).rejects.toThrow(/400 INVALID_ARGUMENT: bad/);
  expect(requests).toHaveLength(1);
});

test("403 names the IAM permission from Apigee's answer, else the ones the call needs", async () => {
  script = () => ({
    status: 403,
    body: googleError(403, "PERMISSION_DENIED", "Permission 'apigee.proxies.create' denied on resource 'organizations/acme' (or it may not exist).", [
      { "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "IAM_PERMISSION_DENIED", metadata: { permission: "apigee.proxies.create" } }
    ])
  });
  await expect(client().send(call)).rejects.toThrow(/Missing IAM permission: apigee\.proxies\.create\. Grant a role/);
  script = () => ({ status: 403, body: googleError(403, "PERMISSION_DENIED", "The caller does not have permission") });
  const deploy = deployRevision("acme", "test", "proxy", "artifacts", "3", "rt@p.iam.gserviceaccount.com");
  await expect(client().send(deploy)).rejects.toThrow(
    "Missing IAM permission: this call needs apigee.deployments.create (on organizations/acme/environments/test), apigee.proxyrevisions.deploy, iam.serviceAccounts.actAs (on the service account rt@p.iam.gserviceaccount.com)."
  );
});

test("400 lists a bad bundle's violations and a failed precondition's", async () => {
  script = () => ({
    status: 400,
    body: googleError(400, "INVALID_ARGUMENT", "bundle contains errors", [
      { "@type": "type.googleapis.com/edge.configstore.bundle.BadBundle", violations: [{ filename: "apiproxy/policies/AM-debug.xml", description: 'The AssignTo transport attribute must be "http".' }] },
      { "@type": "type.googleapis.com/google.rpc.RequestInfo", requestId: "1" }
    ])
  });
  await expect(client().send(call)).rejects.toThrow('Violations:\n  - apiproxy/policies/AM-debug.xml: The AssignTo transport attribute must be "http".');
  expect(
    violationsOf({ details: [{ "@type": "type.googleapis.com/google.rpc.PreconditionFailure", violations: [{ type: "T", subject: "organizations/acme/apis/a/revisions/1", description: "d" }] }] })
  ).toEqual(["organizations/acme/apis/a/revisions/1: d [T]"]);
});

test("401 says the token was not accepted; the token never appears in an error, even when the server echoes it", async () => {
  script = (req) => ({ status: 401, body: googleError(401, "UNAUTHENTICATED", `bad credentials: ${req.headers.authorization}`) });
  const error = (await client().send(call).catch((e: unknown) => e)) as Error;
  expect(error.message).toMatch(/401 UNAUTHENTICATED: bad credentials: Bearer \[redacted\]/);
  expect(error.message).toMatch(/it may have expired/);
  expect(error.message).not.toContain(TOKEN);
});

test("an unreachable API is a network error naming the URL", async () => {
  const closed = await startServer(() => undefined);
  await closed.close();
  const c = new ApigeeClient({ baseUrl: closed.url, token: TOKEN, sleep: async () => undefined, backoff: { ...DEFAULT_BACKOFF, attempts: 2 } });
  await expect(c.send(call)).rejects.toThrow(new RegExp(`could not reach ${closed.url}: .*\\(after 2 attempts\\)`));
});

test("backoff: delays grow and stay under the cap; Retry-After reads seconds and dates", () => {
  const policy = { attempts: 9, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000 };
  expect([1, 2, 3, 4, 5, 6].map((r) => retryDelayMs(policy, r, undefined, () => 0.999))).toEqual([99, 199, 399, 799, 999, 999]);
  expect(retryDelayMs(policy, 3, undefined, () => 0)).toBe(0);
  expect(parseRetryAfter("7", 0)).toBe(7000);
  expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
  expect(parseRetryAfter("soon", 0)).toBeUndefined();
  expect(redact("a ya29.secret-value b", ["ya29.secret-value", "short"])).toBe("a [redacted] b");
});

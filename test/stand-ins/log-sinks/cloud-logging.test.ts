// The Cloud Logging stand-in over HTTP: Google's token, scope and IAM checks
// with its error shapes, the WriteLogEntriesRequest rules, the entry size
// limit, and what it keeps for tests.

import { CLOUD_PLATFORM_SCOPE, GoogleStandIn, IAM_SCOPE } from "../../../src/stand-ins/identity/google";
import { CloudLoggingStandIn } from "../../../src/stand-ins/log-sinks/cloud-logging";
import { expectGoogleError } from "../../support/google-errors";

const WRITER = { email: "writer@my-project.iam.gserviceaccount.com", uniqueId: "104532907523447390301" };
const OTHER = { email: "other@my-project.iam.gserviceaccount.com", uniqueId: "104532907523447390302" };
const LOG = "projects/my-project/logs/apigee-aws";
const T0 = Date.UTC(2030, 5, 1);

let clock = T0;
let google: GoogleStandIn;
let logging: CloudLoggingStandIn;

beforeAll(async () => {
  google = await GoogleStandIn.start({ serviceAccounts: [WRITER, OTHER], now: () => clock });
  logging = await CloudLoggingStandIn.start({ tokens: google, logWriters: { "my-project": [WRITER.email] }, now: () => clock });
});
afterAll(() => Promise.all([google.close(), logging.close()]));
beforeEach(() => {
  clock = T0;
  logging.clear();
  logging.failNext(0, 503);
});

const entry = (extra: Record<string, unknown> = {}) => ({ logName: LOG, resource: { type: "api" }, textPayload: "hello", ...extra });

async function write(body: unknown, token?: string): Promise<Response> {
  return fetch(`${logging.url}/v2/entries:write`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === "string" ? body : JSON.stringify(body)
  });
}

const tokenFor = (sa: string, scopes = [CLOUD_PLATFORM_SCOPE], lifetime?: number) => google.accessToken(sa, scopes, lifetime);

test("a log writer's entry is kept with what Cloud Logging adds; the answer is {}", async () => {
  const r = await write({ entries: [entry({ severity: "WARNING", labels: { a: "1" } })] }, await tokenFor(WRITER.email));
  expect([r.status, await r.json()]).toEqual([200, {}]);
  const [kept] = logging.entries(LOG);
  expect(kept).toMatchObject({ logName: LOG, resource: { type: "api" }, textPayload: "hello", severity: "WARNING", labels: { a: "1" } });
  expect(kept.timestamp).toBe(new Date(T0).toISOString());
  expect(kept.receiveTimestamp).toBe(new Date(T0).toISOString());
  expect(kept.insertId).toMatch(/^[0-9a-f-]{36}$/);
  expect(logging.entries("projects/my-project/logs/other")).toEqual([]);
});

test("a token of an account without logging.logWriter on the project gets Google's 403 PERMISSION_DENIED, and nothing is kept", async () => {
  const error = await expectGoogleError(await write({ entries: [entry()] }, await tokenFor(OTHER.email)), 403, "PERMISSION_DENIED");
  expect(error.message).toBe("Permission 'logging.logEntries.create' denied on resource (or it may not exist).");
  expect(error.details).toEqual([
    { "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "IAM_PERMISSION_DENIED", domain: "iam.googleapis.com", metadata: { permission: "logging.logEntries.create" } }
  ]);
  // The writer, on a project where it holds no role, is refused the same way.
  await expectGoogleError(await write({ entries: [entry({ logName: "projects/elsewhere/logs/x" })] }, await tokenFor(WRITER.email)), 403, "PERMISSION_DENIED");
  expect(logging.entries()).toEqual([]);
  logging.grantLogWriter("my-project", OTHER.email);
  expect((await write({ entries: [entry()] }, await tokenFor(OTHER.email))).status).toBe(200);
  logging.revokeLogWriter("my-project", OTHER.email);
  expect((await write({ entries: [entry()] }, await tokenFor(OTHER.email))).status).toBe(403);
});

test("missing, unknown and expired tokens are 401 UNAUTHENTICATED; a token without a logging scope is 403", async () => {
  const missing = await expectGoogleError(await write({ entries: [entry()] }), 401, "UNAUTHENTICATED");
  expect(missing.details?.[0]).toMatchObject({ reason: "CREDENTIALS_MISSING", metadata: { service: "logging.googleapis.com", method: "google.logging.v2.LoggingServiceV2.WriteLogEntries" } });
  const unknown = await expectGoogleError(await write({ entries: [entry()] }, "ya29.not-from-google"), 401, "UNAUTHENTICATED");
  expect(unknown.details?.[0]).toMatchObject({ reason: "ACCESS_TOKEN_TYPE_UNSUPPORTED" });
  const shortLived = await tokenFor(WRITER.email, [CLOUD_PLATFORM_SCOPE], 60);
  clock += 61_000;
  const expired = await expectGoogleError(await write({ entries: [entry()] }, shortLived), 401, "UNAUTHENTICATED");
  expect(expired.details?.[0]).toMatchObject({ reason: "ACCESS_TOKEN_EXPIRED" });
  const iamOnly = await expectGoogleError(await write({ entries: [entry()] }, await tokenFor(WRITER.email, [IAM_SCOPE])), 403, "PERMISSION_DENIED");
  expect(iamOnly.details?.[0]).toMatchObject({ reason: "ACCESS_TOKEN_SCOPE_INSUFFICIENT" });
  const loggingWrite = await write({ entries: [entry()] }, await tokenFor(WRITER.email, ["https://www.googleapis.com/auth/logging.write"]));
  expect(loggingWrite.status).toBe(200);
});

test("the request's logName, resource and labels are its entries' defaults; dryRun keeps nothing", async () => {
  const token = await tokenFor(WRITER.email);
  const r = await write(
    { logName: LOG, resource: { type: "global" }, labels: { a: "request", b: "request" }, entries: [{ jsonPayload: { n: 1 }, labels: { b: "entry" } }, { textPayload: "two", resource: { type: "api" } }] },
    token
  );
  expect(r.status).toBe(200);
  expect(logging.entries(LOG).map((e) => [e.resource.type, e.labels, e.jsonPayload ?? e.textPayload])).toEqual([
    ["global", { a: "request", b: "entry" }, { n: 1 }],
    ["api", { a: "request", b: "request" }, "two"]
  ]);
  expect((await write({ dryRun: true, entries: [entry()] }, token)).status).toBe(200);
  expect(logging.entries(LOG)).toHaveLength(2);
});

test("malformed requests are 400 INVALID_ARGUMENT and write nothing", async () => {
  const token = await tokenFor(WRITER.email);
  const cases: [unknown, RegExp][] = [
    ["{not json", /^Invalid JSON payload received/],
    [{ entries: [] }, /"entries": at least one log entry/],
    [{ entries: [entry()], verbose: true }, /Unknown name "verbose": Cannot find field/],
    [{ entries: [entry({ payload: "x" })] }, /Unknown name "payload" at 'entries\[0\]': Cannot find field/],
    [{ entries: [{ resource: { type: "api" }, textPayload: "x" }] }, /a log name is required/],
    [{ entries: [{ logName: LOG, textPayload: "x" }] }, /a monitored resource is required/],
    [{ entries: [entry({ logName: "projects/my-project/logs/a/b" })] }, /is not projects\/\[PROJECT_ID\]\/logs\/\[LOG_ID\]/],
    [{ entries: [entry({ logName: "projects/my-project/logs/a%2Fb%20c" })] }, /the log ID "a\/b c" must be under 512 characters/],
    [{ entries: [entry({ logName: `projects/my-project/logs/${"x".repeat(512)}` })] }, /must be under 512 characters/],
    [{ entries: [entry({ jsonPayload: { a: 1 } })] }, /one payload; this one has textPayload and jsonPayload/],
    [{ entries: [entry({ textPayload: undefined, jsonPayload: ["a"] })] }, /jsonPayload must be a JSON object/],
    [{ entries: [entry({ severity: "LOUD" })] }, /Invalid value at 'entries\[0\].severity'/],
    [{ entries: [entry({ labels: { n: 1 } })] }, /must map names to strings/]
  ];
  for (const [body, message] of cases) {
    const error = await expectGoogleError(await write(body, token), 400, "INVALID_ARGUMENT");
    expect(error.message).toMatch(message);
  }
  expect(logging.entries()).toEqual([]);
  // Encoded slashes and the allowed punctuation are fine.
  expect((await write({ entries: [entry({ logName: "projects/my-project/logs/apigee.googleapis.com%2Faudit_log-1" })] }, token)).status).toBe(200);
});

test("an entry over 256 KB is refused with Cloud Logging's message", async () => {
  const token = await tokenFor(WRITER.email);
  const error = await expectGoogleError(await write({ entries: [entry({ textPayload: "x".repeat(300 * 1024) })] }, token), 400, "INVALID_ARGUMENT");
  expect(error.message).toMatch(/^Log entry with size 300\.\dK exceeds maximum size of 256\.0K$/);
  expect((await write({ entries: [entry({ textPayload: "x".repeat(250 * 1024) })] }, token)).status).toBe(200);
});

test("failNext answers in Google's error shape; other paths are 404", async () => {
  logging.failNext(1, 503);
  await expectGoogleError(await write({ entries: [entry()] }, await tokenFor(WRITER.email)), 503, "UNAVAILABLE");
  expect((await write({ entries: [entry()] }, await tokenFor(WRITER.email))).status).toBe(200);
  await expectGoogleError(await fetch(`${logging.url}/v2/entries:list`, { method: "POST" }), 404, "NOT_FOUND");
});

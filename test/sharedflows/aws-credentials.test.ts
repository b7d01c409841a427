// The aws-credentials shared flow as deployed (sharedflows/aws-credentials),
// run by the local runtime over real HTTP, against the stand-ins' Google, OIDC
// issuer and STS stand-ins. One clock, moved by the tests, drives the runner
// (system.timestamp, cache TTLs), Google's and the caller IdP's tokens and STS.

import * as path from "node:path";
import { packageRoot } from "../../src/common/paths";
import type { FlowState } from "../../src/flow/flow-variables";
import { ExecutionContext } from "../../src/runner/execution/context";
import { StandIns } from "../../src/stand-ins/stand-ins";
import type { Session } from "../../src/stand-ins/aws/world";
import { callerRole, gatewayRole, roleArn } from "../support/aws-world-fixtures";
import { writeProxy } from "../support/bundle-fixtures";
import { gatewayCredentials } from "../support/gateway-credentials";
import { fullProblem, PROBLEM_DETAIL_HEADER, problemDetailEcho } from "../support/problem-echo";
import { requireBuilt } from "../support/built";
import { closeRunners, startRunner, TestRunner } from "../support/runner";

const SHARED_FLOW = path.join(packageRoot(), "sharedflows/aws-credentials/sharedflowbundle");
const RUNTIME_SA = { email: "apigee-runtime@acme-prod.iam.gserviceaccount.com", uniqueId: "104857600000000000001" };
const OTHER_SA = { email: "reporting@acme-prod.iam.gserviceaccount.com", uniqueId: "104857600000000000002" };
const CALLER_HOST = "login.example.com/realms/apigee";
const CALLER_ISSUER = `https://${CALLER_HOST}`;
const CLIENT_ID = "apigee-proxy";
const STS_CALL = "sts:AssumeRoleWithWebIdentity";

const ROLES = {
  gateway: roleArn("apigee-gateway"),
  gateway2: roleArn("apigee-gateway-2"),
  notTrusted: roleArn("reporting-only"),
  caller: roleArn("apigee-callers"),
  long: roleArn("apigee-long-sessions")
};

const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);
let clock = T0;
const now = () => clock;
const advance = (seconds: number) => (clock += seconds * 1000);
/** ISO 8601 to the second, as the flow writes times. */
const iso = (millis: number) => new Date(Math.floor(millis / 1000) * 1000).toISOString().replace(".000Z", "Z");

let standIns: StandIns;
let t: TestRunner;

/** Echoed by every test proxy after the FlowCallout; the access key ID names the session, it is not a secret. */
const OUTPUTS: Record<string, string> = {
  "x-source": "aws.credentials.source",
  "x-expiration": "aws.credentials.expiration",
  "x-session-name": "aws.credentials.sessionName",
  "x-access-key-id": "private.aws.credentials.accessKeyId",
  "x-attempts": "aws.credentials.attempts",
  "x-error": "aws.credentials.error"
};

function echoOutputs(name: string): string {
  const headers = Object.entries(OUTPUTS)
    .map(([header, variable]) => `<Header name="${header}">{${variable}}</Header>`)
    .join("");
  return `<AssignMessage name="${name}"><AssignTo createNew="false" type="response">response</AssignTo><Set><Headers>${headers}</Headers><StatusCode>200</StatusCode></Set><IgnoreUnresolvedVariables>true</IgnoreUnresolvedVariables></AssignMessage>`;
}

function flowCallout(name: string, params: Record<string, string>): string {
  const parameters = Object.entries(params)
    .map(([k, v]) => `<Parameter name="aws.credentials.${k}">${v}</Parameter>`)
    .join("");
  return `<FlowCallout name="${name}"><SharedFlowBundle>aws-credentials</SharedFlowBundle><Parameters>${parameters}</Parameters></FlowCallout>`;
}

/** Says whether the secret key and session token are set, without their values. */
const HAS_SECRETS = `<AssignMessage name="AM-HasSecrets"><AssignTo createNew="false" type="response">response</AssignTo><Set><Headers><Header name="x-has-secrets">yes</Header></Headers></Set></AssignMessage>`;
const HAS_SECRETS_STEP = "<Step><Name>AM-HasSecrets</Name><Condition>private.aws.credentials.secretAccessKey != null and private.aws.credentials.sessionToken != null</Condition></Step>";

/**
 * A proxy at /NAME (its name is the gateway-mode session name) that obtains
 * credentials as generated bundles do and echoes the outputs.
 */
function gatewayProxy(name: string, params: Record<string, string>): string {
  const credentials = gatewayCredentials("FC-Creds", params);
  return writeProxy(name, {
    basePath: `/${name}`,
    proxyExtra: ECHO.proxyExtra,
    policies: { ...credentials.policies, ...ECHO.policies, "AM-Echo": echoOutputs("AM-Echo"), "AM-HasSecrets": HAS_SECRETS },
    request: [...credentials.steps, "AM-Echo", HAS_SECRETS_STEP]
  });
}

/**
 * Caller mode: the client's JWT (x-caller-token) is copied to a private
 * variable and verified (VerifyJWT, audience `audience`) before the FlowCallout.
 */
function callerProxy(name: string, params: Record<string, string>, audience = CLIENT_ID): string {
  return writeProxy(name, {
    basePath: `/${name}`,
    proxyExtra: ECHO.proxyExtra,
    policies: {
      ...ECHO.policies,
      "AM-CallerToken": `<AssignMessage name="AM-CallerToken"><AssignVariable><Name>private.callerToken</Name><Ref>request.header.x-caller-token</Ref></AssignVariable></AssignMessage>`,
      "VJ-Caller": `<VerifyJWT name="VJ-Caller"><Algorithm>RS256</Algorithm><Source>private.callerToken</Source><PublicKey><JWKS uri="${standIns.oidc.jwksUri}"/></PublicKey><Issuer>${CALLER_ISSUER}</Issuer><Audience>${audience}</Audience><TimeAllowance>120s</TimeAllowance></VerifyJWT>`,
      "FC-Creds": flowCallout("FC-Creds", { mode: "caller", callerTokenVariable: "private.callerToken", ...params }),
      "AM-Echo": echoOutputs("AM-Echo"),
      "AM-HasSecrets": HAS_SECRETS
    },
    request: ["AM-CallerToken", "VJ-Caller", "FC-Creds", "AM-Echo", HAS_SECRETS_STEP]
  });
}

function callerToken(sub: string, options: { aud?: string; expiresInSeconds?: number } = {}): Promise<string> {
  return standIns.oidc.mintToken({ sub, aud: options.aud ?? CLIENT_ID, issuer: CALLER_ISSUER, expiresInSeconds: options.expiresInSeconds });
}

interface Outcome {
  status: number;
  headers: Headers;
  body: string;
  source: string | null;
  accessKeyId: string | null;
  attempts: string | null;
}

async function call(proxy: string, headers: Record<string, string> = {}): Promise<Outcome> {
  const r = await t.fetch(`/${proxy}`, { headers });
  const body = await r.text();
  const h = r.headers;
  return { status: r.status, headers: h, body, source: h.get("x-source"), accessKeyId: h.get("x-access-key-id") || null, attempts: h.get("x-attempts") || null };
}

function stsCalls(): number {
  return standIns.world.callCount(STS_CALL);
}

function session(accessKeyId: string | null): Session {
  const s = accessKeyId ? standIns.world.session(accessKeyId) : undefined;
  if (!s) throw new Error(`no STS session for access key ${accessKeyId}`);
  return s;
}

/** `total` calls with at most `concurrency` in flight. */
async function concurrently<T>(total: number, concurrency: number, one: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(total);
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const i = next++;
      results[i] = await one(i);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}

/** The full problem (from aws.credentials.fault.detail), once the caller's body is shown to hold nothing but type, title, status and message ID. */
function problemOf(o: Outcome, about: "proxy" | "caller's request" = "proxy"): Record<string, unknown> {
  expect(o.headers.get("content-type")).toBe("application/problem+json");
  return fullProblem(o.body, o.headers.get(PROBLEM_DETAIL_HEADER), about);
}

const ECHO = problemDetailEcho("aws.credentials.fault.detail");

/** FlowCallout enters a shared flow through forBundle: the secrets test wraps it to capture each flow. */
const originalForBundle = ExecutionContext.prototype.forBundle;

beforeAll(async () => {
  requireBuilt("callouts/aws-credentials-prepare.js", "callouts/aws-credentials-cache.js", "callouts/aws-credentials-exchange.js");
  standIns = await StandIns.start({
    now,
    accountId: "111122223333",
    serviceAccounts: [RUNTIME_SA, OTHER_SA],
    roles: [
      gatewayRole("apigee-gateway", RUNTIME_SA),
      gatewayRole("apigee-gateway-2", RUNTIME_SA),
      gatewayRole("reporting-only", OTHER_SA),
      gatewayRole("apigee-long-sessions", RUNTIME_SA, { maxSessionDurationSeconds: 43200, setSourceIdentity: true }),
      callerRole("apigee-callers", CALLER_HOST, CLIENT_ID, ["user-*"])
    ]
  });
  standIns.world.putIdentityProvider({ issuer: CALLER_ISSUER, jwksUri: standIns.oidc.jwksUri, clientIds: [CLIENT_ID] });
  const gw = (name: string, params: Record<string, string> = {}) => gatewayProxy(name, { roleArn: ROLES.gateway, serviceAccount: RUNTIME_SA.email, ...params });
  const proxies = [
    gw("gw-basic"),
    gw("gw-endpoint", { stsEndpoint: standIns.sts.url, region: "eu-west-1" }),
    gw("gw-load"),
    gw("gw-cold"),
    gw("gw-refresh"),
    gw("gw-refresh-fail"),
    gw("gw-long", { roleArn: ROLES.long, durationSeconds: "43200", sourceIdentity: "apigee-gateway" }),
    gw("gw-5xx"),
    gw("gw-idp"),
    gw("gw-jwks"),
    gw("gw-slow"),
    gw("gw-down"),
    gw("gw-denied", { roleArn: ROLES.notTrusted }),
    gw("gw-other-sa", { serviceAccount: OTHER_SA.email }),
    gw("gw-google-down"),
    gw("gw-rejected"),
    gw("gw-no-role", { roleArn: "" }),
    gw("gw-bad-duration", { durationSeconds: "60" }),
    gw("gw-bad-mode", { mode: "both" }),
    gw("gw-secrets"),
    callerProxy("caller", { roleArn: ROLES.caller }),
    callerProxy("caller-secrets", { roleArn: ROLES.caller }),
    callerProxy("caller-public-var", { roleArn: ROLES.caller, callerTokenVariable: "callerToken" }),
    callerProxy("caller-other-client", { roleArn: ROLES.caller }, "other-client"),
    twoRolesProxy()
  ];
  t = await startRunner([SHARED_FLOW, ...proxies], {
    serviceAccount: RUNTIME_SA.email,
    google: standIns.google,
    hostOverrides: standIns.hostOverrides(),
    now
  });
});

afterAll(async () => {
  ExecutionContext.prototype.forBundle = originalForBundle;
  await closeRunners();
  await standIns?.close();
});

/** One proxy, two FlowCallouts with two roles: the second call must not reuse the first one's credentials. */
function twoRolesProxy(): string {
  const first = gatewayCredentials("FC-First", { roleArn: ROLES.gateway, serviceAccount: RUNTIME_SA.email });
  const second = gatewayCredentials("FC-Second", { roleArn: ROLES.gateway2, serviceAccount: RUNTIME_SA.email });
  return writeProxy("two-roles", {
    basePath: "/two-roles",
    proxyExtra: ECHO.proxyExtra,
    policies: {
      ...ECHO.policies,
      ...first.policies,
      ...second.policies,
      "AM-KeepFirst": `<AssignMessage name="AM-KeepFirst"><AssignVariable><Name>first.accessKeyId</Name><Ref>private.aws.credentials.accessKeyId</Ref></AssignVariable></AssignMessage>`,
      "AM-Echo": echoOutputs("AM-Echo"),
      "AM-EchoFirst": `<AssignMessage name="AM-EchoFirst"><AssignTo createNew="false" type="response">response</AssignTo><Set><Headers><Header name="x-first-access-key-id">{first.accessKeyId}</Header></Headers></Set></AssignMessage>`
    },
    request: [...first.steps, "AM-KeepFirst", ...second.steps, "AM-Echo", "AM-EchoFirst"]
  });
}

describe("aws-credentials: obtaining credentials", () => {
  test("gateway mode: a Google ID token for the runtime service account becomes an STS session of the role", async () => {
    const before = stsCalls();
    const o = await call("gw-basic");
    expect(o.status).toBe(200);
    expect([o.source, o.headers.get("x-has-secrets"), o.headers.get("x-session-name"), o.attempts]).toEqual(["sts", "yes", "gw-basic", "1"]);
    const s = session(o.accessKeyId);
    expect([s.roleArn, s.sessionName, s.identity.issuer, s.identity.sub, s.identity.aud]).toEqual([
      ROLES.gateway,
      "gw-basic",
      "https://accounts.google.com",
      RUNTIME_SA.uniqueId,
      "sts.amazonaws.com"
    ]);
    expect(o.headers.get("x-expiration")).toBe(iso(s.expiresAt));
    expect(s.expiresAt).toBe(clock + 3600 * 1000);
    expect(stsCalls() - before).toBe(1);

    const again = await call("gw-basic");
    expect([again.status, again.source, again.accessKeyId, stsCalls() - before]).toEqual([200, "cache", o.accessKeyId, 1]);
  });

  test("nothing a client sends makes the flow skip the cache", async () => {
    const first = await call("gw-basic");
    const before = stsCalls();
    const r = await t.fetch("/gw-basic?aws.credentials.state=missing&refresh=true", {
      headers: { "Cache-Control": "no-cache", Pragma: "no-cache", "x-aws-credentials-refresh": "true" }
    });
    expect([r.status, r.headers.get("x-source"), r.headers.get("x-access-key-id"), stsCalls() - before]).toEqual([200, "cache", first.accessKeyId, 0]);
  });

  test("a proxy can name its own STS endpoint (the other proxies use the region's, which host overrides route to the stand-in)", async () => {
    const before = stsCalls();
    const o = await call("gw-endpoint");
    expect([o.status, o.source, stsCalls() - before]).toEqual([200, "sts", 1]);
    expect(session(o.accessKeyId).sessionName).toBe("gw-endpoint");
  });

  test("caller mode: the verified caller JWT is exchanged; the session is named after its subject", async () => {
    const o = await call("caller", { "x-caller-token": await callerToken("user-alice") });
    expect([o.status, o.source, o.headers.get("x-session-name")]).toEqual([200, "sts", "user-alice"]);
    const s = session(o.accessKeyId);
    expect([s.roleArn, s.sessionName, s.identity.issuer, s.identity.sub, s.identity.aud]).toEqual([ROLES.caller, "user-alice", CALLER_ISSUER, "user-alice", CLIENT_ID]);
  });

  test("duration and source identity reach STS; a 12-hour session is cached as one", async () => {
    const o = await call("gw-long");
    expect([o.status, o.source]).toEqual([200, "sts"]);
    const s = session(o.accessKeyId);
    expect([s.sourceIdentity, (s.expiresAt - clock) / 1000]).toEqual(["apigee-gateway", 43200]);
    advance(6 * 3600);
    const later = await call("gw-long");
    expect([later.source, later.accessKeyId]).toEqual(["cache", o.accessKeyId]);
  });
});

describe("aws-credentials: cache entries belong to one caller and one role", () => {
  test("two callers get two sessions; each gets its own back from the cache", async () => {
    const before = stsCalls();
    const carolToken = await callerToken("user-carol");
    const carol = await call("caller", { "x-caller-token": carolToken });
    const dave = await call("caller", { "x-caller-token": await callerToken("user-dave") });
    expect([carol.source, dave.source, stsCalls() - before]).toEqual(["sts", "sts", 2]);
    expect(carol.accessKeyId).not.toBe(dave.accessKeyId);
    expect([session(carol.accessKeyId).identity.sub, session(dave.accessKeyId).identity.sub]).toEqual(["user-carol", "user-dave"]);
    const carolAgain = await call("caller", { "x-caller-token": await callerToken("user-carol") });
    const daveAgain = await call("caller", { "x-caller-token": await callerToken("user-dave") });
    expect([carolAgain.source, carolAgain.accessKeyId, daveAgain.source, daveAgain.accessKeyId]).toEqual(["cache", carol.accessKeyId, "cache", dave.accessKeyId]);
  });

  test("two roles in one request: the second FlowCallout gets the second role's credentials", async () => {
    const before = stsCalls();
    const r = await t.fetch("/two-roles");
    const first = r.headers.get("x-first-access-key-id");
    const second = r.headers.get("x-access-key-id");
    expect([r.status, stsCalls() - before]).toEqual([200, 2]);
    expect([session(first).roleArn, session(second).roleArn]).toEqual([ROLES.gateway, ROLES.gateway2]);
    const again = await t.fetch("/two-roles");
    expect([again.headers.get("x-first-access-key-id"), again.headers.get("x-access-key-id"), again.headers.get("x-source")]).toEqual([first, second, "cache"]);
  });
});

describe("aws-credentials: STS calls per credential lifetime", () => {
  test("cold start: concurrent first requests each call STS (no lock primitive), all succeed", async () => {
    const before = stsCalls();
    const results = await concurrently(20, 20, () => call("gw-cold"));
    const cold = stsCalls() - before;
    expect(results.every((o) => o.status === 200)).toBe(true);
    expect(cold).toBeGreaterThanOrEqual(1);
    expect(cold).toBeLessThanOrEqual(20);
    expect(results.filter((o) => o.source === "sts")).toHaveLength(cold);
    console.info(`aws-credentials cold start: ${cold} STS calls for 20 concurrent first requests`);
  });

  test("1,000 requests at concurrency 20 across the fresh part of a lifetime: one STS call in all", async () => {
    const before = stsCalls();
    const warm = await call("gw-load");
    const issued = clock;
    // Fresh until refreshAt = expiry - 300 s margin - 360 s (10 % of 3600 s) = issued + 2940 s.
    const results = await concurrently(1000, 20, (i) => {
      clock = issued + Math.floor((i * 2939) / 1000) * 1000;
      return call("gw-load");
    });
    expect(results.filter((o) => o.status !== 200)).toEqual([]);
    expect(new Set(results.map((o) => `${o.source} ${o.accessKeyId}`))).toEqual(new Set([`cache ${warm.accessKeyId}`]));
    expect(stsCalls() - before).toBe(1);
  });

  test("early refresh: across the refresh point and the old entry's end, no request fails and at most two STS calls refresh it", async () => {
    const warm = await call("gw-refresh");
    const issued = clock;
    const before = stsCalls();
    // 0.2 s of runtime clock per request, so a refresh takes a realistic share of the 60 s lock:
    // 20 s either side of refreshAt (issued + 2940 s), then of the old entry's end (issued + 3300 s).
    const across = (centreSeconds: number) => (i: number) => {
      clock = issued + (centreSeconds - 20) * 1000 + i * 200;
      return call("gw-refresh");
    };
    const results = [...(await concurrently(200, 20, across(2940))), ...(await concurrently(200, 20, across(3300)))];
    const refreshes = stsCalls() - before;
    expect(results.filter((o) => o.status !== 200)).toEqual([]);
    expect(refreshes).toBeGreaterThanOrEqual(1);
    expect(refreshes).toBeLessThanOrEqual(2);
    const renewed = results.filter((o) => o.source === "sts");
    expect(renewed).toHaveLength(refreshes);
    console.info(`aws-credentials early refresh: ${refreshes} STS call(s) for 400 requests at concurrency 20`);
    // Before the refresh: the warm credentials; after it: the renewed ones, never anything else.
    expect(new Set(results.map((o) => o.accessKeyId))).toEqual(new Set([warm.accessKeyId, ...renewed.map((o) => o.accessKeyId)]));
    const afterOldEnd = results.slice(200 + 100);
    expect(new Set(afterOldEnd.map((o) => `${o.source} ${o.accessKeyId}`))).toEqual(new Set([`cache ${renewed[renewed.length - 1].accessKeyId}`]));
  });

  test("a failed refresh keeps the cached credentials; the lock holds for a minute, then a refresh succeeds", async () => {
    const warm = await call("gw-refresh-fail");
    const issued = clock;
    clock = issued + 2941 * 1000;
    standIns.sts.inject({ kind: "http5xx", status: 500 });
    const before = stsCalls();
    const failed = await call("gw-refresh-fail");
    expect([failed.status, failed.source, failed.accessKeyId, failed.headers.get("x-error")]).toEqual([
      200,
      "cache-after-refresh-failure",
      warm.accessKeyId,
      "sts-unavailable:InternalFailure"
    ]);
    const during = await concurrently(20, 20, () => call("gw-refresh-fail"));
    expect(during.map((o) => `${o.status} ${o.source}`)).toEqual(new Array(20).fill("200 cache"));
    expect(stsCalls() - before).toBe(1);
    advance(61);
    const refreshed = await call("gw-refresh-fail");
    expect([refreshed.status, refreshed.source, stsCalls() - before]).toEqual([200, "sts", 2]);
    expect(refreshed.accessKeyId).not.toBe(warm.accessKeyId);
  });
});

describe("aws-credentials: STS failures", () => {
  const detail = (role: string, code: string, http: string, attempts: number, message: string) =>
    `AssumeRoleWithWebIdentity for ${role} failed with ${code} (${http}) after ${attempts} ${attempts === 1 ? "attempt" : "attempts"}: ${message}`;

  test.each([
    ["a 500", "gw-5xx", [{ kind: "http5xx", status: 500 }], "2"],
    ["IDPCommunicationError twice", "gw-idp", [{ kind: "IDPCommunicationError" }, { kind: "IDPCommunicationError" }], "3"],
    ["InvalidIdentityToken for keys STS could not fetch", "gw-jwks", [{ kind: "InvalidIdentityToken" }], "2"]
  ] as const)("%s, then a recovery: retried within the request, which succeeds", async (_name, proxy, faults, attempts) => {
    for (const f of faults) standIns.sts.inject(f);
    const before = stsCalls();
    const o = await call(proxy);
    expect([o.status, o.source, o.attempts, stsCalls() - before]).toEqual([200, "sts", attempts, Number(attempts)]);
    expect(session(o.accessKeyId).roleArn).toBe(ROLES.gateway);
  });

  test("an answer slower than the attempt timeout is a timeout; the next attempt succeeds", async () => {
    standIns.sts.inject({ kind: "slow", delayMs: 3000 });
    const before = stsCalls();
    const started = Date.now();
    const o = await call("gw-slow");
    expect([o.status, o.source, o.attempts]).toEqual([200, "sts", "2"]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2400);
    // The abandoned first attempt still completes at STS (and is counted) a moment later.
    while (stsCalls() - before < 2) await new Promise((resolve) => setTimeout(resolve, 50));
  });

  test("persistent 503: 503 with Retry-After; STS is not called again until Retry-After has passed", async () => {
    standIns.sts.inject({ kind: "http5xx", status: 503 }, 3);
    const before = stsCalls();
    const o = await call("gw-down");
    expect([o.status, o.headers.get("retry-after"), stsCalls() - before]).toEqual([503, "5", 3]);
    expect(problemOf(o)).toEqual({
      type: "urn:apigee-aws:problem:aws-credentials:sts-unavailable",
      title: "AWS STS is unavailable",
      status: 503,
      detail: detail(ROLES.gateway, "ServiceUnavailable", "HTTP 503", 3, "The request has failed due to a temporary failure of the server."),
      roleArn: ROLES.gateway,
      stsErrorCode: "ServiceUnavailable",
      attempts: 3
    });
    advance(2);
    const backingOff = await call("gw-down");
    expect([backingOff.status, backingOff.headers.get("retry-after"), stsCalls() - before]).toEqual([503, "3", 3]);
    expect(problemOf(backingOff)).toEqual({
      type: "urn:apigee-aws:problem:aws-credentials:sts-unavailable",
      title: "AWS STS is unavailable",
      status: 503,
      detail: `getting credentials for ${ROLES.gateway} failed moments ago (ServiceUnavailable); not retried before ${iso(clock + 3000)}`,
      roleArn: ROLES.gateway,
      stsErrorCode: "ServiceUnavailable"
    });
    advance(4);
    const recovered = await call("gw-down");
    expect([recovered.status, recovered.source, stsCalls() - before]).toEqual([200, "sts", 4]);
  });

  test("a trust policy that does not name this identity: 403 AccessDenied, not retried", async () => {
    const before = stsCalls();
    const o = await call("gw-denied");
    expect([o.status, o.headers.get("retry-after"), stsCalls() - before]).toEqual([403, null, 1]);
    expect(problemOf(o)).toEqual({
      type: "urn:apigee-aws:problem:aws-credentials:sts-access-denied",
      title: "The role's trust policy does not allow this identity",
      status: 403,
      detail: detail(ROLES.notTrusted, "AccessDenied", "HTTP 403", 1, "Not authorized to perform sts:AssumeRoleWithWebIdentity"),
      roleArn: ROLES.notTrusted,
      stsErrorCode: "AccessDenied",
      attempts: 1
    });
  });

  test("a caller token whose audience IAM's provider does not list: 401 InvalidIdentityToken", async () => {
    const o = await call("caller-other-client", { "x-caller-token": await callerToken("user-erin", { aud: "other-client" }) });
    expect(o.status).toBe(401);
    expect(problemOf(o)).toEqual({
      type: "urn:apigee-aws:problem:aws-credentials:sts-invalid-identity-token",
      title: "AWS STS rejected the web identity token",
      status: 401,
      detail: detail(ROLES.caller, "InvalidIdentityToken", "HTTP 400", 1, "Incorrect token audience"),
      roleArn: ROLES.caller,
      stsErrorCode: "InvalidIdentityToken",
      attempts: 1
    });
  });

  test("an expired caller token (accepted by VerifyJWT's time allowance): 401 ExpiredTokenException", async () => {
    const token = await callerToken("user-frank", { expiresInSeconds: -60 });
    const o = await call("caller", { "x-caller-token": token });
    expect(o.status).toBe(401);
    const body = problemOf(o);
    expect(body).toMatchObject({
      type: "urn:apigee-aws:problem:aws-credentials:sts-expired-token",
      status: 401,
      roleArn: ROLES.caller,
      stsErrorCode: "ExpiredTokenException",
      attempts: 1
    });
    expect(body.detail).toMatch(/^AssumeRoleWithWebIdentity for arn:aws:iam::111122223333:role\/apigee-callers failed with ExpiredTokenException \(HTTP 400\) after 1 attempt: Token expired: /);
    expect(o.body).not.toContain(token);
  });
});

describe("aws-credentials: whose fault a refused token is", () => {
  test("a caller token without sub (VerifyJWT does not require one): 401, the caller's problem, and no call to STS", async () => {
    const before = stsCalls();
    const token = await standIns.oidc.mintToken({ sub: undefined as unknown as string, aud: CLIENT_ID, issuer: CALLER_ISSUER });
    const o = await call("caller", { "x-caller-token": token });
    expect([o.status, stsCalls() - before]).toEqual([401, 0]);
    expect(problemOf(o, "caller's request")).toEqual({
      type: "urn:apigee-aws:problem:aws-credentials:caller-token-rejected",
      title: "The token names no subject",
      status: 401,
      detail: "the token has no sub claim: STS names the session and the audit trail names the caller after it; ask the token's issuer for a token with sub"
    });
  });

  test("gateway mode: STS refusing the proxy's own Google token is the gateway's fault, 502, not the caller's 401", async () => {
    standIns.sts.inject({ kind: "InvalidIdentityToken", transient: false }, 1);
    const o = await call("gw-rejected");
    expect(o.status).toBe(502);
    expect(problemOf(o)).toMatchObject({ type: "urn:apigee-aws:problem:aws-credentials:sts-rejected-gateway-token", title: "AWS STS rejected the proxy's own identity token", status: 502, stsErrorCode: "InvalidIdentityToken" });
  });
});

describe("aws-credentials: Google ID token failures (gateway mode)", () => {
  test("the runtime service account may not mint tokens for the named one: 500, Google's reason", async () => {
    const before = stsCalls();
    const o = await call("gw-other-sa");
    expect([o.status, stsCalls() - before]).toEqual([500, 0]);
    expect(problemOf(o)).toEqual({
      type: "urn:apigee-aws:problem:aws-credentials:id-token-denied",
      title: "The runtime service account cannot get an ID token",
      status: 500,
      detail: `generateIdToken for ${OTHER_SA.email} (to assume ${ROLES.gateway}): Google answered 403 PERMISSION_DENIED: Permission 'iam.serviceAccounts.getOpenIdToken' denied on resource (or it may not exist).`,
      serviceAccount: OTHER_SA.email,
      roleArn: ROLES.gateway,
      googleStatus: 403
    });
  });

  test("Google unavailable: 503 with Retry-After, no STS call, and no new attempt until Retry-After has passed", async () => {
    standIns.google.failNext(1, 503);
    const before = stsCalls();
    const o = await call("gw-google-down");
    const idTokens = standIns.google.idTokenRequests;
    expect([o.status, o.headers.get("retry-after"), stsCalls() - before]).toEqual([503, "5", 0]);
    expect(problemOf(o)).toEqual({
      type: "urn:apigee-aws:problem:aws-credentials:id-token-unavailable",
      title: "Google could not issue an ID token for the runtime service account",
      status: 503,
      detail: `generateIdToken for ${RUNTIME_SA.email} (to assume ${ROLES.gateway}): the request failed`,
      serviceAccount: RUNTIME_SA.email,
      roleArn: ROLES.gateway
    });
    const backingOff = await call("gw-google-down");
    expect([backingOff.status, standIns.google.idTokenRequests - idTokens]).toEqual([503, 0]);
    expect(problemOf(backingOff)).toMatchObject({ type: "urn:apigee-aws:problem:aws-credentials:id-token-unavailable", stsErrorCode: "id-token-unavailable" });
    advance(6);
    expect((await call("gw-google-down")).status).toBe(200);
  });
});

describe("aws-credentials: misconfigured FlowCallouts", () => {
  test.each([
    ["gw-no-role", "aws.credentials.roleArn", "aws.credentials.roleArn is required: the ARN of the IAM role to assume, e.g. arn:aws:iam::123456789012:role/apigee-reader"],
    ["gw-bad-duration", "aws.credentials.durationSeconds", "aws.credentials.durationSeconds must be whole seconds from 900 to 43200, got 60"],
    ["gw-bad-mode", "aws.credentials.mode", "aws.credentials.mode must be gateway or caller, got both"],
    ["caller-public-var", "aws.credentials.callerTokenVariable", "aws.credentials.callerTokenVariable must name a private. variable (the caller's token is a secret), got callerToken"]
  ])("%s: 500 naming %s, and no call to Google or STS", async (proxy, parameter, detail) => {
    const before = [stsCalls(), standIns.google.idTokenRequests];
    const o = await call(proxy, { "x-caller-token": await callerToken("user-gina") });
    expect([o.status, stsCalls() - before[0], standIns.google.idTokenRequests - before[1]]).toEqual([500, 0, 0]);
    expect(problemOf(o)).toEqual({
      type: "urn:apigee-aws:problem:aws-credentials:misconfigured",
      title: "The aws-credentials shared flow is misconfigured",
      status: 500,
      detail,
      parameter
    });
  });
});

describe("aws-credentials: secrets stay in private variables", () => {
  const JWT_SHAPED = /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/;

  /** Where any of `secrets`, a JWT or a bearer token appears in `texts`: "place: what". */
  function leaks(place: string, texts: string[], secrets: string[]): string[] {
    const found: string[] = [];
    for (const text of texts) {
      if (secrets.some((s) => text.includes(s))) found.push(`${place}: a credential`);
      if (JWT_SHAPED.test(text)) found.push(`${place}: a JWT`);
      if (/bearer\s/i.test(text)) found.push(`${place}: a bearer token`);
    }
    return found;
  }

  function flowLeaks(flow: FlowState, secrets: string[]): string[] {
    const found: string[] = [];
    for (const [name, value] of Object.entries(flow.variables)) {
      if (!name.startsWith("private.") && value !== null) found.push(...leaks(`variable ${name}`, [String(value)], secrets));
    }
    // The client's own request carries its token by nature; every other message must not.
    for (const [name, m] of Object.entries(flow.messages)) {
      if (name !== "request") found.push(...leaks(`message ${name}`, [m.content, m.url ?? "", ...m.headers.map(([h, v]) => `${h}: ${v}`)], secrets));
    }
    return found;
  }

  test("no secret key, session token, ID token, caller token or Google access token outside private variables, in logs or in responses", async () => {
    const flows: FlowState[] = [];
    ExecutionContext.prototype.forBundle = function (this: ExecutionContext, bundle) {
      flows.push(this.flow);
      return originalForBundle.call(this, bundle);
    };
    const logFrom = t.log.length;
    const outcomes: Outcome[] = [];
    advance(7200); // earlier entries are gone: STS, the cache, a refresh and failures all run below
    const token = await callerToken("user-hana");
    try {
      outcomes.push(await call("gw-secrets"), await call("gw-secrets"));
      outcomes.push(await call("caller-secrets", { "x-caller-token": token }), await call("caller-secrets", { "x-caller-token": token }));
      outcomes.push(await call("gw-denied"), await call("gw-other-sa"));
      advance(2950);
      outcomes.push(await call("gw-secrets"));
    } finally {
      ExecutionContext.prototype.forBundle = originalForBundle;
    }
    expect(outcomes.map((o) => `${o.status} ${o.source}`)).toEqual(["200 sts", "200 cache", "200 sts", "200 cache", "403 null", "500 null", "200 sts"]);
    const sessions = outcomes.filter((o) => o.accessKeyId).map((o) => session(o.accessKeyId));
    const secrets = [token, ...sessions.flatMap((s) => [s.secretAccessKey, s.sessionToken])];
    const found = [
      ...flows.flatMap((f) => flowLeaks(f, secrets)),
      ...leaks("log", t.log.slice(logFrom), secrets),
      ...outcomes.flatMap((o) => leaks("response", [o.body, ...[...o.headers].map(([h, v]) => `${h}: ${v}`)], secrets))
    ];
    expect(found).toEqual([]);
    // The scan does see secrets where they belong: the private outputs, and the caller's own request.
    expect(flows.some((f) => f.variables["private.aws.credentials.sessionToken"] === sessions[0].sessionToken)).toBe(true);
    expect(flows.some((f) => leaks("request", f.messages.request.headers.map(([, v]) => v), secrets).length > 0)).toBe(true);
  });
});

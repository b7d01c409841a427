// Per-environment AWS end to end, as `apigee-aws dev --env ENV` serves it:
// the build's one bundle in the runner, with the environment's property set,
// and the stand-ins as that environment's AWS account and region, enforcing
// the generated documents. Prod lives in account 222222222222 in eu-west-1;
// its bucket and SSM parameters name {env}. Prod serves prod's objects and
// injects prod's SSM values; each environment's role is refused the other's
// bucket and parameters, asked directly with its own credentials.

import * as http from "node:http";
import { DevStack } from "../../src/dev/dev-stack";
import { awsOf, parseIntent } from "../../src/intent";
import { planBuild } from "../../src/plan";
import { everyRole } from "../../src/plan/model";
import { requireBuilt } from "../support/built";
import { awsLines, intentText, PROD_PLACE } from "../support/intent-text";
import { signAndSend, xmlField } from "../stand-ins/aws/aws-client";

const INTENT = intentText({
  aws: awsLines({ prod: PROD_PLACE }),
  proxies: `  data:
    target: s3://acme-{env}-data/reports/
    access: read-write
    headers:
      X-Db-Password: ssm:/acme/{env}/db-password
      Cache-Control: ssm:/acme/{env}/cache-policy
`
});

const intent = parseIntent(INTENT, "per-environment.yaml");
const plan = planBuild(intent);
const stacks: Record<string, DevStack> = {};

/** Both environments' objects and parameters, in whichever environment's stand-ins: each role must reach only its own. */
function seedBoth(stack: DevStack): void {
  for (const env of ["test", "prod"]) {
    stack.standIns.s3.createBucket(`acme-${env}-data`);
    stack.standIns.s3.putObjectDirect(`acme-${env}-data`, "reports/q1.csv", `${env} q1`);
    stack.standIns.ssm.putParameter(`/acme/${env}/db-password`, `${env}-password`, "SecureString");
    stack.standIns.ssm.putParameter(`/acme/${env}/cache-policy`, env === "prod" ? "max-age=600" : "no-store", "String");
  }
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

async function call(stack: DevStack, method: string, path: string, body?: string): Promise<Answer> {
  const token = await stack.mintCallerToken(stack.callerAuths()[0].jwt);
  const answer = await fetch(`${stack.runner.url}${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "text/csv" }) }, body });
  return { status: answer.status, headers: Object.fromEntries(answer.headers), body: await answer.text() };
}

/** The environment's role's session, as anyone holding its proxy's Google ID token would get it from STS. */
async function roleSession(stack: DevStack) {
  const role = everyRole(stack.plan).find((r) => r.proxy === "data" && r.env === stack.env)!;
  const idToken = await stack.standIns.google.idToken(role.serviceAccount!.email, "sts.amazonaws.com", false);
  const form = new URLSearchParams({ Action: "AssumeRoleWithWebIdentity", Version: "2011-06-15", RoleArn: role.arn, RoleSessionName: "probe", WebIdentityToken: idToken });
  const answer = await fetch(stack.standIns.sts.url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form.toString() });
  const xml = await answer.text();
  const accessKeyId = xmlField(xml, "AccessKeyId");
  if (!accessKeyId) throw new Error(`STS refused ${role.arn}: ${xml}`);
  return stack.standIns.world.session(accessKeyId)!;
}

/** With the environment's role's own credentials: GET a bucket's object, and GetParameters of a name, straight at the stand-ins. */
async function direct(stack: DevStack, bucket: string, parameter: string): Promise<{ s3: string; ssm: string }> {
  const session = await roleSession(stack);
  const region = stack.standIns.region;
  const object = await signAndSend(stack.standIns.s3.url, session, { method: "GET", host: `${bucket}.s3.${region}.amazonaws.com`, path: "/reports/q1.csv" }, { service: "s3", region });
  const ssm = await signAndSend(
    stack.standIns.ssm.url,
    session,
    { method: "POST", host: `ssm.${region}.amazonaws.com`, path: "/", headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AmazonSSM.GetParameters" }, body: JSON.stringify({ Names: [parameter], WithDecryption: true }) },
    { service: "ssm", region, applyChecksum: true }
  );
  const s3Outcome = object.status === 200 ? object.text : `${object.status} ${xmlField(object.text, "Code")}`;
  const ssmOutcome = ssm.status === 200 ? (JSON.parse(ssm.text) as { Parameters: { Value: string }[] }).Parameters[0].Value : `${ssm.status} ${(JSON.parse(ssm.text) as { __type: string }).__type}`;
  return { s3: s3Outcome, ssm: ssmOutcome };
}

beforeAll(async () => {
  requireBuilt("callouts/s3-key.js", "callouts/aws-credentials-prepare.js");
  for (const env of ["prod", "test"]) {
    stacks[env] = await DevStack.start({ plan, env, log: () => undefined });
    seedBoth(stacks[env]);
  }
}, 120_000);

afterAll(async () => {
  await Promise.all(Object.values(stacks).map((s) => s.close()));
});

test("each environment is served as its own AWS account and region", () => {
  expect([stacks.prod.standIns.world.accountId, stacks.prod.standIns.region]).toEqual(["222222222222", "eu-west-1"]);
  expect([stacks.test.standIns.world.accountId, stacks.test.standIns.region]).toEqual(["111111111111", "us-east-1"]);
  expect(awsOf(intent, "prod")).toEqual({ account: "222222222222", region: "eu-west-1" });
});

describe("prod", () => {
  test("GET serves prod's object from prod's bucket in eu-west-1, its SSM headers read from prod's parameters", async () => {
    const ssmCalls = stacks.prod.standIns.world.calls.length;
    const got = await call(stacks.prod, "GET", "/data/q1.csv");
    expect([got.status, got.body]).toEqual([200, "prod q1"]);
    // Both headers' parameters were read (a parameter that could not be would have failed the request with 500).
    expect(stacks.prod.standIns.world.calls.slice(ssmCalls).filter((c) => c.action === "ssm:GetParameters").map((c) => c.status)).toEqual([200, 200]);
  });

  test("the injected header carries prod's SSM value: an upload stores it, and the object is served with it", async () => {
    const put = await call(stacks.prod, "PUT", "/data/q2.csv", "a,b\n");
    expect(put.status).toBe(200);
    const got = await call(stacks.prod, "GET", "/data/q2.csv");
    expect([got.status, got.body, got.headers["cache-control"]]).toEqual([200, "a,b\n", "max-age=600"]);
    expect(stacks.prod.standIns.s3.getObjectDirect("acme-test-data", "reports/q2.csv")).toBeUndefined();
  });

  test("prod's role reads prod's bucket and parameter, and is refused test's", async () => {
    expect(await direct(stacks.prod, "acme-prod-data", "/acme/prod/db-password")).toEqual({ s3: "prod q1", ssm: "prod-password" });
    expect(await direct(stacks.prod, "acme-test-data", "/acme/test/db-password")).toEqual({ s3: "403 AccessDenied", ssm: "400 AccessDeniedException" });
  });
});

describe("test", () => {
  test("the same bundle serves test's object with test's SSM value", async () => {
    expect(await call(stacks.test, "GET", "/data/q1.csv")).toMatchObject({ status: 200, body: "test q1" });
    expect(await call(stacks.test, "PUT", "/data/q3.csv", "c\n")).toMatchObject({ status: 200 });
    expect((await call(stacks.test, "GET", "/data/q3.csv")).headers["cache-control"]).toBe("no-store");
  });

  test("test's role cannot read the prod bucket or the prod parameter, even asked directly", async () => {
    expect(await direct(stacks.test, "acme-test-data", "/acme/test/db-password")).toEqual({ s3: "test q1", ssm: "test-password" });
    expect(await direct(stacks.test, "acme-prod-data", "/acme/prod/db-password")).toEqual({ s3: "403 AccessDenied", ssm: "400 AccessDeniedException" });
  });

  test("test's role is not even assumable in prod's account: STS there knows only prod's roles", async () => {
    const testRole = everyRole(plan).find((r) => r.proxy === "data" && r.env === "test")!;
    const idToken = await stacks.prod.standIns.google.idToken(stacks.prod.standIns.serviceAccount, "sts.amazonaws.com", false);
    const form = new URLSearchParams({ Action: "AssumeRoleWithWebIdentity", Version: "2011-06-15", RoleArn: testRole.arn, RoleSessionName: "probe", WebIdentityToken: idToken });
    const answer = await fetch(stacks.prod.standIns.sts.url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form.toString() });
    expect([answer.status, xmlField(await answer.text(), "Code")]).toEqual([403, "AccessDenied"]);
  });
});

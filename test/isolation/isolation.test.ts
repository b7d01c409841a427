// Isolation by identity, end to end in the local runtime: the stand-ins hold
// every role of a 3-proxy × 2-environment intent with the documents the build
// writes, and enforce them (STS the trust policies, SSM and S3 the
// permissions). For every ordered pair of (proxy, environment), a
// hand-written bundle deployed with the first pair's service account asks STS
// for the second pair's role: only its own succeeds. A caller's token sent
// straight to STS cannot read any SSM parameter, and the generated bundles,
// each deployed with its own account, still work.

import { packageRoot } from "../../src/common/paths";
import { localUniqueIds, putRoles } from "../../src/dev/dev-stack";
import { propertySetEntries } from "../../src/generator/property-set";
import { parseIntent } from "../../src/intent";
import { buildOutput, bundlesOf } from "../../src/output/build-output";
import { planBuild } from "../../src/plan";
import { deploymentAccount, everyRole, type BuildPlan, type RolePlan } from "../../src/plan/model";
import { PROPERTY_SET_NAME } from "../../src/plan/property-set-keys";
import { Runner } from "../../src/runner/runner";
import type { Deployment } from "../../src/runner/deployed-bundle";
import { StandIns } from "../../src/stand-ins/stand-ins";
import * as fs from "node:fs";
import * as path from "node:path";
import { writeProxy } from "../support/bundle-fixtures";
import { requireBuilt } from "../support/built";
import { gatewayCredentials } from "../support/gateway-credentials";
import { fullProblem, PROBLEM_DETAIL_HEADER, problemDetailEcho } from "../support/problem-echo";
import * as http from "node:http";
import { GetParametersCommand, SSMClient } from "@aws-sdk/client-ssm";
import { AssumeRoleWithWebIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { loopbackLookup, port } from "../real-clients/real-clients-fixture";

const ISSUER = "https://auth.example.com/";
const INTENT = `
aws: {account: "123456789012", region: us-east-1}
identity: {project: acme-apis, projects: {prod: acme-apis-prod}}
auth:
  jwt: {issuer: "${ISSUER}", audience: acme-api, jwksUri: https://auth.example.com/.well-known/jwks.json}
environments: [test, prod]
proxies:
  artifacts:
    target: s3://acme-artifacts/{env}/builds/
    headers: {X-Api-Key: "ssm:/acme/artifacts/api-key"}
  uploads: s3://acme-uploads/{env}/incoming/ write
  reports:
    target: s3://acme-reports/{env}/
    headers: {X-Db-Token: "ssm:/acme/reports/db-token"}
  mine:
    target: s3://acme-mine/{env}/
    identity: caller
    headers: {X-Partner-Key: "ssm:/acme/mine/partner-key"}
`;
const GATEWAY_PROXIES = ["artifacts", "uploads", "reports"];
const ENVIRONMENTS = ["test", "prod"];

let plan: BuildPlan;
let standIns: StandIns;
let runner: Runner;

/** The role a proxy assumes in an environment. */
function roleOf(proxy: string, env: string, purpose: RolePlan["purpose"] = "access"): RolePlan {
  const role = everyRole(plan).find((r) => r.proxy === proxy && r.env === env && r.purpose === purpose);
  if (!role) throw new Error(`no ${purpose} role for ${proxy} in ${env}`);
  return role;
}

/** A hand-written bundle at /hostile-<proxy>-<env>: it asks aws-credentials for ?role= with an ID token of ?as= (its own account by default). */
function hostileBundle(proxy: string, env: string, ownAccount: string): Deployment {
  const credentials = gatewayCredentials("FC-Steal", { roleArn: { ref: "request.queryparam.role" }, serviceAccount: { ref: "hostile.as" } });
  const echo = problemDetailEcho("aws.credentials.fault.detail");
  const dir = writeProxy(`hostile-${proxy}-${env}`, {
    basePath: `/hostile-${proxy}-${env}`,
    proxyExtra: echo.proxyExtra,
    policies: {
      ...credentials.policies,
      ...echo.policies,
      "AM-As": `<AssignMessage name="AM-As"><AssignVariable><Name>hostile.as</Name><Ref>request.queryparam.as</Ref><Value>${ownAccount}</Value></AssignVariable></AssignMessage>`,
      "AM-Got": `<AssignMessage name="AM-Got"><AssignTo createNew="false" type="response">response</AssignTo><Set><Headers><Header name="x-session">{aws.credentials.sessionName}</Header></Headers><StatusCode>200</StatusCode></Set></AssignMessage>`
    },
    request: ["AM-As", ...credentials.steps, "AM-Got"]
  });
  return { bundle: dir, serviceAccount: ownAccount };
}

async function hostileAttempt(from: { proxy: string; env: string }, role: RolePlan, as?: string): Promise<{ status: number; problem: Record<string, unknown> | null }> {
  const query = new URLSearchParams({ role: role.arn, ...(as ? { as } : {}) });
  const answer = await fetch(`${runner.url}/hostile-${from.proxy}-${from.env}?${query}`);
  const body = await answer.text();
  return { status: answer.status, problem: answer.headers.get("content-type") === "application/problem+json" ? fullProblem(body, answer.headers.get(PROBLEM_DETAIL_HEADER)) : null };
}

beforeAll(async () => {
  requireBuilt("callouts/aws-credentials-prepare.js", "callouts/s3-key.js");
  const intent = parseIntent(INTENT, "isolation.yaml");
  const draft = planBuild(intent);
  const uniqueIds = localUniqueIds(draft);
  standIns = await StandIns.start({ accountId: intent.aws.account, region: intent.aws.region, serviceAccounts: Object.entries(uniqueIds).map(([email, uniqueId]) => ({ email, uniqueId })) });
  // The caller's IdP is the stand-in's; the JWKS the bundles fetch moves there, nothing IAM sees changes.
  plan = planBuild({ ...intent, proxies: intent.proxies.map((p) => (p.auth.kind === "jwt" ? { ...p, auth: { kind: "jwt", jwt: { ...p.auth.jwt, jwksUri: standIns.oidc.jwksUri } } } : p)) }, { uniqueIds });
  putRoles(standIns, plan, null);
  for (const provider of plan.oidcProviders) standIns.world.putIdentityProvider({ issuer: provider.url, jwksUri: standIns.oidc.jwksUri, clientIds: provider.clientIds });
  for (const env of ENVIRONMENTS) {
    for (const name of ["artifacts/api-key", "reports/db-token", "mine/partner-key"]) standIns.ssm.putParameter(`/acme/${name}`, `${env}-secret-${name}`, "SecureString");
  }
  for (const bucket of ["acme-artifacts", "acme-uploads", "acme-reports", "acme-mine"]) standIns.s3.createBucket(bucket);
  standIns.s3.putObjectDirect("acme-artifacts", "test/builds/app.zip", "test build");
  standIns.s3.putObjectDirect("acme-mine", "test/report.csv", "a,b");

  // The generated bundles for test, each proxy deployed with its own account; and one hostile bundle per pair.
  const generated: Deployment[] = bundlesOf(buildOutput(plan)).map((bundle) => {
    const proxy = /^proxies\/([^/]+)\//.exec(bundle.source)?.[1];
    const account = proxy === undefined ? undefined : deploymentAccount(plan.proxies.find((p) => p.proxy.name === proxy)!, "test")?.email;
    return account ? { bundle, serviceAccount: account } : { bundle };
  });
  const hostile = GATEWAY_PROXIES.flatMap((proxy) => ENVIRONMENTS.map((env) => hostileBundle(proxy, env, roleOf(proxy, env).serviceAccount!.email)));
  runner = await Runner.start({
    bundles: [...generated, ...hostile],
    environment: {
      name: "test",
      propertySets: { [PROPERTY_SET_NAME]: Object.fromEntries(propertySetEntries(plan, "test")) },
      google: standIns.google,
      hostOverrides: standIns.hostOverrides()
    },
    log: () => undefined
  });
}, 120_000);

afterAll(async () => {
  await runner?.close();
  await standIns?.close();
});

test("every proxy in every environment has its own account, and only its own role trusts it", () => {
  const gatewayRoles = GATEWAY_PROXIES.flatMap((proxy) => ENVIRONMENTS.map((env) => roleOf(proxy, env)));
  const emails = gatewayRoles.map((r) => r.serviceAccount!.email);
  expect(new Set(emails).size).toBe(6);
  for (const role of gatewayRoles) expect(role.serviceAccount!.trustedBy).toEqual([`${role.proxy} in ${role.env}`]);
  expect(gatewayRoles.filter((r) => r.env === "prod").every((r) => r.serviceAccount!.project === "acme-apis-prod")).toBe(true);
});

describe("a hand-written bundle deployed with one pair's account", () => {
  const pairs = GATEWAY_PROXIES.flatMap((proxy) => ENVIRONMENTS.map((env) => ({ proxy, env })));
  const ordered = pairs.flatMap((from) => pairs.map((to) => [from, to] as const));

  test.each(ordered.map(([from, to]) => [`${from.proxy} in ${from.env}`, `${to.proxy} in ${to.env}`, from, to] as const))(
    "deployed as %s, asking for the role of %s",
    async (_from, _to, from, to) => {
      const outcome = await hostileAttempt(from, roleOf(to.proxy, to.env));
      if (from.proxy === to.proxy && from.env === to.env) {
        // Its own role: the bundle's account is the one that role trusts.
        expect([outcome.status, outcome.problem]).toEqual([200, null]);
      } else {
        expect(outcome.status).toBe(403);
        expect(outcome.problem).toMatchObject({ type: "urn:apigee-aws:problem:aws-credentials:sts-access-denied", stsErrorCode: "AccessDenied", roleArn: roleOf(to.proxy, to.env).arn });
      }
    }
  );

  test("cannot mint a token as another pair's account either: Google refuses, so no STS call is made", async () => {
    const stsCalls = standIns.world.callCount("sts:AssumeRoleWithWebIdentity");
    const outcome = await hostileAttempt({ proxy: "uploads", env: "test" }, roleOf("artifacts", "prod"), roleOf("artifacts", "prod").serviceAccount!.email);
    expect(outcome.status).toBe(500);
    expect(outcome.problem).toMatchObject({ googleStatus: 403 });
    expect(standIns.world.callCount("sts:AssumeRoleWithWebIdentity")).toBe(stsCalls);
  });
});

describe("caller mode: any holder of a valid token can reach STS without Apigee, and finds no secret there", () => {
  let token: string;
  beforeAll(async () => {
    token = await standIns.oidc.mintToken({ sub: "user-1", aud: "acme-api", issuer: ISSUER });
  });

  // AWS's own JavaScript SDK, as anyone holding such a token would use it; every *.amazonaws.com name resolves to loopback.
  const agent = new http.Agent({ lookup: loopbackLookup });

  async function assume(roleArn: string) {
    const sts = new STSClient({ region: "us-east-1", endpoint: standIns.sts.url, requestHandler: { httpAgent: agent } });
    return sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: roleArn, RoleSessionName: "straight-to-sts", WebIdentityToken: token }));
  }

  test.each(ENVIRONMENTS)("%s: the caller role is assumable straight at STS, and can read no SSM parameter with it", async (env) => {
    const { Credentials } = await assume(roleOf("mine", env).arn);
    const ssm = new SSMClient({
      region: "us-east-1",
      endpoint: `http://ssm.us-east-1.amazonaws.com:${port(standIns.ssm.url)}`,
      credentials: { accessKeyId: Credentials!.AccessKeyId!, secretAccessKey: Credentials!.SecretAccessKey!, sessionToken: Credentials!.SessionToken! },
      requestHandler: { httpAgent: agent }
    });
    for (const name of ["/acme/mine/partner-key", "/acme/artifacts/api-key", "/acme/reports/db-token"]) {
      const refused = await ssm.send(new GetParametersCommand({ Names: [name], WithDecryption: true })).then(
        () => "read",
        (e: Error) => e.name
      );
      expect([name, refused]).toEqual([name, "AccessDeniedException"]);
    }
  });

  test.each(ENVIRONMENTS)("%s: the secrets role, which holds the partner key, refuses the caller's token", async (env) => {
    const refused = await assume(roleOf("mine", env, "secrets").arn).then(
      () => "assumed",
      (e: Error & { $metadata?: { httpStatusCode?: number } }) => `${e.name} ${e.$metadata?.httpStatusCode}`
    );
    expect(refused).toBe("AccessDenied 403");
  });

  test("through Apigee the proxy still injects the partner key (read with its secrets role) and serves the caller", async () => {
    const answer = await fetch(`${runner.url}/mine/report.csv`, { headers: { authorization: `Bearer ${token}` } });
    expect([answer.status, await answer.text()]).toEqual([200, "a,b"]);
    const lastSsm = standIns.world.calls.filter((c) => c.action === "ssm:GetParameters").pop();
    expect(lastSsm?.status).toBe(200);
  });
});

test("the generated gateway bundles, each deployed with its own account, read their own data", async () => {
  const token = await standIns.oidc.mintToken({ sub: "user-1", aud: "acme-api", issuer: ISSUER });
  const answer = await fetch(`${runner.url}/artifacts/app.zip`, { headers: { authorization: `Bearer ${token}` } });
  expect([answer.status, await answer.text()]).toEqual([200, "test build"]);
});

test("the README's example and init's default template isolate by default", () => {
  for (const file of ["README.md", "templates/s3-read.yaml"]) {
    const text = fs.readFileSync(path.join(packageRoot(), file), "utf8");
    const yaml = file.endsWith(".md") ? /```yaml\n([\s\S]*?)```/.exec(text)![1] : text;
    const readme = planBuild(parseIntent(yaml, file));
    expect([file, readme.intent.identity?.per]).toEqual([file, "proxy-environment"]);
    const accounts = readme.serviceAccounts.map((a) => a.trustedBy);
    expect(accounts.every((t) => t.length === 1)).toBe(true);
    expect(accounts.length).toBe(readme.proxies.length * readme.intent.environments.length);
  }
});

// The aws-ssm-parameter shared flow as deployed, after aws-credentials, in
// the runner against the standIns: values injected into a target-request
// header or kept in private variables, cached for a TTL and refreshed after a
// rotation; a missing parameter or a denied one is a fault that names the
// parameter, never a value.

import { packageRoot } from "../../src/common/paths";
import { StandIns } from "../../src/stand-ins/stand-ins";
import { sharedFlowRoot } from "../../src/generator/shared-flows";
import { gatewayRole, roleArn } from "../support/aws-world-fixtures";
import { writeProxy } from "../support/bundle-fixtures";
import { gatewayCredentials } from "../support/gateway-credentials";
import { startServer, LoopbackServer } from "../support/loopback-server";
import { closedPort } from "../support/closed-port";
import { closeRunners, lastProblemDetail, startRunner, TestRunner } from "../support/runner";

const SA = { email: "apigee-runtime@acme-prod.iam.gserviceaccount.com", uniqueId: "104857600000000000001" };
const ROLE = roleArn("apigee-reports-test");
const T0 = Date.UTC(2026, 10, 23, 9, 0, 0);
let clock = T0;
const now = () => clock;

let standIns: StandIns;
let backend: LoopbackServer;
let t: TestRunner;
const received: (string | undefined)[] = [];

function reportsProxy(name: string, names: string, extra: string[] = []): string {
  const credentials = gatewayCredentials("Credentials", { roleArn: ROLE, serviceAccount: SA.email });
  return writeProxy(name, {
    basePath: `/${name}`,
    targetUrl: backend.url,
    policies: {
      ...credentials.policies,
      Secrets: `<FlowCallout name="Secrets"><SharedFlowBundle>aws-ssm-parameter</SharedFlowBundle><Parameters>
        <Parameter name="aws.ssm.names">${names}</Parameter><Parameter name="aws.ssm.header">x-db-password</Parameter>${extra.join("")}</Parameters></FlowCallout>`
    },
    request: [...credentials.steps, "Secrets"]
  });
}

beforeAll(async () => {
  backend = await startServer((req, res) => {
    received.push(req.headers["x-db-password"] as string | undefined);
    res.end("ok");
  });
  standIns = await StandIns.start({ serviceAccounts: [SA], now });
  const role = gatewayRole("apigee-reports-test", SA);
  role.permissionsPolicies = [
    {
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: "ssm:GetParameters", Resource: "arn:aws:ssm:us-east-1:111122223333:parameter/acme/*" },
        { Effect: "Allow", Action: "kms:Decrypt", Resource: standIns.ssm.defaultKeyArn }
      ]
    }
  ];
  standIns.world.putRole(role);
  standIns.ssm.putParameter("/acme/db/password", "s3cret-v1", "SecureString");
  standIns.ssm.putParameter("/other/team/token", "not-for-you", "SecureString");
  standIns.ssm.putParameter("/acme/test/password", "test-secret", "SecureString");
  standIns.ssm.putParameter("/acme/prod/password", "prod-secret", "SecureString");
  t = await startRunner(
    [
      sharedFlowRoot(packageRoot(), "aws-credentials"),
      sharedFlowRoot(packageRoot(), "aws-sigv4"),
      sharedFlowRoot(packageRoot(), "aws-ssm-parameter"),
      reportsProxy("reports", "/acme/db/password"),
      reportsProxy("missing", "/acme/db/nope"),
      reportsProxy("denied", "/other/team/token"),
      // Its region's SSM host leads to a closed port.
      reportsProxy("unreachable", "/acme/db/password", ['<Parameter name="aws.ssm.region">eu-north-1</Parameter>']),
      // A FlowCallout parameter is a message template: Apigee fills in the environment's name.
      reportsProxy("per-env", "/acme/{environment.name}/password")
    ],
    { ...standIns.runnerEnvironment(), hostOverrides: { ...standIns.hostOverrides(), "ssm.eu-north-1.amazonaws.com": `http://127.0.0.1:${await closedPort()}` }, now }
  );
});
afterAll(async () => {
  await closeRunners();
  await standIns.close();
  await backend.close();
});

test("the decrypted value is injected into the target request's header, then served from cache", async () => {
  const before = standIns.world.callCount("ssm:GetParameters");
  for (let i = 0; i < 5; i++) expect((await t.fetch("/reports")).status).toBe(200);
  expect(received.slice(-5)).toEqual(Array(5).fill("s3cret-v1"));
  expect(standIns.world.callCount("ssm:GetParameters") - before).toBe(1);
});

test("a rotated value is picked up after the TTL (5 minutes by default), without a redeploy", async () => {
  standIns.ssm.putParameter("/acme/db/password", "s3cret-v2", "SecureString");
  clock += 299 * 1000;
  await t.fetch("/reports");
  expect(received[received.length - 1]).toBe("s3cret-v1");
  clock += 2 * 1000;
  await t.fetch("/reports");
  expect(received[received.length - 1]).toBe("s3cret-v2");
});

test("SSM unreachable: 502 that says SSM, never S3, and the role's credentials were obtained", async () => {
  const r = await t.fetch("/unreachable");
  expect(r.status).toBe(502);
  const body = (await r.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ type: "urn:apigee-aws:problem:aws-ssm-parameter:ssm-unavailable", title: "SSM Parameter Store could not be reached or refused the request", status: 502 });
  expect(JSON.stringify(body)).not.toMatch(/S3/);
  expect(lastProblemDetail(t, "aws.ssm.fault.detail")).toMatchObject({ parameters: "/acme/db/password", ssmErrorCode: "NoResponse" });
});

test("a missing parameter is a fault naming it", async () => {
  const r = await t.fetch("/missing");
  expect(r.status).toBe(500);
  const body = (await r.json()) as Record<string, unknown>;
  // The caller reads what went wrong in general; the parameter, SSM's code and the role are in aws.ssm.fault.detail.
  expect(Object.keys(body).sort()).toEqual(["messageId", "status", "title", "type"]);
  expect(body).toMatchObject({ type: "urn:apigee-aws:problem:aws-ssm-parameter:ssm-parameter-not-found", title: "An SSM parameter does not exist" });
  expect(lastProblemDetail(t, "aws.ssm.fault.detail")).toMatchObject({ title: "An SSM parameter does not exist", parameters: "/acme/db/nope", ssmErrorCode: "ParameterNotFound", roleArn: ROLE, messageId: body.messageId });
});

test("a parameter outside the role's policy is a fault naming it and SSM's code, never the value", async () => {
  const r = await t.fetch("/denied");
  expect(r.status).toBe(500);
  const text = await r.text();
  expect(text).not.toMatch(/other\/team|AccessDenied|arn:aws/);
  expect(lastProblemDetail(t, "aws.ssm.fault.detail")).toMatchObject({ parameters: "/other/team/token", ssmErrorCode: "AccessDeniedException", roleArn: ROLE });
  expect(JSON.stringify(t.completed[t.completed.length - 1].flow.variables["aws.ssm.fault.detail"])).not.toContain("not-for-you");
  expect(text).not.toContain("not-for-you");
  expect(t.log.join("\n")).not.toMatch(/s3cret-v[12]|not-for-you/);
});

test("{env} in a name is the environment's name: one bundle reads each environment's own parameter", async () => {
  // The runner serves environment "test".
  expect((await t.fetch("/per-env")).status).toBe(200);
  expect(received[received.length - 1]).toBe("test-secret");
});

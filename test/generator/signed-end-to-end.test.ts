// A generated proxy of target kind "aws" (any SigV4 endpoint), run as emitted
// by the local runtime against the standIns: here the SSM stand-in, which
// checks every signature (path, query, body hash) and the role's policy.

import { packageRoot } from "../../src/common/paths";
import { readBuiltCallouts } from "../../src/generator";
import type { Intent } from "../../src/intent/model";
import { StandIns } from "../../src/stand-ins/stand-ins";
import { sharedFlowRoot } from "../../src/generator/shared-flows";
import { gatewayRole } from "../support/aws-world-fixtures";
import { requireBuilt } from "../support/built";
import { closedPort } from "../support/closed-port";
import { closeRunners, lastProblemDetail, startRunner, TestRunner } from "../support/runner";
import { parseProperties, writeGenerated } from "./support/bundle-files";
import { ACCOUNT, generated, intentWith, propertySet, SERVICE_ACCOUNT, s3Proxy } from "./support/intents";

let standIns: StandIns;
let t: TestRunner;
let bundle: string;
let properties: Record<string, string>;

beforeAll(async () => {
  requireBuilt("callouts/s3-headers.js");
  standIns = await StandIns.start({ serviceAccounts: [SERVICE_ACCOUNT] });
  const role = gatewayRole("apigee-params-test", SERVICE_ACCOUNT);
  role.permissionsPolicies = [{ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "ssm:GetParameter", Resource: `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/acme/*` }] }];
  standIns.world.putRole(role);
  standIns.ssm.putParameter("/acme/greeting", "hello from SSM", "String");
  standIns.ssm.putParameter("/other/secret", "not yours", "String");
  const proxy = s3Proxy({
    name: "params",
    basePath: "/ssm",
    access: "read-write",
    roles: { test: "apigee-params-test" },
    target: { kind: "aws", url: "https://ssm.us-east-1.amazonaws.com", service: "ssm", region: "us-east-1" }
  });
  const intent: Intent = { ...intentWith(proxy), environments: ["test"] };
  bundle = writeGenerated(generated(intent, proxy, readBuiltCallouts()));
  properties = parseProperties(propertySet(intent, "test"));
  t = await startRunner([sharedFlowRoot(packageRoot(), "aws-credentials"), sharedFlowRoot(packageRoot(), "aws-sigv4"), bundle], {
    ...standIns.runnerEnvironment(),
    propertySets: { apigeeaws: properties }
  });
});

afterAll(async () => {
  await closeRunners();
  await standIns?.close();
});

const getParameter = (name: string, path = "/ssm", headers: Record<string, string> = {}) =>
  t.fetch(path, {
    method: "POST",
    headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AmazonSSM.GetParameter", ...headers },
    body: JSON.stringify({ Name: name })
  });

test("the client's request reaches the endpoint signed, with its X-Amz-Target and body", async () => {
  const res = await getParameter("/acme/greeting");
  expect(res.status).toBe(200);
  expect(((await res.json()) as { Parameter: { Value: string } }).Parameter.Value).toBe("hello from SSM");
});

test("the client's query is sent and signed; its own signing headers are dropped", async () => {
  const res = await getParameter("/acme/greeting", "/ssm/?probe=a%20b&x=1", { authorization: "AWS4-HMAC-SHA256 Credential=forged", "x-amz-date": "20000101T000000Z", "x-amz-security-token": "forged" });
  expect(res.status).toBe(200);
});

test("AWS's answers pass through, errors included", async () => {
  const res = await getParameter("/other/secret");
  expect(res.status).toBe(400);
  const body = (await res.json()) as { __type: string };
  expect(body.__type).toMatch(/AccessDeniedException/);
  expect(standIns.world.calls.filter((c) => c.action === "ssm:GetParameter").map((c) => c.status)).toEqual([200, 200, 400]);
});

test("an environment without the apigeeaws property set gets a 500 that names the missing parameter", async () => {
  const bare = await startRunner([sharedFlowRoot(packageRoot(), "aws-credentials"), sharedFlowRoot(packageRoot(), "aws-sigv4"), bundle], {
    ...standIns.runnerEnvironment()
  });
  const res = await bare.fetch("/ssm", { method: "POST", headers: { "x-amz-target": "AmazonSSM.GetParameter" }, body: "{}" });
  expect(res.status).toBe(500);
  expect(await res.json()).toMatchObject({ type: "urn:apigee-aws:problem:aws-credentials:misconfigured" });
  expect(lastProblemDetail(bare, "aws.credentials.fault.detail")).toMatchObject({ type: "urn:apigee-aws:problem:aws-credentials:misconfigured", parameter: "aws.credentials.roleArn" });
});

test("a fault no rule answers (AWS unreachable) gets a problem body with the message ID, and none of Apigee's internals", async () => {
  // The SSM host now leads to a closed port: the target call itself fails.
  const closed = await closedPort();
  const unreachable = await startRunner([sharedFlowRoot(packageRoot(), "aws-credentials"), sharedFlowRoot(packageRoot(), "aws-sigv4"), bundle], {
    ...standIns.runnerEnvironment(),
    hostOverrides: { ...standIns.hostOverrides(), "ssm.us-east-1.amazonaws.com": `http://127.0.0.1:${closed}` },
    propertySets: { apigeeaws: properties }
  });
  const res = await unreachable.fetch("/ssm", { method: "POST", headers: { "x-amz-target": "AmazonSSM.GetParameter" }, body: "{}" });
  expect(res.status).toBeGreaterThanOrEqual(500);
  expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  const text = await res.text();
  const body = JSON.parse(text) as Record<string, unknown>;
  expect(body).toEqual({ type: "urn:apigee-aws:problem:unexpected", title: "The request could not be completed", status: res.status, messageId: expect.stringMatching(/\S/) });
  expect(text).not.toMatch(/faultstring|errorcode|127\.0\.0\.1|ECONNREFUSED|steps\./);
  // What went wrong stays in the flow (fault.name, error.message) for the audit record.
  const flow = unreachable.completed[unreachable.completed.length - 1].flow.variables;
  expect(String(flow["fault.name"])).not.toBe("");
});

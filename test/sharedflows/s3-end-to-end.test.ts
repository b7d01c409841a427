// An S3-fronting proxy wired the way the generator wires one, run by the
// local runtime against the standIns: aws-credentials (gateway identity, STS)
// then aws-sigv4 (native mode) on the target request. The S3 stand-in checks
// every signature with @smithy/signature-v4 and the role's permission policy.

import * as http from "node:http";
import { packageRoot } from "../../src/common/paths";
import { StandIns } from "../../src/stand-ins/stand-ins";
import { sharedFlowRoot } from "../../src/generator/shared-flows";
import { gatewayRole, roleArn } from "../support/aws-world-fixtures";
import { writeProxy } from "../support/bundle-fixtures";
import { gatewayCredentials } from "../support/gateway-credentials";
import { closeRunners, startRunner, TestRunner } from "../support/runner";

const SA = { email: "apigee-runtime@acme-prod.iam.gserviceaccount.com", uniqueId: "104857600000000000001" };
const ROLE = roleArn("apigee-files-test");
const BUCKET = "acme-artifacts";
const HOST = `${BUCKET}.s3.us-east-1.amazonaws.com`;

// Encodes the key the way S3's canonical URI does, so what is sent is what is signed.
const TARGET_URL_JS = `
var suffix = String(context.getVariable("proxy.pathsuffix") || "");
var key = decodeURIComponent(suffix.replace(/^\\//, ""));
function enc(s) { return encodeURIComponent(s).replace(/[!'()*]/g, function (c) { return "%" + c.charCodeAt(0).toString(16).toUpperCase(); }); }
// Test hook: ?raw=KEY names a key outside the prefix, to show S3 enforcing the policy.
var raw = context.getVariable("request.queryparam.raw");
var parts = (raw ? String(raw) : "builds/" + key).split("/");
for (var i = 0; i < parts.length; i++) parts[i] = enc(parts[i]);
var url = key === "" && !raw ? "https://${HOST}/?list-type=2&prefix=builds%2F" : "https://${HOST}/" + parts.join("/");
context.setVariable("target.url", url);
context.setVariable("target.copy.pathsuffix", "false");
context.setVariable("target.copy.queryparams", "false");
`;

function filesProxy(): string {
  const credentials = gatewayCredentials("Credentials", { roleArn: ROLE, serviceAccount: SA.email });
  return writeProxy("files", {
    basePath: "/files",
    targetUrl: `https://${HOST}`,
    policies: {
      ...credentials.policies,
      TargetUrl: `<Javascript name="TargetUrl" timeLimit="1000"><Source><![CDATA[${TARGET_URL_JS}]]></Source></Javascript>`,
      Sign: `<FlowCallout name="Sign"><SharedFlowBundle>aws-sigv4</SharedFlowBundle><Parameters>
        <Parameter name="aws.sigv4.service">s3</Parameter><Parameter name="aws.sigv4.region">us-east-1</Parameter></Parameters></FlowCallout>`
    },
    request: [...credentials.steps, "TargetUrl"],
    targetRequest: ["Sign"],
    proxyProperties: { "request.streaming.enabled": "true", "response.streaming.enabled": "true" },
    targetProperties: { "request.streaming.enabled": "true", "response.streaming.enabled": "true", "success.codes": "1xx,2xx,3xx" }
  });
}

function rawGet(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const path = url.slice(url.indexOf("/", "http://".length));
    http.get({ host: u.hostname, port: u.port, path }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    }).on("error", reject);
  });
}

let standIns: StandIns;
let t: TestRunner;

beforeAll(async () => {
  standIns = await StandIns.start({ serviceAccounts: [SA] });
  const role = gatewayRole("apigee-files-test", SA);
  role.permissionsPolicies = [
    {
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: `arn:aws:s3:::${BUCKET}/builds/*` },
        { Effect: "Allow", Action: "s3:ListBucket", Resource: `arn:aws:s3:::${BUCKET}`, Condition: { StringLike: { "s3:prefix": "builds/*" } } }
      ]
    }
  ];
  standIns.world.putRole(role);
  standIns.s3.createBucket(BUCKET);
  standIns.s3.putObjectDirect(BUCKET, "outside/secret.txt", Buffer.from("not yours"));
  t = await startRunner([sharedFlowRoot(packageRoot(), "aws-credentials"), sharedFlowRoot(packageRoot(), "aws-sigv4"), filesProxy()], {
    ...standIns.runnerEnvironment()
  });
});
afterAll(async () => {
  await closeRunners();
  await standIns.close();
});

const KEYS = ["plain.txt", "with space.txt", "plus+sign.txt", "percent%25.txt", "at@colon:equals=.txt", "star*quote'.txt", "résumé.txt", "rocket-🚀.txt", "double//slash.txt", "dots/../up.txt"];

test.each(KEYS)("PUT, GET and HEAD of %p pass S3's signature and policy checks", async (key) => {
  const path = `/files/${key.split("/").map(encodeURIComponent).join("/")}`;
  const body = Buffer.from(`content of ${key}`);
  const put = await t.fetch(path, { method: "PUT", body, headers: { "content-type": "text/plain" } });
  expect([put.status, await put.text()]).toEqual([200, ""]);
  const get = await t.fetch(path);
  expect(get.status).toBe(200);
  expect(Buffer.from(await get.arrayBuffer()).equals(body)).toBe(true);
  const head = await t.fetch(path, { method: "HEAD" });
  expect([head.status, head.headers.get("content-length")]).toEqual([200, String(body.length)]);
});

test("List under the prefix is signed and allowed; one STS call served every request", async () => {
  const list = await t.fetch("/files/");
  expect(list.status).toBe(200);
  const xml = await list.text();
  for (const key of ["plain.txt", "with space.txt", "rocket-🚀.txt"]) expect(xml).toContain(`<Key>builds/${key}</Key>`);
  expect(standIns.world.callCount("sts:AssumeRoleWithWebIdentity")).toBe(1);
  expect(standIns.world.calls.filter((c) => c.action.startsWith("s3:") && c.status >= 400)).toEqual([]);
});

test("a correctly signed request outside the role's policy is refused by S3; dot segments never leave the prefix", async () => {
  const outside = await t.fetch("/files/x?raw=outside/secret.txt");
  expect(outside.status).toBe(403);
  expect(await outside.text()).toMatch(/<Code>AccessDenied<\/Code>/);
  // fetch() would resolve the dot segments itself; send the path exactly as written.
  const dots = await rawGet(`${t.runner.url}/files/%2E%2E/%2E%2E/outside/secret.txt`);
  // S3 takes the key literally (builds/../../outside/secret.txt), which does not exist; without
  // an unconditional s3:ListBucket, S3 answers a missing key with 403, as the stand-in does.
  expect(dots.status).toBe(403);
  expect(dots.body).not.toContain("not yours");
});

// End-to-end latency of a signed S3 GET through the runner with warm
// credentials: aws-credentials (cache hit), the target URL, aws-sigv4 (native
// mode), the S3 stand-in verifying the signature, and the object back.

import { packageRoot } from "../common/paths";
import { Runner } from "../runner/runner";
import { StandIns } from "../stand-ins/stand-ins";
import { sharedFlowRoot } from "../generator/shared-flows";
import type { Benchmark, Figure } from "./figures";
import { percentile, runLoad } from "./load-generator";
import { writeTempProxy } from "./temp-proxy";

const SA = { email: "apigee-runtime@bench.iam.gserviceaccount.com", uniqueId: "104857600000000000009" };
const BUCKET = "bench-bucket";
const HOST = `${BUCKET}.s3.us-east-1.amazonaws.com`;
const ROLE = "arn:aws:iam::111122223333:role/apigee-bench";

const step = (n: string) => `<Step><Name>${n}</Name></Step>`;

function s3Proxy(): string {
  return writeTempProxy({
    "apiproxy/bench-s3.xml": '<APIProxy name="bench-s3"/>',
    "apiproxy/proxies/default.xml": `<ProxyEndpoint name="default"><PreFlow name="PreFlow"><Request>${step("Credentials")}${step("TargetUrl")}</Request></PreFlow>
      <HTTPProxyConnection><BasePath>/s3</BasePath></HTTPProxyConnection><RouteRule name="default"><TargetEndpoint>default</TargetEndpoint></RouteRule></ProxyEndpoint>`,
    "apiproxy/targets/default.xml": `<TargetEndpoint name="default"><PreFlow name="PreFlow"><Request>${step("Sign")}</Request></PreFlow>
      <HTTPTargetConnection><URL>https://${HOST}</URL></HTTPTargetConnection></TargetEndpoint>`,
    "apiproxy/policies/Credentials.xml": `<FlowCallout name="Credentials"><SharedFlowBundle>aws-credentials</SharedFlowBundle><Parameters>
      <Parameter name="aws.credentials.roleArn">${ROLE}</Parameter><Parameter name="aws.credentials.serviceAccount">${SA.email}</Parameter></Parameters></FlowCallout>`,
    "apiproxy/policies/TargetUrl.xml": `<AssignMessage name="TargetUrl">
      <AssignVariable><Name>target.url</Name><Template>https://${HOST}/objects{proxy.pathsuffix}</Template></AssignVariable>
      <AssignVariable><Name>target.copy.pathsuffix</Name><Value>false</Value></AssignVariable></AssignMessage>`,
    "apiproxy/policies/Sign.xml": `<FlowCallout name="Sign"><SharedFlowBundle>aws-sigv4</SharedFlowBundle><Parameters>
      <Parameter name="aws.sigv4.service">s3</Parameter><Parameter name="aws.sigv4.region">us-east-1</Parameter></Parameters></FlowCallout>`
  });
}

export const s3GetLatency: Benchmark = {
  name: "runner.s3get",
  async run(): Promise<Figure[]> {
    const standIns = await StandIns.start({ serviceAccounts: [SA] });
    standIns.world.putRole({
      arn: ROLE,
      trustPolicy: {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Federated: "accounts.google.com" }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { "accounts.google.com:sub": SA.uniqueId } } }]
      },
      permissionsPolicies: [{ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: `arn:aws:s3:::${BUCKET}/objects/*` }] }]
    });
    standIns.s3.createBucket(BUCKET);
    standIns.s3.putObjectDirect(BUCKET, "objects/report.json", Buffer.from(JSON.stringify({ ok: true, padding: "x".repeat(1000) })));
    const root = packageRoot();
    const runner = await Runner.start({
      bundles: [sharedFlowRoot(root, "aws-credentials"), sharedFlowRoot(root, "aws-sigv4"), s3Proxy()],
      environment: { name: "bench", ...standIns.runnerEnvironment() }
    });
    try {
      const url = `${runner.url}/s3/report.json`;
      await runLoad(url, 300, 4);
      const r = await runLoad(url, 2000, 8);
      if (r.failures) throw new Error(`${r.failures} of ${r.requests} signed GETs failed`);
      return [
        { name: "runner.s3get.rps", value: r.requests / r.seconds, unit: "req/s" },
        { name: "runner.s3get.p50", value: percentile(r.latencies, 50), unit: "ms" },
        { name: "runner.s3get.p99", value: percentile(r.latencies, 99), unit: "ms" },
        { name: "runner.s3get.sts.calls", value: standIns.world.callCount("sts:AssumeRoleWithWebIdentity"), unit: "calls" }
      ];
    } finally {
      await runner.close();
      await standIns.close();
    }
  }
};

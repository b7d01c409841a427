// The aws-sigv4 shared flow, run by the runner as deployed: native mode (HMAC
// chain in AssignMessage templates) and script mode give the same signature,
// and both equal @smithy/signature-v4's; the secret never enters JavaScript.

import * as fs from "node:fs";
import * as path from "node:path";
import { Sha256 } from "@aws-crypto/sha256-js";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { packageRoot } from "../../src/common/paths";
import { RHINO_MODES } from "../../src/rhino/rhino-host";
import { sharedFlowRoot } from "../../src/generator/shared-flows";
import { writeProxy } from "../support/bundle-fixtures";
import { closeRunners, startRunner, TestRunner } from "../support/runner";

const CREDENTIALS = { accessKeyId: "ASIAEXAMPLEKEY123456", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", sessionToken: "IQoJb3JpZ2luX2VjEXAMPLE+token/=" };
const AMZ_DATE = "20261123T101500Z";
const SIGNING_DATE = new Date(Date.UTC(2026, 10, 23, 10, 15, 0));

/** A proxy that signs a message built from the query, then answers with the signed headers as JSON. */
function signingProxy(): string {
  const cred = (name: string, value: string) => `<AssignVariable><Name>private.aws.credentials.${name}</Name><Value>${value}</Value></AssignVariable>`;
  return writeProxy("signer", {
    basePath: "/sign",
    policies: {
      Setup: `<AssignMessage name="Setup">${cred("accessKeyId", CREDENTIALS.accessKeyId)}${cred("secretAccessKey", CREDENTIALS.secretAccessKey)}${cred("sessionToken", CREDENTIALS.sessionToken)}
        <AssignTo createNew="true" type="request">outgoing</AssignTo>
        <Set><Verb>{request.queryparam.method}</Verb><Payload contentType="application/x-amz-json-1.1">{request.queryparam.body}</Payload></Set>
        <IgnoreUnresolvedVariables>true</IgnoreUnresolvedVariables></AssignMessage>`,
      Sign: `<FlowCallout name="Sign"><SharedFlowBundle>aws-sigv4</SharedFlowBundle><Parameters>
        <Parameter name="aws.sigv4.service" ref="request.queryparam.service"/>
        <Parameter name="aws.sigv4.region">us-east-1</Parameter>
        <Parameter name="aws.sigv4.message">outgoing</Parameter>
        <Parameter name="aws.sigv4.url" ref="request.queryparam.url"/>
        <Parameter name="aws.sigv4.amzDate">${AMZ_DATE}</Parameter>
        <Parameter name="aws.sigv4.mode" ref="request.queryparam.mode"/>
        <Parameter name="aws.sigv4.debug" ref="request.queryparam.debug"/>
      </Parameters></FlowCallout>`,
      Answer: `<AssignMessage name="Answer"><AssignTo type="response">response</AssignTo><Set><Payload contentType="application/json">{"authorization":"{outgoing.header.authorization}","date":"{outgoing.header.x-amz-date}","token":"{outgoing.header.x-amz-security-token}","sha":"{outgoing.header.x-amz-content-sha256}","debug":"{escapeJSON(aws.sigv4.debug.stringToSign)}","derived":"{private.aws.sigv4.kSigning}"}</Payload></Set><IgnoreUnresolvedVariables>true</IgnoreUnresolvedVariables></AssignMessage>`
    },
    request: ["Setup", "Sign", "Answer"]
  });
}

let t: TestRunner;

interface Case {
  service: string;
  method: string;
  url: string;
  body?: string;
}

async function signVia(c: Case, mode: string, debug = false): Promise<Record<string, string>> {
  const q = new URLSearchParams({ service: c.service, method: c.method, url: c.url, body: c.body ?? "", mode, debug: String(debug) });
  const r = await t.fetch(`/sign?${q}`);
  const text = await r.text();
  if (r.status !== 200) throw new Error(`signing failed: ${r.status} ${text}`);
  return JSON.parse(text);
}

async function oracle(c: Case): Promise<string> {
  const url = new URL(c.url);
  const s3 = c.service === "s3";
  const signer = new SignatureV4({ service: c.service, region: "us-east-1", credentials: CREDENTIALS, sha256: Sha256, uriEscapePath: !s3, applyChecksum: false });
  const rawPath = c.url.replace(/^https:\/\/[^/]+/, "").replace(/\?.*$/, "");
  const headers: Record<string, string> = { host: url.host };
  if (s3) headers["x-amz-content-sha256"] = "UNSIGNED-PAYLOAD";
  headers["content-type"] = "application/x-amz-json-1.1";
  const query: Record<string, string> = {};
  url.searchParams.forEach((v, k) => (query[k] = v));
  const signed = await signer.sign(
    new HttpRequest({ method: c.method, protocol: "https:", hostname: url.hostname, path: s3 ? rawPath : decodeURIComponent(rawPath), query, headers, body: c.body || undefined }),
    { signingDate: SIGNING_DATE }
  );
  return signed.headers.authorization;
}

const CASES: Case[] = [
  { service: "s3", method: "GET", url: "https://acme-artifacts.s3.us-east-1.amazonaws.com/builds/app%201.0%2Bbeta.zip" },
  { service: "s3", method: "HEAD", url: "https://acme-artifacts.s3.us-east-1.amazonaws.com/builds/%F0%9F%9A%80%20r%C3%A9sum%C3%A9%27s%20%2A%40%3A%3D.txt" },
  { service: "s3", method: "GET", url: "https://acme-artifacts.s3.us-east-1.amazonaws.com/?list-type=2&prefix=builds%2F&max-keys=10" },
  { service: "s3", method: "PUT", url: "https://acme-uploads.s3.us-east-1.amazonaws.com/incoming//a/../b" },
  { service: "ssm", method: "POST", url: "https://ssm.us-east-1.amazonaws.com/", body: '{"Name":"/acme/db/password","WithDecryption":true}' }
];

describe.each(RHINO_MODES)("Rhino %s", (mode) => {
  beforeAll(async () => {
    t = await startRunner([sharedFlowRoot(packageRoot(), "aws-sigv4"), signingProxy()], {}, mode);
  });
  afterAll(closeRunners);

  describe.each(CASES)("$service $method $url", (c) => {
    test("native and script mode sign identically, and as @smithy/signature-v4 does", async () => {
      const [native, script, theirs] = await Promise.all([signVia(c, "native"), signVia(c, "script"), oracle(c)]);
      expect(native.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=ASIAEXAMPLEKEY123456\/20261123\/us-east-1\/[a-z0-9]+\/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$/);
      expect(native.authorization).toBe(script.authorization);
      expect(native.authorization).toBe(theirs);
      expect(native.date).toBe(AMZ_DATE);
      expect(native.token).toBe(CREDENTIALS.sessionToken);
      expect(native.sha).toBe(c.service === "s3" ? "UNSIGNED-PAYLOAD" : "");
    });
  });

  test("native mode is the default, leaves no derived key behind, and exposes diagnostics only when asked", async () => {
    const c = CASES[0];
    const defaulted = await signVia(c, "");
    expect(defaulted.authorization).toBe(await oracle(c));
    expect(defaulted.derived).toBe("");
    expect(defaulted.debug).toBe("");
    const debug = await signVia(c, "native", true);
    expect(debug.debug).toMatch(/^AWS4-HMAC-SHA256\n20261123T101500Z\n20261123\/us-east-1\/s3\/aws4_request\n[0-9a-f]{64}$/);
  });
});

test("the native-mode callouts never name the secret access key's variable", () => {
  const jsc = path.join(sharedFlowRoot(packageRoot(), "aws-sigv4"), "resources", "jsc");
  for (const file of ["sigv4-native-prepare.js", "sigv4-native-finish.js"]) {
    expect(fs.readFileSync(path.join(jsc, file), "utf8")).not.toContain("private.aws.credentials.secretAccessKey");
  }
  expect(fs.readFileSync(path.join(jsc, "sigv4-sign.js"), "utf8")).toContain("private.aws.credentials.secretAccessKey");
});

// generateProxyBundle and zipBundle without a runtime: the same input gives
// the same bytes, the bundles lint clean (but for two warnings explained
// below) and load in the runner, the descriptor lists what the bundle holds,
// and intents the generator cannot serve are refused with a message that
// says what to change.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { unzipSync } from "fflate";
import { GeneratorError, propertySetEntries, readBuiltCallouts, zipBundle } from "../../src/generator";
import { planBuild, planIntentFile } from "../../src/plan";
import type { BuiltCallouts } from "../../src/generator";
import type { ProxyIntent } from "../../src/intent/model";
import { buildOutput } from "../../src/output/build-output";
import { packageRoot } from "../../src/common/paths";
import { runApigeelint } from "../../src/lint/apigeelint";
import { loadDeployedBundle } from "../../src/runner/deployed-bundle";
import { requireBuilt } from "../support/built";
import { parseProperties, writeGenerated } from "./support/bundle-files";
import { generated, intentWith, propertySet, s3Proxy } from "./support/intents";

const JWT = { kind: "jwt" as const, jwt: { issuer: "https://idp.example.com/realms/acme", audience: "files-api", jwksUri: "https://idp.example.com/realms/acme/certs", maxLifespan: "24h" } };

/** Every option at once. */
const FULL = s3Proxy({
  access: "read-write",
  delete: true,
  auth: JWT,
  identity: "caller",
  quota: { count: 100, interval: 1, unit: "minute" },
  spikeArrest: "30ps",
  cors: { origins: ["https://app.example.com", "http://localhost:5173"] },
  headers: [
    { name: "x-api-key", value: { kind: "ssm", parameter: "/acme/files/api-key" } },
    { name: "x-amz-server-side-encryption-customer-key", value: { kind: "ssm", parameter: "/acme/files/sse-key" } },
    { name: "x-team", value: { kind: "literal", value: "storage {core}" } }
  ]
});

const VARIANTS: [string, ProxyIntent][] = [
  ["a public read proxy on the whole bucket", s3Proxy({ target: { kind: "s3", bucket: "acme-artifacts", prefix: "" } })],
  ["a write proxy with a quota per client IP", s3Proxy({ access: "write", quota: { count: 10, interval: 1, unit: "hour" } })],
  ["CORS for any origin", s3Proxy({ auth: JWT, cors: { origins: ["*"] } })],
  ["every option", FULL],
  ["a signed passthrough to any AWS endpoint", { ...FULL, target: { kind: "aws", url: "https://lambda.us-east-1.amazonaws.com", service: "lambda", region: "us-east-1" } }]
];

const targetsOf = (proxy: ProxyIntent) => (proxy.target.kind === "s3" ? ["list", "objects"] : ["default"]);

let callouts: BuiltCallouts;
beforeAll(() => {
  requireBuilt("callouts/s3-key.js", "callouts/s3-list.js", "callouts/s3-error.js", "callouts/s3-headers.js");
  callouts = readBuiltCallouts();
});

const generate = (proxy: ProxyIntent) => generated(intentWith(proxy), proxy, callouts);
const text = (files: Map<string, Buffer>, rel: string) => files.get(`apiproxy/${rel}`)!.toString("utf8");

describe("determinism", () => {
  test("generating twice gives the same files and the same zip, byte for byte", () => {
    const a = generate(FULL);
    const b = generate(FULL);
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [rel, content] of a) expect(content.equals(b.get(rel)!)).toBe(true);
    expect(zipBundle(a).equals(zipBundle(b))).toBe(true);
  });

  test("files come sorted; the zip holds them under apiproxy/, sorted, dated 1980-01-01 00:00", () => {
    const files = generate(FULL);
    const names = [...files.keys()];
    expect(names).toEqual([...names].sort());
    expect(names.every((n) => n.startsWith("apiproxy/"))).toBe(true);
    const zip = zipBundle(files);
    const unzipped = unzipSync(new Uint8Array(zip));
    expect(Object.keys(unzipped)).toEqual(names);
    for (const n of names) expect(Buffer.from(unzipped[n]).equals(files.get(n)!)).toBe(true);
    // Every local file header: signature, then (at +10) DOS time 0 and date 0x0021 (1980-01-01), and no extra field.
    let headers = 0;
    for (let at = zip.indexOf(Buffer.from("PK\u0003\u0004", "latin1")); at >= 0; at = zip.indexOf(Buffer.from("PK\u0003\u0004", "latin1"), at + 4)) {
      if (zip.readUInt16LE(at + 26) === 0) continue; // not a header: the bytes happened to occur in compressed data
      expect([zip.readUInt16LE(at + 10), zip.readUInt16LE(at + 12), zip.readUInt16LE(at + 28)]).toEqual([0, 0x21, 0]);
      headers++;
    }
    expect(headers).toBe(names.length);
  });

  test("every XML file has the declaration, 2-space indentation and a trailing newline", () => {
    for (const [rel, content] of generate(FULL)) {
      if (!rel.endsWith(".xml")) continue;
      const xml = content.toString("utf8");
      expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<')).toBe(true);
      expect(xml.endsWith(">\n")).toBe(true);
      for (const line of xml.split("\n").slice(1, -1)) expect(line).toMatch(/^( {2})*<|^( {2})*[^ ]/);
      expect(xml).not.toMatch(/\t|\r/);
    }
  });
});

describe.each(VARIANTS)("%s", (_name, proxy) => {
  test("loads in the runner with no problem", () => {
    const { bundle } = loadDeployedBundle(writeGenerated(generate(proxy)));
    expect(bundle.kind).toBe("apiproxy");
    expect(bundle.name).toBe(proxy.name);
  });

  test("apigeelint (profile apigeex) reports no error, and no warning but TD002 and TD007 on each TargetEndpoint", () => {
    // TD002 (use a TargetServer): the endpoint is the bucket's own host, fixed by the intent, and the local runtime does not run TargetServers.
    // TD007 (TrustStore in SSLInfo): S3's certificates chain to public roots; Enforce=true validates them without a truststore resource to maintain.
    const findings = runApigeelint(writeGenerated(generate(proxy))).map((m) => `${m.severity} ${m.ruleId} ${path.basename(m.file)}`);
    expect(findings.sort()).toEqual(targetsOf(proxy).flatMap((t) => [`1 TD002 ${t}.xml`, `1 TD007 ${t}.xml`]).sort());
  });

  test("the descriptor lists exactly the policies and scripts the bundle holds, and every policy is used", () => {
    const files = generate(proxy);
    const descriptor = text(files, `${proxy.name}.xml`);
    const listed = (tag: string) => [...descriptor.matchAll(new RegExp(`<${tag}>([^<]+)</${tag}>`, "g"))].map((m) => m[1]);
    const under = (folder: string) => [...files.keys()].filter((k) => k.startsWith(`apiproxy/${folder}/`)).map((k) => path.basename(k));
    expect(listed("Policy")).toEqual(under("policies").map((f) => f.replace(/\.xml$/, "")).sort());
    expect(listed("Resource")).toEqual(under("resources/jsc").map((f) => `jsc://${f}`));
    expect(listed("TargetEndpoint")).toEqual(targetsOf(proxy));
    const endpoints = [...files].filter(([k]) => /\/(proxies|targets)\//.test(k)).map(([, v]) => v.toString("utf8")).join("\n");
    for (const p of listed("Policy")) expect(endpoints).toContain(`<Name>${p}</Name>`);
    for (const script of under("resources/jsc")) expect(files.get(`apiproxy/resources/jsc/${script}`)!.toString("utf8")).toBe(callouts[script]);
  });
});

describe("what the bundle says", () => {
  test("the role comes from the property set; one bundle serves every environment", () => {
    const intent = intentWith(FULL);
    const files = generated(intent, FULL, callouts);
    expect(text(files, "policies/FC-AwsCredentials.xml")).toContain('<Parameter name="aws.credentials.roleArn" ref="propertyset.apigeeaws.files.roleArn"/>');
    expect([...files.values()].some((v) => v.toString("utf8").includes("apigee-files-test"))).toBe(false);
    for (const env of ["test", "prod"]) {
      expect(parseProperties(propertySet(intent, env))).toEqual({
        "files.roleArn": `arn:aws:iam::111122223333:role/apigee-files-${env}`,
        "files.secretsRoleArn": `arn:aws:iam::111122223333:role/apigee-files-${env}-secrets`,
        "files.serviceAccount": "apigee-runtime@acme-prod.iam.gserviceaccount.com"
      });
    }
  });

  test("caller identity passes the verified token's variable; gateway identity the environment's account, from the property set", () => {
    expect(text(generate(FULL), "policies/FC-AwsCredentials.xml")).toMatch(/aws.credentials.mode">caller<[\s\S]*aws.credentials.callerTokenVariable">private\.apigee_aws\.callerToken</);
    const files = generate(s3Proxy());
    for (const policy of ["FC-AwsCredentials", "FC-AwsCredentials-Exchange"]) {
      expect(text(files, `policies/${policy}.xml`)).toMatch(/aws.credentials.mode">gateway<[\s\S]*<Parameter name="aws.credentials.serviceAccount" ref="propertyset\.apigeeaws\.files\.serviceAccount"\/>/);
    }
    expect(text(files, "policies/FC-AwsCredentials.xml")).toContain('<Parameter name="aws.credentials.stage">lookup</Parameter>');
    expect(text(files, "policies/FC-AwsCredentials-Exchange.xml")).toContain('<Parameter name="aws.credentials.stage">exchange</Parameter>');
    // The ID token is minted in the proxy, as its own deployment's account, between the two calls.
    const preFlow = text(files, "proxies/default.xml");
    const order = ["FC-AwsCredentials<", "SC-AwsCredentials-GenerateIdToken<", "FC-AwsCredentials-Exchange<"].map((n) => preFlow.indexOf(n));
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]))).toBe(true);
    // A caller-mode proxy without SSM headers presents only the caller's token: no Google token is minted.
    expect(text(generate({ ...FULL, headers: [] }), "proxies/default.xml")).not.toContain("SC-AwsCredentials-GenerateIdToken");
    const secrets = text(generate(FULL), "policies/FC-AwsCredentials-Secrets.xml");
    expect(secrets).toContain('<Parameter name="aws.credentials.roleArn" ref="propertyset.apigeeaws.files.secretsRoleArn"/>');
    expect(secrets).toMatch(/aws.credentials.mode">gateway<[\s\S]*ref="propertyset\.apigeeaws\.files\.serviceAccount"/);
  });

  test("PreFlow steps run in the documented order", () => {
    const proxy = text(generate(FULL), "proxies/default.xml");
    const preFlow = proxy.slice(proxy.indexOf("<PreFlow"), proxy.indexOf("</PreFlow>"));
    expect([...preFlow.matchAll(/<Name>([^<]+)<\/Name>/g)].map((m) => m[1])).toEqual([
      "SA-Proxy",
      "RF-CORS-Preflight",
      "VerifyJWT-Caller",
      "Q-Caller",
      "RF-MethodNotAllowed",
      "JS-S3-Key",
      "RF-S3-InvalidRequest",
      "AM-CallerToken",
      "JS-StripClientHeaders",
      // Caller mode reads its SSM headers with its own secrets role (gateway identity), then takes the caller's credentials for the target.
      "FC-AwsCredentials-Secrets",
      "SC-AwsCredentials-GenerateIdToken",
      "FC-AwsCredentials-Secrets-Exchange",
      "FC-SsmHeader-1",
      "FC-SsmHeader-2",
      "FC-AwsCredentials",
      "AM-TargetHeaders"
    ]);
  });

  test("VerifyJWT has no <Source>: Apigee strips Bearer only from the default", () => {
    const policy = text(generate(FULL), "policies/VerifyJWT-Caller.xml");
    expect(policy).not.toMatch(/^\s*<Source/m);
    expect(policy).toContain('<JWKS uri="https://idp.example.com/realms/acme/certs"/>');
    expect(policy).toContain("<TimeAllowance>30s</TimeAllowance>");
  });

  test("the objects target streams both ways, the list target does not; both enforce TLS to the bucket's host", () => {
    const files = generate(FULL);
    expect(text(files, "targets/objects.xml")).toMatch(/request\.streaming\.enabled">true[\s\S]*response\.streaming\.enabled">true/);
    expect(text(files, "proxies/default.xml")).toMatch(/request\.streaming\.enabled">true[\s\S]*response\.streaming\.enabled">true/);
    expect(text(files, "targets/list.xml")).not.toContain("streaming");
    for (const t of ["list", "objects"]) {
      expect(text(files, `targets/${t}.xml`)).toMatch(/<SSLInfo>\s*<Enabled>true<\/Enabled>\s*<Enforce>true<\/Enforce>\s*<\/SSLInfo>/);
      expect(text(files, `targets/${t}.xml`)).toContain("<URL>https://acme-artifacts.s3.us-east-1.amazonaws.com</URL>");
    }
  });

  test("a signed passthrough builds target.url in full from the client's path and query, then signs for the service", () => {
    const proxy: ProxyIntent = { ...FULL, target: { kind: "aws", url: "https://lambda.us-east-1.amazonaws.com", service: "lambda", region: "us-east-1" } };
    const files = generate(proxy);
    expect(text(files, "policies/AM-TargetUrl-Query.xml")).toContain("<Template>https://lambda.us-east-1.amazonaws.com{proxy.pathsuffix}?{request.querystring}</Template>");
    expect(text(files, "policies/FC-SigV4.xml")).toMatch(/aws.sigv4.service">lambda<[\s\S]*aws.sigv4.region">us-east-1</);
    expect(text(files, "proxies/default.xml")).not.toContain("RF-MethodNotAllowed");
    expect(text(files, "policies/JS-StripClientHeaders.xml")).not.toContain("x-amz-</Property>");
  });

  test("a signed target's base path (an API Gateway stage) comes before the client's path, without its trailing slash", () => {
    const proxy: ProxyIntent = { ...FULL, target: { kind: "aws", url: "https://abc123.execute-api.eu-central-1.amazonaws.com/prod/", service: "execute-api", region: "eu-central-1" } };
    const files = generate(proxy);
    expect(text(files, "policies/AM-TargetUrl.xml")).toContain("<Template>https://abc123.execute-api.eu-central-1.amazonaws.com/prod{proxy.pathsuffix}</Template>");
    expect(text(files, "targets/default.xml")).toContain("<URL>https://abc123.execute-api.eu-central-1.amazonaws.com/prod</URL>");
  });

  test("every starter template in templates/ builds", () => {
    for (const name of fs.readdirSync(path.join(packageRoot(), "templates")).filter((f) => f.endsWith(".yaml"))) {
      const output = buildOutput(planIntentFile(path.join(packageRoot(), "templates", name)));
      expect([name, [...output.keys()].filter((k) => k.endsWith(".zip")).length > 0]).toEqual([name, true]);
    }
  });

  test("the zip loads in the runner too", () => {
    const zip = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "apigee-aws-zip-")), "files.zip");
    fs.writeFileSync(zip, zipBundle(generate(FULL)));
    expect(loadDeployedBundle(zip).bundle.name).toBe("files");
  });
});

describe("refusals", () => {
  test("a callout that was not built", () => {
    const { ["s3-list.js"]: _missing, ...rest } = callouts;
    expect(() => generated(intentWith(s3Proxy()), s3Proxy(), rest)).toThrow(GeneratorError);
    expect(() => generated(intentWith(s3Proxy()), s3Proxy(), rest)).toThrow(/s3-list.js was not provided: run `npm run build`/);
  });

  test("the property set holds each environment's role and nothing for an environment the intent lacks", () => {
    const proxy = s3Proxy();
    const plan = planBuild(intentWith(proxy));
    expect(propertySetEntries(plan, "staging")).toEqual([]);
    expect(propertySetEntries(plan, "prod")).toEqual([
      ["files.roleArn", "arn:aws:iam::111122223333:role/apigee-files-prod"],
      ["files.serviceAccount", "apigee-runtime@acme-prod.iam.gserviceaccount.com"]
    ]);
  });
});

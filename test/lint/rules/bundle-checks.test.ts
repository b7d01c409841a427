// The per-bundle rules on small bundles written in a temp folder, run
// directly (without apigeelint): the variants the fixtures do not cover.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { checkProject, lintBundleDir } from "../../../src/lint/rules";

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "apigee-aws-bundle-checks-"));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

function bundle(files: Record<string, string>, kind: "apiproxy" | "sharedflowbundle" = "apiproxy"): string {
  const dir = path.join(tmp, kind);
  const all = { [`${kind === "apiproxy" ? "proxy" : "flow"}.xml`]: kind === "apiproxy" ? '<APIProxy name="p"/>' : '<SharedFlowBundle name="f"/>', ...files };
  for (const [rel, text] of Object.entries(all)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

const run = (dir: string, rule: string) =>
  lintBundleDir(dir, [rule])
    .map((f) => `${path.relative(dir, f.file)}:${f.line}`)
    .sort();

const steps = (names: (string | [string, string])[]) =>
  names.map((n) => (typeof n === "string" ? `<Step><Name>${n}</Name></Step>` : `<Step><Name>${n[0]}</Name><Condition>${n[1]}</Condition></Step>`)).join("\n");

function proxy(request: (string | [string, string])[], extra = "", route = '<RouteRule name="r"><TargetEndpoint>t</TargetEndpoint></RouteRule>'): string {
  return `<ProxyEndpoint name="default">\n<PreFlow><Request>\n${steps(request)}\n</Request></PreFlow>\n${extra}\n${route}\n</ProxyEndpoint>`;
}

function target(url: string, request: string[] = [], ssl = "<SSLInfo><Enabled>true</Enabled><Enforce>true</Enforce></SSLInfo>"): string {
  return `<TargetEndpoint name="t">\n<PreFlow><Request>\n${steps(request)}\n</Request></PreFlow>\n<HTTPTargetConnection>\n${ssl}\n<URL>${url}</URL>\n</HTTPTargetConnection>\n</TargetEndpoint>`;
}

const raiseFault = (name: string) => `<RaiseFault name="${name}"><FaultResponse><Set><StatusCode>400</StatusCode></Set></FaultResponse></RaiseFault>`;
const sign = (name = "FC-SigV4", message = "") =>
  `<FlowCallout name="${name}"><SharedFlowBundle>aws-sigv4</SharedFlowBundle><Parameters>${message ? `<Parameter name="aws.sigv4.message">${message}</Parameter>` : ""}</Parameters></FlowCallout>`;
const serviceCallout = (name: string, url: string, request = "req", body = "") =>
  `<ServiceCallout name="${name}">\n<Request variable="${request}">${body}</Request>\n<HTTPTargetConnection>\n<SSLInfo><Enabled>true</Enabled><Enforce>true</Enforce></SSLInfo>\n<URL>${url}</URL>\n</HTTPTargetConnection>\n</ServiceCallout>`;

describe("the bundle as the rules read it", () => {
  it("leaves out a file that is not well-formed XML (apigeelint's BN011 reports it) and checks the rest", () => {
    const dir = bundle({
      "policies/JS-Broken.xml": '<Javascript name="JS-Broken"><ResourceURL>jsc://a.js</Javascript>',
      "policies/JS-Fine.xml": '<Javascript name="JS-Fine">\n<ResourceURL>jsc://missing.js</ResourceURL>\n</Javascript>',
      "proxies/default.xml": "<ProxyEndpoint name="
    });
    expect(run(dir, "AA003")).toEqual(["policies/JS-Fine.xml:1", "policies/JS-Fine.xml:2"]);
    expect(checkProject([tmp])).toEqual([]);
  });
});

describe("AA002 secrets only in private variables", () => {
  it("allows secrets into the outgoing request and private variables, not into the response or flow variables", () => {
    const dir = bundle({
      "policies/AM-Header.xml": `<AssignMessage name="AM-Header">\n<AssignVariable><Name>request.header.x-amz-security-token</Name><Ref>private.aws.credentials.sessionToken</Ref></AssignVariable>\n<AssignVariable><Name>private.copy</Name><Template>{private.aws.credentials.sessionToken}</Template></AssignVariable>\n<AssignVariable><Name>response.header.x-token</Name><Ref>private.aws.credentials.sessionToken</Ref></AssignVariable>\n<AssignVariable><Name>caller.auth</Name><Ref>request.header.authorization</Ref></AssignVariable>\n<AssignVariable><Name>my.token</Name><Value></Value></AssignVariable>\n</AssignMessage>`,
      "policies/AM-Answer.xml": `<AssignMessage name="AM-Answer">\n<Set>\n<Headers><Header name="x-debug">{private.aws.credentials.accessKeyId}</Header></Headers>\n</Set>\n<AssignTo type="response"/>\n</AssignMessage>`,
      "policies/RF-Leak.xml": `<RaiseFault name="RF-Leak"><FaultResponse><Set>\n<Payload contentType="text/plain">{private.aws.ssm.value}</Payload>\n</Set></FaultResponse></RaiseFault>`
    });
    expect(run(dir, "AA002")).toEqual(["policies/AM-Answer.xml:3", "policies/AM-Header.xml:4", "policies/AM-Header.xml:5", "policies/RF-Leak.xml:2"]);
  });

  it("checks ExtractVariables XPath and SSM values, and accepts a private prefix", () => {
    const ev = (prefix: string) =>
      `<ExtractVariables name="EV-${prefix || "none"}">\n${prefix ? `<VariablePrefix>${prefix}</VariablePrefix>` : ""}\n<XMLPayload>\n<Variable name="key"><XPath>/AssumeRoleWithWebIdentityResponse/AssumeRoleWithWebIdentityResult/Credentials/SecretAccessKey/text()</XPath></Variable>\n</XMLPayload>\n<JSONPayload>\n<Variable name="value"><JSONPath>$.Parameters[0].Value</JSONPath></Variable>\n<Variable name="expires"><JSONPath>$.Credentials.Expiration</JSONPath></Variable>\n</JSONPayload>\n</ExtractVariables>`;
    const dir = bundle({ "policies/EV-sts.xml": ev("sts"), "policies/EV-private.xml": ev("private.sts") });
    expect(run(dir, "AA002")).toEqual(["policies/EV-sts.xml:4", "policies/EV-sts.xml:7"]);
  });

  it("reports an inline <Source> write at its line in the policy file", () => {
    const dir = bundle({
      "policies/JS-Inline.xml": `<Javascript name="JS-Inline" timeLimit="100">\n<Source><![CDATA[\nvar creds = JSON.parse(context.getVariable("stsResponse.content"));\ncontext.setVariable("sts.key", creds.SecretAccessKey);\n]]></Source>\n</Javascript>`
    });
    expect(run(dir, "AA002")).toEqual(["policies/JS-Inline.xml:4"]);
  });
});

describe("AA003 JavaScript policies", () => {
  it("reports a URL that is not jsc://, and a policy with no script", () => {
    const dir = bundle({
      "policies/JS-A.xml": `<Javascript name="JS-A" timeLimit="10">\n<ResourceURL>js://a.js</ResourceURL>\n</Javascript>`,
      "policies/JS-B.xml": `<Javascript name="JS-B" timeLimit="10"/>`,
      "policies/JS-C.xml": `<Javascript name="JS-C" timeLimit="10"><Source>var a = 1;</Source></Javascript>`
    });
    expect(run(dir, "AA003")).toEqual(["policies/JS-A.xml:2", "policies/JS-B.xml:1"]);
  });
});

describe("AA004 inline scripts", () => {
  it("shifts positions in <Source> to the policy file", () => {
    const dir = bundle({ "policies/JS-S.xml": `<Javascript name="JS-S" timeLimit="10">\n  <Source>let a = 1;\nvar b = () => a;</Source>\n</Javascript>` });
    const found = lintBundleDir(dir, ["AA004"]).map((f) => [f.line, f.column]);
    expect(found).toEqual([
      [2, 11],
      [3, 9]
    ]);
  });
});

describe("AA005 resource limit", () => {
  it("reports a resource over Apigee's 15 MB as an error", () => {
    const dir = bundle({ "policies/JS-Big.xml": `<Javascript name="JS-Big" timeLimit="10">\n<ResourceURL>jsc://big.js</ResourceURL>\n</Javascript>` });
    fs.mkdirSync(path.join(dir, "resources/jsc"), { recursive: true });
    // A sparse file: the size is what counts, and AA005 never reads the content.
    const big = path.join(dir, "resources/jsc/big.js");
    fs.writeFileSync(big, "");
    fs.truncateSync(big, 15 * 1024 * 1024 + 1);
    const found = lintBundleDir(dir, ["AA005"]);
    expect(found.map((f) => [f.line, f.severity])).toEqual([[2, 2]]);
    expect(found[0].message).toContain("over Apigee's 15 MB limit");
  });
});

describe("AA006 durations set by AssignMessage", () => {
  it("checks a literal AssignVariable too", () => {
    const dir = bundle({
      "policies/AM-D.xml": `<AssignMessage name="AM-D">\n<AssignVariable><Name>aws.credentials.durationSeconds</Name><Value>600</Value></AssignVariable>\n</AssignMessage>`,
      "policies/FC-R.xml": `<FlowCallout name="FC-R"><SharedFlowBundle>aws-credentials</SharedFlowBundle><Parameters><Parameter name="aws.credentials.durationSeconds" ref="my.duration"/></Parameters></FlowCallout>`
    });
    expect(run(dir, "AA006")).toEqual(["policies/AM-D.xml:2"]);
  });
});

describe("AA008 signing", () => {
  it("exempts STS AssumeRoleWithWebIdentity, S3 websites and presigned URLs, not other STS calls", () => {
    const dir = bundle(
      {
        "sharedflows/default.xml": `<SharedFlow name="default">${steps(["SC-Web", "SC-Caller", "SC-Site", "SC-Presigned"])}</SharedFlow>`,
        "policies/SC-Web.xml": serviceCallout("SC-Web", "https://sts.amazonaws.com/?Action=AssumeRoleWithWebIdentity&amp;Version=2011-06-15"),
        "policies/SC-Caller.xml": serviceCallout("SC-Caller", "https://sts.amazonaws.com/?Action=GetCallerIdentity"),
        "policies/SC-Site.xml": serviceCallout("SC-Site", "http://bucket.s3-website-us-east-1.amazonaws.com/index.html"),
        "policies/SC-Presigned.xml": serviceCallout("SC-Presigned", "https://b.s3.amazonaws.com/k?X-Amz-Signature=abc")
      },
      "sharedflowbundle"
    );
    expect(run(dir, "AA008")).toEqual(["policies/SC-Caller.xml:5"]);
  });

  it("wants the signing step before the callout, signing the callout's request message", () => {
    const dir = bundle(
      {
        "sharedflows/default.xml": `<SharedFlow name="default">${steps(["SC-Late", "FC-Sign", "FC-Other", "SC-Late", "SC-Wrong", "SC-Right"])}</SharedFlow>`,
        "policies/FC-Sign.xml": sign("FC-Sign", "rightRequest"),
        "policies/FC-Other.xml": sign("FC-Other", "otherRequest"),
        "policies/SC-Late.xml": serviceCallout("SC-Late", "https://dynamodb.eu-west-1.amazonaws.com/", "rightRequest"),
        "policies/SC-Wrong.xml": serviceCallout("SC-Wrong", "https://dynamodb.eu-west-1.amazonaws.com/", "wrongRequest"),
        "policies/SC-Right.xml": serviceCallout("SC-Right", "https://dynamodb.eu-west-1.amazonaws.com/", "rightRequest")
      },
      "sharedflowbundle"
    );
    expect(run(dir, "AA008")).toEqual(["policies/SC-Late.xml:5", "policies/SC-Wrong.xml:5"]);
  });

  it("sees a target.url an AssignMessage points at AWS, and accepts a SigV4 script as signing", () => {
    const setUrl = `<AssignMessage name="AM-Url">\n<AssignVariable><Name>target.url</Name><Template>https://{bucket}.s3.amazonaws.com/{key}</Template></AssignVariable>\n</AssignMessage>`;
    const unsigned = bundle({ "proxies/default.xml": proxy([]), "targets/t.xml": target("https://placeholder.example.com", ["AM-Url"]), "policies/AM-Url.xml": setUrl });
    expect(run(unsigned, "AA008")).toEqual(["policies/AM-Url.xml:2"]);
    fs.writeFileSync(path.join(unsigned, "proxies/default.xml"), proxy(["JS-Sign"]));
    fs.writeFileSync(path.join(unsigned, "policies/JS-Sign.xml"), `<Javascript name="JS-Sign" timeLimit="100"><ResourceURL>jsc://signer.js</ResourceURL></Javascript>`);
    fs.mkdirSync(path.join(unsigned, "resources/jsc"), { recursive: true });
    fs.writeFileSync(path.join(unsigned, "resources/jsc/signer.js"), 'var algorithm = "AWS4-HMAC-SHA256";\n');
    expect(run(unsigned, "AA008")).toEqual([]);
  });
});

describe("AA009 TLS", () => {
  it("reports ignored validation errors and an http target.url, and leaves non-AWS targets alone", () => {
    const ssl = "<SSLInfo><Enabled>true</Enabled><Enforce>true</Enforce><IgnoreValidationErrors>true</IgnoreValidationErrors></SSLInfo>";
    const dir = bundle({
      "proxies/default.xml": proxy([]),
      "targets/t.xml": target("https://ssm.eu-west-1.amazonaws.com/", ["AM-Url", "FC-SigV4"], ssl),
      "targets/other.xml": target("http://backend.example.com/", [], "").replace('name="t"', 'name="other"'),
      "policies/AM-Url.xml": `<AssignMessage name="AM-Url">\n<AssignVariable><Name>target.url</Name><Value>http://ssm.eu-west-1.amazonaws.com/</Value></AssignVariable>\n</AssignMessage>`,
      "policies/FC-SigV4.xml": sign()
    });
    expect(run(dir, "AA009")).toEqual(["policies/AM-Url.xml:2", "targets/t.xml:7"]);
  });
});

describe("AA010 signing debug", () => {
  it("finds the switch in AssignMessage, JavaScript properties and scripts", () => {
    const dir = bundle({
      "policies/AM-Debug.xml": `<AssignMessage name="AM-Debug">\n<AssignVariable><Name>aws.sigv4.debug</Name><Value>TRUE</Value></AssignVariable>\n</AssignMessage>`,
      "policies/JS-Debug.xml": `<Javascript name="JS-Debug" timeLimit="10">\n<Properties><Property name="aws.sigv4.debug">true</Property></Properties>\n<ResourceURL>jsc://debug.js</ResourceURL>\n</Javascript>`,
      "resources/jsc/debug.js": '// diagnostics\ncontext.setVariable("aws.sigv4.debug", true);\ncontext.setVariable("aws.sigv4.debug", "false");\n'
    });
    expect(run(dir, "AA010")).toEqual(["policies/AM-Debug.xml:2", "policies/JS-Debug.xml:2", "resources/jsc/debug.js:2"]);
  });
});

describe("AA011 and AA012 guards in front of S3", () => {
  const s3 = "https://files.s3.eu-west-1.amazonaws.com";

  it("accepts verb conditions on the route rules, or verb flows with a catch-all fault", () => {
    const routed = bundle({
      "proxies/default.xml": proxy([], "", '<RouteRule name="r"><TargetEndpoint>t</TargetEndpoint><Condition>request.verb = "GET"</Condition></RouteRule>\n<RouteRule name="none"/>'),
      "targets/t.xml": target(s3)
    });
    expect(run(routed, "AA011")).toEqual([]);
    const flows = `<Flows>\n<Flow name="get"><Condition>request.verb = "GET"</Condition></Flow>\n<Flow name="other"><Request>${steps(["RF-NotFound"])}</Request></Flow>\n</Flows>`;
    const catchAll = bundle({ "proxies/default.xml": proxy([], flows), "targets/t.xml": target(s3), "policies/RF-NotFound.xml": raiseFault("RF-NotFound") });
    expect(run(catchAll, "AA011")).toEqual([]);
  });

  it("does not take a verb condition on another policy for a guard", () => {
    const dir = bundle({ "proxies/default.xml": proxy([["AM-Note", 'request.verb = "GET"']]), "targets/t.xml": target(s3), "policies/AM-Note.xml": `<AssignMessage name="AM-Note"/>` });
    expect(run(dir, "AA011")).toEqual(["targets/t.xml:7"]);
  });

  it("accepts a RegularExpressionProtection pattern or a script that rejects '..' as key validation", () => {
    const rep = bundle({
      "proxies/default.xml": proxy(["RE-Path"]),
      "targets/t.xml": target(s3),
      "policies/RE-Path.xml": `<RegularExpressionProtection name="RE-Path"><URIPath><Pattern>.*\\.\\..*</Pattern></URIPath></RegularExpressionProtection>`
    });
    expect(run(rep, "AA012")).toEqual([]);
    const script = bundle({
      "proxies/default.xml": proxy(["JS-Key"]),
      "targets/t.xml": target(s3),
      "policies/JS-Key.xml": `<Javascript name="JS-Key" timeLimit="10"><ResourceURL>jsc://key.js</ResourceURL></Javascript>`,
      "resources/jsc/key.js": 'if (key.split("/").indexOf("..") >= 0) throw new Error("bad key");\n'
    });
    expect(run(script, "AA012")).toEqual([]);
    fs.writeFileSync(path.join(script, "resources/jsc/key.js"), "var key = context.getVariable('proxy.pathsuffix');\n");
    expect(run(script, "AA012")).toEqual(["targets/t.xml:7"]);
  });

  it("ignores targets that are not S3 object endpoints", () => {
    const dir = bundle({ "proxies/default.xml": proxy([]), "targets/t.xml": target("https://a1b2c3.execute-api.eu-west-1.amazonaws.com/prod") });
    expect([...run(dir, "AA011"), ...run(dir, "AA012")]).toEqual([]);
  });
});

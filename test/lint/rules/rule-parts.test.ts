// The pure parts of the project's lint rules: patterns, name classification,
// static resolution of JavaScript flow writes, AWS host classification.

import { findCredentials } from "../../../src/lint/rules/aa001-no-static-aws-credentials";
import { destinationOf, isSecretName, isSecretPath, templateVariables } from "../../../src/lint/rules/model/secret-names";
import { flowWrites } from "../../../src/lint/rules/model/js-flow-writes";
import { awsEndpointKind, awsKindOfUrl, parseUrlTemplate } from "../../../src/lint/rules/model/aws-endpoints";
import { timeLimitProblem } from "../../../src/lint/rules/aa003-javascript-policy-hygiene";
import { durationProblem } from "../../../src/lint/rules/aa006-credential-duration-bounds";
import { sslInfoProblem } from "../../../src/lint/rules/aa009-aws-endpoints-tls";
import { scriptProblems as rhinoProblems } from "../../../src/lint/rules/aa004-rhino-compatible-javascript";
import { positionAt } from "../../../src/lint/rules/model/text-position";
import { parseXml } from "../../../src/bundle/xml";

// Built at run time so no credential-shaped literal sits in the repository.
const KEY_ID = "AKIA" + "Q7WZ3R5T2Y4U6I8O";
const TEMP_KEY_ID = "ASIA" + "Q7WZ3R5T2Y4U6I8O";
const SECRET = "h3Jk9Lm2Qp7Rs5Tv8Wx1" + "Yz4Ab6Cd0EfGh/IjKl+M";

describe("AA001 credential patterns", () => {
  it("finds access key IDs, long-term and temporary, at their offsets", () => {
    const text = `a=${KEY_ID}\nb = "${TEMP_KEY_ID}"`;
    const found = findCredentials(text);
    expect(found.map((m) => [m.kind, m.value, positionAt(text, m.offset)])).toEqual([
      ["access-key-id", KEY_ID, { line: 1, column: 3 }],
      ["access-key-id", TEMP_KEY_ID, { line: 2, column: 6 }]
    ]);
  });

  it("does not take an ID out of a longer word", () => {
    expect(findCredentials(`X${KEY_ID}`)).toEqual([]);
    expect(findCredentials(`${KEY_ID}Z`)).toEqual([]);
  });

  it("finds a 40-character secret next to a secret-named key in properties, JSON, JavaScript and XML", () => {
    for (const text of [
      `aws_secret_access_key = ${SECRET}`,
      `{"SecretAccessKey": "${SECRET}"}`,
      `var secretAccessKey = '${SECRET}';`,
      `<Property name="aws.secret">${SECRET}</Property>`,
      `<Name>private.aws.secret</Name>\n    <Value>${SECRET}</Value>`
    ]) {
      expect(findCredentials(text).map((m) => [m.kind, m.value])).toEqual([["secret-access-key", SECRET]]);
    }
  });

  it("leaves hashes, unnamed values and longer runs alone", () => {
    const sha1 = "3f786850e387550fdab836ed7e6dc881de23001b";
    expect(sha1).toHaveLength(40);
    expect(findCredentials(`secret_sha1 = ${sha1}`)).toEqual([]);
    expect(findCredentials(`checksum = ${SECRET}`)).toEqual([]);
    expect(findCredentials(`secret = ${SECRET}Q`)).toEqual([]);
  });

  it("finds a long session token next to its name", () => {
    const token = "IQoJb3JpZ2luX2VjEB" + "aXVzLWVhc3QtMSJHMEUCIQ".repeat(6) + "Ab9+/x==";
    expect(findCredentials(`aws_session_token=${token}`).map((m) => m.kind)).toEqual(["session-token"]);
  });
});

describe("AA002 names, destinations and paths", () => {
  it.each([
    ["private.aws.credentials.secretAccessKey", true],
    ["relay.idToken", true],
    ["x-amz-security-token", true],
    ["request.header.authorization", true],
    ["awsCredentials", true],
    ["db.password", true],
    ["s3.continuationToken", false],
    ["aws.credentials.callerTokenVariable", false],
    ["aws.credentials.idTokenRequestBody", false],
    ["aws.credentials.expiration", false],
    ["s3.key", false]
  ])("isSecretName(%s) is %s", (name, expected) => {
    expect(isSecretName(name)).toBe(expected);
  });

  it.each([
    ["private.x", "private"],
    ["request.header.x-amz-security-token", "outgoing-message"],
    ["awsSsmRequest.header.x-api-key", "outgoing-message"],
    ["ordersRequest.content", "outgoing-message"],
    ["target.url", "outgoing-message"],
    ["response.header.x-token", "response"],
    ["response.content", "response"],
    ["relay.idToken", "flow-variable"]
  ])("destinationOf(%s) is %s", (name, expected) => {
    expect(destinationOf(name)).toBe(expected);
  });

  it("reads the variables of message templates, inside function calls too", () => {
    expect(templateVariables("AWS4{private.aws.credentials.secretAccessKey}")).toEqual(["private.aws.credentials.secretAccessKey"]);
    expect(templateVariables("{hmacSha256(private.k,aws.sigv4.dateStamp,'utf8','hex')}")).toEqual(["private.k", "aws.sigv4.dateStamp"]);
    expect(templateVariables("https://x/{proxy.pathsuffix}?{request.querystring}")).toEqual(["proxy.pathsuffix", "request.querystring"]);
  });

  it.each([
    ["$.AssumeRoleWithWebIdentityResponse.AssumeRoleWithWebIdentityResult.Credentials.SessionToken", true],
    ["/AssumeRoleWithWebIdentityResponse/AssumeRoleWithWebIdentityResult/Credentials/SecretAccessKey/text()", true],
    ["$.token", true],
    ["$.id_token", true],
    ["$.Parameter.Value", true],
    ["$.Parameters[0].Value", true],
    ["$.Credentials.Expiration", false],
    ["$.Contents[0].Key", false]
  ])("isSecretPath(%s) is %s", (expression, expected) => {
    expect(isSecretPath(expression)).toBe(expected);
  });
});

describe("static resolution of setVariable names", () => {
  const names = (code: string) => flowWrites(code).map((w) => w.name);

  it("resolves literals, concatenations and object-literal constants", () => {
    const code = [
      'var N = {secret: "private.a.secret", plain: "a.plain"};',
      'var prefix = "request.header.";',
      "context.setVariable(N.secret, 1);",
      "context.setVariable(N.plain, 2);",
      'context.setVariable(prefix + name, 3);',
      'context.setVariable("x." + "y", 4);'
    ].join("\n");
    expect(names(code)).toEqual([{ exact: "private.a.secret" }, { exact: "a.plain" }, { prefix: "request.header." }, { exact: "x.y" }]);
  });

  it("respects scopes: a parameter that shadows a top-level constant is unknown", () => {
    const code = 'var t = {a: "private.a"};\nfunction f(t) { context.setVariable(t.a, 1); }\ncontext.setVariable(t.a, 2);';
    expect(names(code)).toEqual([null, { exact: "private.a" }]);
  });

  it("gives up on reassigned bindings and mutated objects", () => {
    expect(names('var n = "a.b"; n = other; context.setVariable(n, 1);')).toEqual([null]);
    expect(names('var o = {k: "a.b"}; o.k = other; context.setVariable(o.k, 1);')).toEqual([null]);
  });

  it("follows where a value comes from, through a local", () => {
    const [write] = flowWrites('var tok = context.getVariable("private.t");\ncontext.setVariable("relay.t", String(tok));');
    expect(write.value).toEqual({ literal: null, variable: "private.t", field: null });
    expect(write.line).toBe(2);
    expect(write.column).toBe(1);
  });

  it("returns nothing for text that is not JavaScript", () => {
    expect(flowWrites("this is { not code")).toEqual([]);
  });
});

describe("AWS endpoints", () => {
  it("parses URL templates, treating {variables} in the host as labels", () => {
    expect(parseUrlTemplate("https://ssm.{aws.ssm.resolvedRegion}.amazonaws.com/")).toEqual({ scheme: "https", host: "ssm.{}.amazonaws.com", rest: "/" });
    expect(parseUrlTemplate("http://user@Bucket.s3.amazonaws.com:8443/a?b")).toEqual({ scheme: "http", host: "bucket.s3.amazonaws.com", rest: ":8443/a?b" });
    expect(parseUrlTemplate("{target.url}")).toBeNull();
  });

  it.each([
    ["my-artifacts.s3.us-east-1.amazonaws.com", "s3"],
    ["s3.amazonaws.com", "s3"],
    ["my.dotted.bucket.s3-eu-west-1.amazonaws.com", "s3"],
    ["{}.s3.dualstack.eu-west-1.amazonaws.com", "s3"],
    ["ap-123456789012.s3-accesspoint.us-west-2.amazonaws.com", "s3"],
    ["bucket.s3-website-us-east-1.amazonaws.com", "s3-website"],
    ["123456789012.s3-control.us-east-1.amazonaws.com", "aws"],
    ["sts.amazonaws.com", "sts"],
    ["sts.cn-north-1.amazonaws.com.cn", "sts"],
    ["ssm.{}.amazonaws.com", "aws"],
    ["a1b2c3d4e5.execute-api.eu-central-1.amazonaws.com", "aws"],
    ["{}.amazonaws.com", null],
    ["iamcredentials.googleapis.com", null],
    ["abc.lambda-url.us-east-1.on.aws", null],
    ["notamazonaws.com", null]
  ])("awsEndpointKind(%s) is %s", (host, expected) => {
    expect(awsEndpointKind(host)).toBe(expected);
  });

  it("classifies whole URLs", () => {
    expect(awsKindOfUrl("https://{bucket}.s3.amazonaws.com/{key}")).toBe("s3");
    expect(awsKindOfUrl("https://{host}/x")).toBeNull();
  });
});

describe("value checks", () => {
  it.each([
    [null, "has no timeLimit"],
    ["abc", 'has timeLimit="abc", which is not whole milliseconds'],
    ["0", 'has timeLimit="0", outside 1..60000 ms'],
    ["60001", 'has timeLimit="60001", outside 1..60000 ms'],
    ["1", null],
    ["60000", null]
  ])("timeLimit %s: %s", (value, problem) => {
    expect(timeLimitProblem(value)).toBe(problem);
  });

  it.each([
    ["899", "899 is outside 900..43200"],
    ["43201", "43201 is outside 900..43200"],
    ["1h", '"1h" is not whole seconds'],
    ["900", null],
    ["43200", null]
  ])("durationSeconds %s: %s", (value, problem) => {
    expect(durationProblem(value)).toBe(problem);
  });

  it("asks SSLInfo for Enabled and Enforce true and no ignored validation errors", () => {
    const ssl = (inner: string) => parseXml(`<SSLInfo>${inner}</SSLInfo>`).root ?? null;
    expect(sslInfoProblem(null)).toBe("has no <SSLInfo>");
    expect(sslInfoProblem(ssl("<Enabled>true</Enabled>"))).toBe("has <SSLInfo> without <Enforce>true</Enforce>");
    expect(sslInfoProblem(ssl("<Enabled>false</Enabled><Enforce>true</Enforce>"))).toBe("has <SSLInfo> without <Enabled>true</Enabled>");
    expect(sslInfoProblem(ssl("<Enabled>true</Enabled><Enforce>true</Enforce><IgnoreValidationErrors>true</IgnoreValidationErrors>"))).toMatch(/IgnoreValidationErrors/);
    expect(sslInfoProblem(ssl("<Enabled>true</Enabled><Enforce>TRUE</Enforce>"))).toBeNull();
  });
});

describe("AA004 Rhino problems", () => {
  it("reports every post-ES5 construct and missing built-in of a modern script at its position", () => {
    const code = "const a = 1;\nvar f = (x) => `${x}`;\nfor (const v of [1]) {}\nvar p = new Promise(function () {});\nvar o = {a};";
    const found = rhinoProblems(code).map((p) => `${p.line}:${p.column} ${p.message.split(" ")[0]}`);
    expect(found).toEqual(["1:1 `const`", "2:9 an", "2:16 a", "3:1 for...of", "3:6 `const`", "4:13 `Promise`", "5:10 a"]);
  });

  it("uses the build's ES5 check for ES5 scripts (missing statics, RegExp flags)", () => {
    const found = rhinoProblems('var a = Array.from([1]);\nvar r = new RegExp("x", "y");\nvar ok = [1].map(function (v) { return v; });');
    expect(found.map((p) => [p.line, p.message])).toEqual([
      [1, "`Array.from` does not exist in Apigee's Rhino (it is not ES5)"],
      [2, "regular-expression flag `y` is not supported by Rhino; use only gim"]
    ]);
  });

  it("accepts plain ES5 and reports a syntax error that is not JavaScript at all once", () => {
    expect(rhinoProblems('var x = {"a": 1}; context.setVariable("a", x.a);')).toEqual([]);
    expect(rhinoProblems("var = ;")).toHaveLength(1);
  });
});

describe("AA004 feature detection", () => {
  it("does not report a built-in under typeof, in ES5 and modern scripts, but does report its use", () => {
    const es5 = 'var hasSymbol = typeof Symbol === "function";\nvar assign = typeof Object.assign === "function" ? Object.assign : null;\nvar copy = Object.assign({}, {});';
    expect(rhinoProblems(es5).map((p) => [p.line, p.column])).toEqual([[3, 12]]);
    expect(rhinoProblems("const s = typeof Symbol;").map((p) => p.message.split(" ")[0])).toEqual(["`const`"]);
  });

  it("does not report what a UMD wrapper uses only behind a typeof test", () => {
    const umd = [
      "(function (root, factory) {",
      '  if (typeof module === "object" && module.exports) { module.exports = factory(); }',
      '  else { root.lib = typeof Promise !== "undefined" ? Promise.resolve(factory()) : factory(); }',
      "})(this, function () { return {}; });",
      "var p = new Promise(function () {});"
    ].join("\n");
    expect(rhinoProblems(umd).map((p) => [p.line, p.message.split(" ")[0]])).toEqual([[5, "`Promise`"]]);
  });
});

describe("AA004 hints", () => {
  it("gives hints that make sense outside this project's sources, in both paths", () => {
    const es5 = rhinoProblems("var e = new TextEncoder();").map((p) => p.message);
    const modern = rhinoProblems("let u = new URL(x);").map((p) => p.message);
    expect(es5).toEqual(["`TextEncoder` does not exist in Apigee's Rhino: encode UTF-8 with unescape(encodeURIComponent(s)) and charCodeAt"]);
    expect(modern[1]).toBe("`URL` does not exist in Apigee's Rhino: split the URL with a regular expression");
    expect([...es5, ...modern].join("\n")).not.toMatch(/src\//);
  });
});

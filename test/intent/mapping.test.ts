// The mapping form: every field, and the defaults that fill what is left out.

import { DEFAULT_INLINE_TYPES } from "../../src/intent/inline-types";
import { parseIntent } from "../../src/intent/index";
import { HEADER, FIRST_LINE_AFTER_HEADER, onlyProblem, withProxies } from "./support";

test("a proxy with every field resolves each of them", () => {
  const text = withProxies(`  reports:
    target: s3://acme-reports/monthly/
    access: read-write
    delete: true
    basePath: /v1/reports
    auth:
      jwt:
        audience: reports-api
    identity: caller
    role: reports-{env}
    quota: 600/minute
    spikeArrest: 30ps
    cors:
      origins: [https://app.acme.example, "http://localhost:3000"]
    headers:
      X-Team: reporting
      X-Version: 2
      X-Api-Key: ssm:/apigee/reports/api-key
    inlineTypes: [text/plain, image/*, application/json]
    trust: {sub: [user-*, svc-42], azp: reports-web, amr: mfa}
`);
  const [proxy] = parseIntent(text, "r.yaml").proxies;
  expect(proxy).toEqual({
    name: "reports",
    target: { kind: "s3", bucket: "acme-reports", prefix: "monthly/" },
    access: "read-write",
    delete: true,
    basePath: "/v1/reports",
    auth: { kind: "jwt", jwt: { issuer: "https://auth.acme.example/", audience: "reports-api", jwksUri: "https://auth.acme.example/.well-known/jwks.json", maxLifespan: "24h" } },
    identity: "caller",
    roles: { test: "reports-test", prod: "reports-prod" },
    quota: { count: 600, interval: 1, unit: "minute" },
    spikeArrest: "30ps",
    cors: { origins: ["https://app.acme.example", "http://localhost:3000"] },
    headers: [
      { name: "X-Team", value: { kind: "literal", value: "reporting" } },
      { name: "X-Version", value: { kind: "literal", value: "2" } },
      { name: "X-Api-Key", value: { kind: "ssm", parameter: "/apigee/reports/api-key" } }
    ],
    inlineTypes: ["application/json", "image/*", "text/plain"],
    trust: { sub: ["user-*", "svc-42"], azp: ["reports-web"], amr: ["mfa"] },
    location: { file: "r.yaml", line: FIRST_LINE_AFTER_HEADER + 1, column: 3 }
  });
});

test.each([
  ["on a gateway-mode proxy", "    trust: {sub: user-1}\n", /^proxies\.a\.trust: trust pins claims of the caller's token, which only identity: caller exchanges at STS/],
  ["naming a claim IAM has no key for", "    identity: caller\n    trust: {email: a@b.c}\n", /^proxies\.a\.trust\.email: unknown key 'email'\..*Allowed here: sub, azp, amr/],
  ["with no claim", "    identity: caller\n    trust: {}\n", /^proxies\.a\.trust: trust names no claim; give one of sub, azp, amr/],
  ["with an empty list", "    identity: caller\n    trust: {sub: []}\n", /^proxies\.a\.trust\.sub: the list is empty/],
  ["with an empty value", "    identity: caller\n    trust: {azp: ''}\n", /^proxies\.a\.trust\.azp: an empty value matches nothing/],
  ["with a mapping for a value", "    identity: caller\n    trust: {sub: {a: b}}\n", /^proxies\.a\.trust\.sub: expected a claim value or a list of them, found a mapping/]
])("trust %s is refused at its place", (_case, lines, message) => {
  const p = onlyProblem(withProxies(`  a:\n    target: s3://acme-a/\n${lines}`));
  expect(`${p.path}: ${p.message}`).toMatch(message);
});

test("trust with Google as the issuer pins sub only: IAM has no azp or amr keys for it", () => {
  const text = withProxies("  a:\n    target: s3://acme-a/\n    identity: caller\n    auth: {jwt: {issuer: https://accounts.google.com, audience: x.apps.googleusercontent.com, jwksUri: https://www.googleapis.com/oauth2/v3/certs}}\n    trust: {amr: mfa}\n");
  expect(onlyProblem(text).message).toMatch(/for Google as the issuer IAM has no azp or amr condition keys/);
  expect(parseIntent(text.replace("trust: {amr: mfa}", "trust: {sub: '1234'}"), "x.yaml").proxies[0].trust).toEqual({ sub: ["1234"], azp: [], amr: [] });
});

test("a mapping with only a target takes every default", () => {
  const [proxy] = parseIntent(withProxies("  logs:\n    target: s3://acme-logs/\n"), "x.yaml").proxies;
  expect(proxy).toMatchObject({
    access: "read",
    delete: false,
    basePath: "/logs",
    identity: "gateway",
    roles: { test: "apigee-logs-test", prod: "apigee-logs-prod" },
    quota: null,
    spikeArrest: null,
    cors: null,
    headers: [],
    inlineTypes: DEFAULT_INLINE_TYPES
  });
  expect(proxy.auth.kind).toBe("jwt");
});

test("an https target is signed with its service and the region in its host", () => {
  const [proxy] = parseIntent(withProxies("  fn:\n    target: https://lambda.eu-west-1.amazonaws.com/2015-03-31/functions/f/invocations\n    sign: {service: lambda}\n"), "x.yaml").proxies;
  expect(proxy.target).toEqual({ kind: "aws", url: "https://lambda.eu-west-1.amazonaws.com/2015-03-31/functions/f/invocations", service: "lambda", region: "eu-west-1" });
});

test("an https target refuses access and delete: every method passes through, and the role decides", () => {
  for (const key of ["access: read", "delete: true"]) {
    const problem = onlyProblem(withProxies(`  fn:\n    target: https://lambda.eu-west-1.amazonaws.com\n    sign: {service: lambda}\n    ${key}\n`));
    const name = key.split(":")[0];
    expect(problem.path).toBe(`proxies.fn.${name}`);
    expect(problem.message).toContain(`'${name}' applies to s3:// targets; a signed https target passes every method through`);
    expect(problem.line).toBe(FIRST_LINE_AFTER_HEADER + 4); // proxies:, fn:, target, sign, then the key
  }
});

test("sign.region defaults to aws.region when the host names none, and can be set", () => {
  const [a, b] = parseIntent(
    withProxies("  a:\n    target: https://abc.lambda-url.on.aws\n    sign: {service: lambda}\n  b:\n    target: https://sts.amazonaws.com\n    sign: {service: sts, region: us-west-2}\n"),
    "x.yaml"
  ).proxies;
  expect(a.target).toMatchObject({ kind: "aws", region: "us-east-1" });
  expect(b.target).toMatchObject({ kind: "aws", service: "sts", region: "us-west-2" });
});

test("role as a per-environment map of names and role ARNs keeps the names", () => {
  const [proxy] = parseIntent(withProxies("  logs:\n    target: s3://acme-logs/\n    role:\n      test: logs-reader-test\n      prod: arn:aws:iam::123456789012:role/logs-reader-prod\n"), "x.yaml").proxies;
  expect(proxy.roles).toEqual({ test: "logs-reader-test", prod: "logs-reader-prod" });
});

test("a role without {env} is accepted when there is one environment", () => {
  const text = withProxies("  logs:\n    target: s3://acme-logs/\n    role: logs-reader\n").replace("environments: [test, prod]", "environments: [prod]");
  expect(parseIntent(text, "x.yaml").proxies[0].roles).toEqual({ prod: "logs-reader" });
});

test("without a top-level auth, proxies with their own jwt or an explicit public are accepted", () => {
  const text = `${HEADER.replace(/auth:\n(    .*\n|  .*\n)*/, "")}proxies:
  status:
    target: s3://acme-status/
    auth: {public: true}
  private:
    target: s3://acme-private/
    auth:
      jwt: {issuer: "https://id.acme.example", audience: private, jwksUri: "https://id.acme.example/keys"}
`;
  expect(text).not.toContain("auth:\n  jwt");
  const [status, priv] = parseIntent(text, "x.yaml").proxies;
  expect(status.auth).toEqual({ kind: "public" });
  expect(priv.auth).toEqual({ kind: "jwt", jwt: { issuer: "https://id.acme.example", audience: "private", jwksUri: "https://id.acme.example/keys", maxLifespan: "24h" } });
});

test("auth: {public: false} is the default, so the top-level jwt applies", () => {
  const [proxy] = parseIntent(withProxies("  logs:\n    target: s3://acme-logs/\n    auth: {public: false}\n"), "x.yaml").proxies;
  expect(proxy.auth.kind).toBe("jwt");
});

test("identity may be left out when every proxy uses caller mode", () => {
  const text = HEADER.replace(/identity:\n(  .*\n)*/, "") + "proxies:\n  logs:\n    target: s3://acme-logs/\n    identity: caller\n";
  const intent = parseIntent(text, "x.yaml");
  expect(intent.identity).toBeNull();
  expect(intent.proxies[0].identity).toBe("caller");
});

test("a wildcard base path and the root base path are accepted", () => {
  const proxies = parseIntent(withProxies("  a:\n    target: s3://acme-a/\n    basePath: /teams/*/files\n  b:\n    target: s3://acme-b/\n    basePath: /\n"), "x.yaml").proxies;
  expect(proxies.map((p) => p.basePath)).toEqual(["/teams/*/files", "/"]);
});

test("aliases are followed", () => {
  const text = withProxies("  a:\n    target: s3://acme-a/\n    cors: &web {origins: [https://app.acme.example]}\n  b:\n    target: s3://acme-b/\n    cors: *web\n");
  expect(parseIntent(text, "x.yaml").proxies[1].cors).toEqual({ origins: ["https://app.acme.example"] });
});

test("a proxy that is neither a string nor a mapping says which forms exist", () => {
  const p = onlyProblem(withProxies("  logs: [s3://acme-logs/]\n"));
  expect(p.path).toBe("proxies.logs");
  expect(p.message).toMatch(/'<target> <access>'.*mapping with target/);
});

test("inlineTypes: scriptable types and malformed ones are refused at their place, and only s3:// targets take it", () => {
  const problems = (list: string, target = "s3://acme-reports/") => {
    try {
      parseIntent(withProxies(`  reports:\n    target: ${target}\n    inlineTypes: ${list}\n`), "r.yaml");
      return [];
    } catch (e) {
      return (e as Error).message.split("\n");
    }
  };
  expect(problems("[text/html, image/svg+xml, '*/*', Text/Plain, text/plain, text/plain]")).toEqual([
    expect.stringMatching(/r\.yaml:\d+:\d+: proxies\.reports\.inlineTypes\[0\]: 'text\/html' can carry script a browser would run as a page of the API's origin/),
    expect.stringMatching(/inlineTypes\[1\]: 'image\/svg\+xml' can carry script/),
    expect.stringMatching(/inlineTypes\[2\]: '\*\/\*' is not a media type/),
    expect.stringMatching(/inlineTypes\[3\]: 'Text\/Plain' is not a media type such as text\/plain or image\/\*, in lowercase/),
    expect.stringMatching(/inlineTypes\[5\]: 'text\/plain' is listed twice/)
  ]);
  expect(problems("[text/plain]", "https://lambda.eu-west-1.amazonaws.com\n    sign: {service: lambda}")).toEqual([expect.stringMatching(/proxies\.reports\.inlineTypes: 'inlineTypes' applies to s3:\/\/ targets/)]);
});

test("maxLifespan: a proxy may shorten it; the default is a day; nonsense, under a minute and over 30 days are refused at the value", () => {
  const text = (value: string) => withProxies(`  a:\n    target: s3://acme-a/\n    auth: {jwt: {audience: acme-apis, maxLifespan: ${value}}}\n`);
  expect(parseIntent(text("1h"), "x.yaml").proxies[0].auth).toMatchObject({ jwt: { maxLifespan: "1h" } });
  expect(parseIntent(withProxies("  a: s3://acme-a/\n"), "x.yaml").proxies[0].auth).toMatchObject({ jwt: { maxLifespan: "24h" } });
  for (const [value, message] of [
    ["1 hour", /expected a duration: a whole number followed by s, m, h or d/],
    ["30s", /shorter than a minute/],
    ["31d", /over 30 days: a leaked token would open the API for that long/]
  ] as const) {
    const p = onlyProblem(text(value));
    expect([p.path, p.message]).toEqual(["proxies.a.auth.jwt.maxLifespan", expect.stringMatching(message)]);
  }
});

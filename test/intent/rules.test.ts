// Semantic rules through parseIntent: the problem lands on the right field
// with a message that says what to do. (The naming rules themselves are
// covered one by one in names.test.ts.)

import { parseIntent } from "../../src/intent/index";
import { HEADER, FIRST_LINE_AFTER_HEADER, onlyProblem, problemsOf, withProxies } from "./support";

const logs = (extra: string) => withProxies(`  logs:\n    target: s3://acme-logs/\n${extra}`);

describe("roles", () => {
  test("a role without {env} shared by several environments is refused", () => {
    const p = onlyProblem(logs("    role: logs-reader\n"));
    expect(p).toMatchObject({ path: "proxies.logs.role", line: FIRST_LINE_AFTER_HEADER + 3, column: 11 });
    expect(p.message).toMatch(/shared by environments test, prod.*'logs-reader-\{env\}'.*\{test: NAME, prod: NAME\}/);
  });

  test("placeholders other than {env} are refused", () => {
    expect(onlyProblem(logs("    role: logs-{environment}\n")).message).toMatch(/unknown placeholder '\{environment\}'/);
  });

  test("a role map must name every environment, and only those", () => {
    const problems = problemsOf(logs("    role:\n      tset: a\n"));
    expect(problems.map((p) => p.path)).toEqual(["proxies.logs.role.tset", "proxies.logs.role.prod"]);
    expect(problems[0].message).toMatch(/unknown key 'tset'. Did you mean 'test'\? Allowed here: test, prod/);
    expect(problems[1].message).toMatch(/missing 'prod'/);
  });

  test("role names follow IAM's rules, after {env} is replaced", () => {
    expect(onlyProblem(logs("    role: logs reader {env}\n")).message).toMatch(/role name 'logs reader test' contains ' '/);
    expect(onlyProblem(logs(`    role: ${"r".repeat(60)}-{env}\n`)).message).toMatch(/65 characters/);
  });

  test("a default role name that would be too long asks for a shorter name or a role", () => {
    // apigee- (7) + name + -test (5): 52 characters fit IAM's 64, 53 do not.
    expect(() => parseIntent(withProxies(`  ${"p".repeat(52)}: s3://acme-logs/\n`), "x.yaml")).not.toThrow();
    const name = "p".repeat(53);
    const p = onlyProblem(withProxies(`  ${name}: s3://acme-logs/\n`));
    expect(p.path).toBe(`proxies.${name}.role`);
    expect(p.message).toBe(`the default role name 'apigee-${name}-test' has 65 characters; IAM role names are 1 to 64 characters: shorten the proxy name, or set 'role' (e.g. role: ${"p".repeat(20)}-{env})`);
  });

  test("role ARNs must be in their environment's account and its partition", () => {
    expect(onlyProblem(logs("    role: {test: a, prod: 'arn:aws:iam::999999999999:role/b'}\n")).message).toMatch(
      /in account 999999999999, but environment prod's AWS account is 123456789012; .*or place prod in account 999999999999 \(aws\.environments\.prod\.account\)/
    );
    expect(onlyProblem(logs("    role: {test: a, prod: 'arn:aws-cn:iam::123456789012:role/b'}\n")).message).toMatch(/partition 'aws-cn', but environment prod's region us-east-1 is in 'aws'/);
    expect(onlyProblem(logs("    role: {test: a, prod: 'arn:aws:iam::123456789012:role/team/b'}\n")).message).toMatch(/role paths are not supported/);
  });

  test("two proxies (or environments) cannot share a role, ignoring case", () => {
    const problems = problemsOf(withProxies("  a:\n    target: s3://acme-a/\n    role: shared-{env}\n  b:\n    target: s3://acme-b/\n    role: {test: Shared-Test, prod: b-prod}\n  c:\n    target: s3://acme-c/\n    role: {test: c-1, prod: c-1}\n"));
    expect(problems.map((p) => p.path)).toEqual(["proxies.b.role", "proxies.c.role"]);
    expect(problems[0].message).toMatch(/role 'Shared-Test' for test is also the role of proxy 'a' in test/);
    expect(problems[1].message).toMatch(/role 'c-1' for prod is also the role of environment test/);
  });
});

describe("identity and auth", () => {
  test("identity: caller needs jwt auth", () => {
    const p = onlyProblem(logs("    identity: caller\n    auth: {public: true}\n"));
    expect(p.path).toBe("proxies.logs.identity");
    expect(p.message).toMatch(/caller's JWT.*needs jwt auth/);
  });

  test("gateway mode needs the top-level identity", () => {
    const text = HEADER.replace(/identity:\n(  .*\n)*/, "") + "proxies:\n  a: s3://acme-a/\n  b:\n    target: s3://acme-b/\n    identity: caller\n";
    const p = onlyProblem(text);
    expect(p).toMatchObject({ path: "identity", line: 1, column: 1 });
    expect(p.message).toMatch(/^missing 'identity': proxy a uses identity: gateway \(the default\).*or set identity: caller on it$/);
    expect(p.message).toContain("Add 'identity: {project: GOOGLE_PROJECT}'");
  });

  test("a misspelt identity mode gets a suggestion", () => {
    expect(onlyProblem(logs("    identity: gatway\n")).message).toMatch(/unknown identity mode 'gatway'. Did you mean 'gateway'\?/);
  });

  test("public and jwt together are refused", () => {
    expect(onlyProblem(logs("    auth: {public: true, jwt: {audience: x}}\n")).message).toMatch(/both public and require a JWT/);
  });

  test("a proxy that sets its own issuer must set its jwksUri", () => {
    const p = onlyProblem(logs("    auth:\n      jwt: {issuer: 'https://other.example/'}\n"));
    expect(p.path).toBe("proxies.logs.auth.jwt.jwksUri");
    expect(p.message).toMatch(/sets its own issuer must set its own jwksUri/);
  });

  test("without a top-level jwt, a proxy's jwt needs all three fields", () => {
    const text = HEADER.replace(/auth:\n(  .*\n)*/, "") + "proxies:\n  logs:\n    target: s3://acme-logs/\n    auth: {jwt: {audience: x}}\n";
    expect(problemsOf(text).map((p) => p.path)).toEqual(["proxies.logs.auth.jwt.issuer", "proxies.logs.auth.jwt.jwksUri"]);
  });

  test("booleans are YAML 1.2 booleans: yes is a string", () => {
    expect(onlyProblem(logs("    auth: {public: yes}\n")).message).toMatch(/expected true or false.*found 'yes'.*YAML 1.2/);
    expect(onlyProblem(logs("    delete: 'true'\n")).message).toMatch(/expected true or false \(true allows DELETE\), found 'true'/);
  });
});

describe("targets", () => {
  test("sign is for https targets; https targets need sign; only AWS hosts", () => {
    expect(onlyProblem(logs("    sign: {service: s3}\n")).message).toMatch(/s3:\/\/ targets are signed for S3 automatically/);
    expect(onlyProblem(withProxies("  fn:\n    target: https://lambda.us-east-1.amazonaws.com\n")).message).toMatch(/needs 'sign: \{service: NAME\}'/);
    const p = onlyProblem(withProxies("  fn:\n    target: https://api.example.com/x\n    sign: {service: execute-api}\n"));
    expect(p.message).toMatch(/host 'api.example.com' is not an AWS endpoint/);
    expect(p.column).toBe("    target: https://".length + 1);
  });

  test("targets that are neither s3:// nor https say what is expected, with a hint", () => {
    expect(onlyProblem(withProxies("  a: arn:aws:s3:::acme-a/x/ read\n")).message).toMatch(/write s3:\/\/acme-a\/x\//);
    expect(onlyProblem(withProxies("  a: S3://acme-a/ read\n")).message).toMatch(/lowercase, 's3:\/\/'/);
    expect(onlyProblem(withProxies("  a:\n    target: http://s3.amazonaws.com\n    sign: {service: s3}\n")).message).toMatch(/https/);
  });

  test("sign needs a service, and checks the region", () => {
    const problems = problemsOf(withProxies("  fn:\n    target: https://lambda.us-east-1.amazonaws.com\n    sign: {servce: lambda, region: us-east}\n"));
    expect(problems.map((p) => [p.path, p.message.slice(0, 40)])).toEqual([
      ["proxies.fn.sign.servce", "unknown key 'servce'. Did you mean 'serv"],
      ["proxies.fn.sign.region", "expected an AWS region code such as us-e"]
    ]);
  });

  test("access values", () => {
    expect(onlyProblem(logs("    access: readwrite\n")).message).toMatch(/unknown access 'readwrite'. Did you mean 'read-write'\?.*DELETE only with delete: true/);
  });
});

describe("proxies and environments", () => {
  test("proxy names differing only in case collide", () => {
    const problems = problemsOf(withProxies("  Logs: s3://acme-a/\n  logs: s3://acme-b/\n"));
    expect(problems[0]).toMatchObject({ path: "proxies.logs", line: FIRST_LINE_AFTER_HEADER + 2 });
    expect(problems[0].message).toMatch(/differs from proxy 'Logs' \(line \d+\) only in case/);
  });

  test("environment names and duplicates", () => {
    const problems = problemsOf(HEADER.replace("[test, prod]", "[test, Prod, test, 7]") + "proxies:\n  a: s3://acme-a/\n");
    expect(problems.map((p) => p.path)).toEqual(["environments[1]", "environments[2]", "environments[3]"]);
    expect(problems[1].message).toMatch(/listed twice/);
  });

  test("empty environments and empty proxies are refused", () => {
    expect(onlyProblem(HEADER.replace("[test, prod]", "[]") + "proxies:\n  a: s3://acme-a/\n").message).toMatch(/list is empty/);
    expect(onlyProblem(HEADER + "proxies: {}\n").message).toMatch(/no proxies/);
  });
});

describe("cors and headers", () => {
  test("cors: true is refused with the form to use", () => {
    const p = onlyProblem(logs("    cors: true\n"));
    expect(p.path).toBe("proxies.logs.cors");
    expect(p.message).toMatch(/not true\/false: write cors: \{origins: \[https:\/\/app.example.com\]\}/);
  });

  test("origins: bad ones, duplicates, '*' with others, empty list", () => {
    expect(problemsOf(logs("    cors: {origins: ['https://a.example/', 'https://b.example', 'https://b.example']}\n")).map((p) => p.path)).toEqual([
      "proxies.logs.cors.origins[0]",
      "proxies.logs.cors.origins[2]"
    ]);
    expect(onlyProblem(logs("    cors: {origins: ['*', 'https://b.example']}\n")).message).toMatch(/'\*' allows every origin/);
    expect(onlyProblem(logs("    cors: {origins: []}\n")).message).toMatch(/origins list is empty/);
  });

  test("header names are case-insensitive: two spellings of one header are refused", () => {
    const p = onlyProblem(logs("    headers:\n      X-Key: a\n      x-key: b\n"));
    expect(p).toMatchObject({ path: "proxies.logs.headers.x-key", line: FIRST_LINE_AFTER_HEADER + 5 });
  });

  test("an ssm: value points at the parameter name", () => {
    const line = "      X-Key: ssm:/bad//name";
    const p = onlyProblem(logs(`    headers:\n${line}\n`));
    expect(p.column).toBe(line.indexOf("/bad") + 1);
    expect(p.message).toMatch(/'\/\/'/);
  });

  test("a header with no value is refused", () => {
    expect(onlyProblem(logs("    headers:\n      X-Key:\n")).message).toMatch(/expected a header value.*found nothing/);
  });
});

test("prefix rules reach the field through the target", () => {
  const p = onlyProblem(withProxies("  a: s3://acme-a/logs*/ read\n"));
  expect(p.message).toMatch(/IAM wildcard/);
  expect(p.column).toBe("  a: s3://acme-a/".length + 1);
});

test("a valid intent parses without problems", () => {
  expect(() => parseIntent(logs("    quota: 5/minute\n"), "x.yaml")).not.toThrow();
});

test("an unquoted {env} at the start of a role asks for quotes", () => {
  expect(onlyProblem(logs("    role: {env}\n")).message).toMatch(/quote the role, e.g. role: '\{env\}-reader'/);
  expect(onlyProblem(logs("    role: {env}-reader\n")).message).toMatch(/^YAML syntax: unexpected scalar at node end; .*must be quoted/);
  expect(parseIntent(logs("    role: '{env}-logs'\n"), "x.yaml").proxies[0].roles).toEqual({ test: "test-logs", prod: "prod-logs" });
});

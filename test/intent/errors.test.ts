// How problems are reported: all of them in one run, each with file, line,
// column and field path; did-you-mean; the secure-by-default refusal; YAML
// syntax errors; duplicate keys and base paths; unreadable files.

import * as path from "node:path";
import { IntentError, loadIntentFile, parseIntent } from "../../src/intent/index";
import { UserError } from "../../src/common/user-error";
import { HEADER, FIRST_LINE_AFTER_HEADER, onlyProblem, problemsOf, withProxies } from "./support";

const FIXTURES = path.join(__dirname, "../fixtures/intents");

test("every problem in a file is reported at once, in file order, at its line and column", () => {
  const file = path.join(FIXTURES, "invalid/many-problems.yaml");
  let error: unknown;
  try {
    loadIntentFile(file);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(IntentError);
  const problems = (error as IntentError).problems;
  expect(problems.map((p) => [p.line, p.column, p.path])).toEqual([
    [3, 12, "aws.account"],
    [4, 11, "aws.region"],
    [7, 19, "identity.serviceAccount"],
    [8, 13, "identity.uniqueId"],
    [11, 13, "auth.jwt.issuer"],
    [14, 1, "enviroments"],
    [17, 18, "proxies.reports.target"],
    [17, 31, "proxies.reports.target"],
    [18, 5, "proxies.reports.acess"],
    [19, 12, "proxies.reports.quota"],
    [20, 18, "proxies.reports.spikeArrest"],
    [22, 22, "proxies.reports.headers.X-Api-Key"],
    [23, 3, 'proxies["bad name"]'],
    [26, 15, "proxies.copy.basePath"]
  ]);
  expect(problems.every((p) => p.file === file)).toBe(true);
  const lines = (error as IntentError).message.split("\n");
  expect(lines).toHaveLength(problems.length);
  expect(lines[0]).toBe(`${file}:3:12: aws.account: expected a 12-digit AWS account ID such as 123456789012, found '12345' (quote it if it starts with 0)`);
  expect(lines[9]).toBe(`${file}:19:12: proxies.reports.quota: unknown quota unit 'minutes'. Did you mean 'minute'? Expected COUNT/UNIT such as 600/minute (UNIT: minute, hour, day, month)`);
});

test("IntentError is a UserError, so the CLI prints it without a stack trace", () => {
  expect(() => parseIntent("", "empty.yaml")).toThrow(UserError);
});

test("did you mean: misspelt keys get the closest allowed key at that place", () => {
  const problems = problemsOf(HEADER.replace("environments:", "enviroments:") + "proxies:\n  logs:\n    target: s3://acme-logs/\n    acess: read\n    basepath: /x\n    tagret: y\n");
  const messages = Object.fromEntries(problems.map((p) => [p.path, p.message]));
  expect(messages["enviroments"]).toMatch(/^unknown key 'enviroments'. Did you mean 'environments'\?/);
  expect(messages["proxies.logs.acess"]).toMatch(/^unknown key 'acess'. Did you mean 'access'\?/);
  expect(messages["proxies.logs.basepath"]).toMatch(/Did you mean 'basePath'\?/);
  expect(messages["proxies.logs.tagret"]).toMatch(/Did you mean 'target'\?/);
  // The misspelling explains the missing key: no second problem for it.
  expect(problems.map((p) => p.path)).not.toContain("environments");
  expect(problems).toHaveLength(4);
});

test("did you mean is not offered for keys far from every allowed key", () => {
  const p = onlyProblem(withProxies("  logs:\n    target: s3://acme-logs/\n    colour: blue\n"));
  expect(p.message).toBe("unknown key 'colour'. Allowed here: target, access, delete, basePath, auth, identity, role, quota, spikeArrest, cors, headers, sign, inlineTypes, trust");
});

test("keys that belong elsewhere say where", () => {
  const p = onlyProblem(withProxies("  logs:\n    target: s3://acme-logs/\n    public: true\n"));
  expect(p.message).toContain("A proxy is made public with 'auth: {public: true}'.");
});

test("secure by default: a proxy without any authentication is refused, saying why and how to fix it", () => {
  const text = HEADER.replace(/auth:\n(  .*\n)*/, "") + "proxies:\n  reports: s3://acme-reports/ read\n";
  const p = onlyProblem(text);
  expect(p).toMatchObject({ line: FIRST_LINE_AFTER_HEADER - 5 + 1, column: 3, path: "proxies.reports" });
  expect(p.message).toBe(
    "refusing to build a proxy without authentication: there is no top-level auth and the proxy sets none, and a proxy is public only when it says so. " +
      "Add a top-level 'auth: {jwt: {issuer, audience, jwksUri}}', give this proxy its own 'auth: {jwt: {issuer, audience, jwksUri}}', or, if anyone may call it, state 'auth: {public: true}' on this proxy"
  );
});

test("secure by default: the top level cannot make every proxy public", () => {
  const text = HEADER.replace(/auth:\n(  .*\n)*/, "auth:\n  public: true\n") + "proxies:\n  reports: s3://acme-reports/ read\n";
  const p = onlyProblem(text);
  expect(p.path).toBe("auth.public");
  expect(p.message).toContain("never for all proxies at once");
});

test("YAML syntax errors give their line and column, and stop there", () => {
  const p = onlyProblem("aws:\n  account: '123456789012\n  region: us-east-1\n");
  expect(p).toMatchObject({ line: 2, column: 12, path: "" });
  expect(p.message).toBe("YAML syntax: missing closing 'quote: the quote opened here is never closed");
  const flow = onlyProblem("aws:\n  account: [1, 2\n  region: x\n");
  expect(flow).toMatchObject({ line: 3, column: 3 });
  expect(flow.message).toMatch(/^YAML syntax: flow sequence .* end with a \]/);
  const tab = onlyProblem("aws:\n\taccount: x\n");
  expect(tab).toMatchObject({ line: 2, column: 1, message: "YAML syntax: tabs are not allowed as indentation; indent with spaces" });
});

test("a second YAML document is a syntax error", () => {
  const p = onlyProblem(withProxies("  logs: s3://acme-logs/\n---\nmore: 1\n"));
  expect(p.message).toMatch(/more than one YAML document/);
});

test("duplicate keys are errors, at the second key, naming the first's line", () => {
  const problems = problemsOf(withProxies("  logs:\n    target: s3://acme-logs/\n    access: read\n    access: write\n  logs: s3://acme-other/\n"));
  expect(problems.map((p) => [p.line, p.column, p.path])).toEqual([
    [FIRST_LINE_AFTER_HEADER + 4, 5, "proxies.logs.access"],
    [FIRST_LINE_AFTER_HEADER + 5, 3, "proxies.logs"]
  ]);
  expect(problems[0].message).toBe(`duplicate key 'access' (first at line ${FIRST_LINE_AFTER_HEADER + 3}): each key may appear once in a mapping; remove or rename one of them`);
  expect(problems[1].message).toContain(`first at line ${FIRST_LINE_AFTER_HEADER + 1}`);
});

test("duplicate top-level keys are errors too", () => {
  const p = onlyProblem(withProxies("  logs: s3://acme-logs/\n") + "environments: [dev]\n");
  expect(p.path).toBe("environments");
  expect(p.message).toMatch(/^duplicate key 'environments'/);
});

test("duplicate base paths, given or by default, name the other proxy", () => {
  const problems = problemsOf(withProxies("  reports: s3://acme-reports/\n  old:\n    target: s3://acme-old/\n    basePath: /reports\n  new:\n    target: s3://acme-new/\n    basePath: /reports\n"));
  expect(problems.map((p) => [p.line, p.path])).toEqual([
    [FIRST_LINE_AFTER_HEADER + 4, "proxies.old.basePath"],
    [FIRST_LINE_AFTER_HEADER + 7, "proxies.new.basePath"]
  ]);
  for (const p of problems) expect(p.message).toContain(`also the base path of proxy 'reports' (line ${FIRST_LINE_AFTER_HEADER + 1})`);
});

test("a missing file is an IntentError with a clear message", () => {
  const file = path.join(FIXTURES, "no-such-intent.yaml");
  expect(() => loadIntentFile(file)).toThrow(IntentError);
  expect(() => loadIntentFile(file)).toThrow(`${file}: no such file: check the path, or start from templates/s3-read.yaml`);
  expect(() => loadIntentFile(FIXTURES)).toThrow(/this is a folder/);
});

test("an empty file, or one that is not a mapping, says what an intent is", () => {
  expect(onlyProblem("").message).toMatch(/^expected a mapping with aws, identity, auth, environments and proxies.*found an empty file/);
  expect(onlyProblem("- a\n- b\n").message).toMatch(/found a list/);
});

test("missing required sections are reported together, at the mapping that lacks them", () => {
  const problems = problemsOf("identity:\n  per: shared\n  serviceAccount: sa@acme.iam.gserviceaccount.com\n");
  expect(problems.map((p) => [p.line, p.column, p.path])).toEqual([
    [1, 1, "aws"],
    [1, 1, "environments"],
    [1, 1, "proxies"],
    [2, 3, "identity.uniqueId"]
  ]);
  expect(problems[0].message).toBe("missing 'aws': expected a mapping {account, region}");
});

test("an alias to no anchor is a syntax error at the alias", () => {
  const line = "    cors: *web";
  const p = onlyProblem(withProxies(`  logs:\n    target: s3://acme-logs/\n${line}\n`));
  expect(p).toMatchObject({ line: FIRST_LINE_AFTER_HEADER + 3, column: line.indexOf("*") + 1, path: "" });
  expect(p.message).toBe("YAML syntax: alias '*web' refers to no anchor: define '&web' before it, or write the value out");
});

test("unknown tags are refused", () => {
  expect(onlyProblem(withProxies("  logs: !s3 s3://acme-logs/\n")).message).toMatch(/^YAML syntax: unresolved tag: !s3; .*remove the tag/);
});

test("a byte-order mark at the start is accepted", () => {
  expect(parseIntent(`\uFEFF${withProxies("  logs: s3://acme-logs/\n")}`, "bom.yaml").proxies[0].name).toBe("logs");
});

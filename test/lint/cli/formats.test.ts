// A deliberately broken hand-written proxy (test/fixtures/lint/cli/broken):
// the expected findings, the same in every format, in one lint run that
// prints GitHub annotations and writes every other format with --report;
// the SARIF validates against the SARIF 2.1.0 schema; the JUnit parses.

import * as fs from "node:fs";
import * as path from "node:path";
import { requireBuilt } from "../../support/built";
import type { CliRun } from "../../support/cli";
import { githubKeys, gitlabKeys, junitDocument, junitKeys, parseAnnotations, SarifLog, sarifKeys, sarifSchemaErrors, textKeys } from "./formats-read";
import { copyFixture, isApigeelintRule, JsonReport, jsonKeys, keys, parseJsonReport, runCliIn, tempDir } from "./support";

const FILE = "broken/apiproxy";
/** What apigeelint's own rules find in the fixture with --include-all; the project's rules add AA001 (and every format must agree on all). */
const APIGEELINT_EXPECTED = [
  `BN005 ${FILE}/policies/AM-Named-Differently.xml:0`,
  `PO006 ${FILE}/policies/AM-Named-Differently.xml:2`,
  `BN005 ${FILE}/policies/AM-Unattached.xml:0`,
  `PO012 ${FILE}/policies/AM-Unattached.xml:8`,
  `BN010 ${FILE}/proxies/default.xml:5`,
  `PO025 ${FILE}/resources/jsc/greet.js:1`,
  `TD002 ${FILE}/targets/default.xml:8`,
  `TD007 ${FILE}/targets/default.xml:4`
].sort();

let dir: string;
let run: CliRun;
let json: JsonReport;
const report = (name: string) => fs.readFileSync(path.join(dir, name), "utf8");

beforeAll(async () => {
  requireBuilt("cli.js");
  dir = tempDir("formats");
  copyFixture("broken", path.join(dir, "broken"));
  run = await runCliIn(dir, [
    "lint",
    "broken",
    // apigeelint's JavaScript check (PO025) is excluded by default; this run shows it in every format too.
    "--include-all",
    "--format",
    "github",
    ...["json=out/report.json", "sarif=out/report.sarif", "junit=out/report.xml", "gitlab=out/gl-code-quality.json", "text=out/report.txt"].flatMap((r) => ["--report", r])
  ]);
  json = parseJsonReport(report("out/report.json"));
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test("the broken proxy fails (exit 1) with apigeelint's errors, warnings and JavaScript check and a project rule, on the right files and lines", () => {
  expect(run.status).toBe(1);
  expect(jsonKeys(json).filter((k) => isApigeelintRule(k.split(" ")[0]))).toEqual(APIGEELINT_EXPECTED);
  // A project rule, run by apigeelint as an external plugin: the static AWS key in a header.
  expect(json.findings.find((f) => f.ruleId === "AA001")).toMatchObject({ severity: "error", file: `${FILE}/policies/AM-Named-Differently.xml`, line: 6 });
  expect(json.summary).toMatchObject({ passed: false, bundles: 1, excluded: [] });
  expect(json.summary.errors).toBe(json.findings.filter((f) => f.severity === "error").length);
  expect(json.summary.errors).toBeGreaterThanOrEqual(3);
  const po006 = json.findings.find((f) => f.ruleId === "PO006")!;
  expect(po006).toMatchObject({ severity: "error", line: 2, column: 21, bundle: FILE });
  expect(po006.message).toMatch(/does not match policy name "AM-Other-Name"/);
  expect(json.findings.find((f) => f.ruleId === "BN005")).toMatchObject({ severity: "warning", line: null, column: null });
  expect(new Set(json.findings.map((f) => f.fingerprint)).size).toBe(json.findings.length);
});

test("every format reports the same findings (rule, file, line)", () => {
  const expected = jsonKeys(json);
  expect(expected.length).toBeGreaterThanOrEqual(APIGEELINT_EXPECTED.length);
  expect(githubKeys(run.stdout)).toEqual(expected);
  expect(sarifKeys(JSON.parse(report("out/report.sarif")))).toEqual(expected);
  expect(junitKeys(report("out/report.xml"))).toEqual(expected);
  expect(textKeys(report("out/report.txt"))).toEqual(expected);
  expect(gitlabKeys(report("out/gl-code-quality.json"))).toEqual(keys(json.findings.map((f) => ({ ruleId: f.ruleId, file: f.file, line: f.line ?? 1 }))));
});

test("SARIF: 2.1.0, valid against the schema, with rule metadata, levels, regions and fingerprints", () => {
  const log = JSON.parse(report("out/report.sarif")) as SarifLog;
  expect(sarifSchemaErrors(log)).toEqual([]);
  expect(log.version).toBe("2.1.0");
  expect(log.$schema).toMatch(/^https:\/\/.*sarif.*2\.1\.0.*\.json$/);
  const { driver } = log.runs[0].tool;
  expect(driver.name).toBe("apigee-aws");
  expect(driver.version).toBe(json.tool.version);
  const rules = new Map(driver.rules.map((r, i) => [r.id, { ...r, index: i }]));
  expect(rules.get("AA-ZIP-DRIFT")?.help.text).toMatch(/apigee-aws build/);
  for (const result of log.runs[0].results) {
    const rule = rules.get(result.ruleId)!;
    expect(rule).toBeDefined();
    expect(result.ruleIndex).toBe(rule.index);
    expect(rule.shortDescription.text.length).toBeGreaterThan(0);
    expect(rule.help.text.length).toBeGreaterThan(0);
    expect(Object.values(result.partialFingerprints)[0]).toMatch(/^[0-9a-f]{32}:\d+$/);
  }
  const po006 = log.runs[0].results.find((r) => r.ruleId === "PO006")!;
  expect(po006.level).toBe("error");
  expect(po006.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: `${FILE}/policies/AM-Named-Differently.xml` }, region: { startLine: 2, startColumn: 21 } });
  const bn005 = log.runs[0].results.find((r) => r.ruleId === "BN005")!;
  expect(bn005.level).toBe("warning");
  expect(bn005.locations[0].physicalLocation.region).toBeUndefined();
  expect(rules.get("PO025")?.defaultConfiguration.level).toBe("warning");
});

test("the schema check can fail: a document without a required field, or with a line 0 region, is invalid", () => {
  const log = JSON.parse(report("out/report.sarif"));
  expect(sarifSchemaErrors({ ...log, version: "2.0.0" })).not.toEqual([]);
  const noMessage = structuredClone(log);
  delete noMessage.runs[0].results[0].message;
  expect(sarifSchemaErrors(noMessage)).not.toEqual([]);
  const lineZero = structuredClone(log);
  lineZero.runs[0].results[0].locations[0].physicalLocation.region = { startLine: 0 };
  expect(sarifSchemaErrors(lineZero).join("\n")).toMatch(/startLine/);
});

test("JUnit: valid XML, one testsuite per bundle, one failing testcase per file and rule", () => {
  const doc = junitDocument(report("out/report.xml"));
  const suites = Array.from(doc.getElementsByTagName("testsuite"));
  expect(suites.map((s) => s.getAttribute("name"))).toEqual([FILE]);
  const cases = Array.from(suites[0].getElementsByTagName("testcase"));
  const fileRules = new Set(json.findings.map((f) => `${f.file} ${f.ruleId}`));
  expect(cases.length).toBe(fileRules.size);
  expect(suites[0].getAttribute("tests")).toBe(String(fileRules.size));
  expect(suites[0].getAttribute("failures")).toBe(String(fileRules.size));
  expect(doc.documentElement.getAttribute("failures")).toBe(String(fileRules.size));
  const bn010 = cases.find((c) => c.getAttribute("name") === "BN010")!;
  expect(bn010.getElementsByTagName("failure")[0].getAttribute("type")).toBe("error");
  expect(bn010.getElementsByTagName("failure")[0].getAttribute("message")).toBe('BN010: Missing policy "AM-Named-Differently"');
});

test("GitHub annotations: error and warning commands with file, line, column and the rule as title; totals last", () => {
  const annotations = parseAnnotations(run.stdout);
  const po006 = annotations.find((a) => a.props.title === "PO006")!;
  expect(po006.level).toBe("error");
  expect(po006.props).toEqual({ file: `${FILE}/policies/AM-Named-Differently.xml`, line: "2", col: "21", title: "PO006" });
  const bn005 = annotations.find((a) => a.props.title === "BN005")!;
  expect(bn005.level).toBe("warning");
  expect(Object.keys(bn005.props)).toEqual(["file", "title"]);
  expect(run.stdout.trim().split("\n").pop()).toMatch(/^apigee-aws lint: \d+ problems \(\d+ errors, \d+ warnings\) in 1 bundle$/);
});

test("text: grouped by file, position, severity, message, rule; no colour when not a terminal", () => {
  const text = report("out/report.txt");
  expect(text).toContain(`${FILE}/policies/AM-Named-Differently.xml\n`);
  expect(text).toMatch(/\n {2}2:21 {2}error {4}Filename "AM-Named-Differently\.xml" does not match policy name "AM-Other-Name"\. {2}PO006\n/);
  expect(text).toMatch(/✖ \d+ problems \(\d+ errors, \d+ warnings\) in 1 bundle\n$/);
  expect(text).not.toContain("\u001b[");
});

test("--format json --output FILE writes the report there, prints only a note, and FORCE_COLOR colours text", async () => {
  const [toFile, coloured] = await Promise.all([
    runCliIn(dir, ["lint", "broken", "--include-all", "--format", "json", "--output", "out/only.json"]),
    runCliIn(dir, ["lint", "broken"], { NO_COLOR: "", FORCE_COLOR: "1" })
  ]);
  expect(toFile.status).toBe(1);
  expect(toFile.stdout).toBe("");
  expect(toFile.stderr).toMatch(/^apigee-aws lint: \d+ problems .* in 1 bundle \(failed\); report written to out\/only\.json\n$/);
  expect(jsonKeys(parseJsonReport(report("out/only.json")))).toEqual(jsonKeys(json));
  expect(fs.readdirSync(path.join(dir, "out")).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  expect(coloured.stdout).toContain("\u001b[31merror");
});

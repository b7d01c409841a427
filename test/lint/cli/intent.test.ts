// Intent-level checks: --intent FILE, or apigee-aws.yaml in the working
// directory, is loaded as `apigee-aws build` would; each problem is an
// AA-INTENT error at its file, line and column; a valid intent adds nothing;
// --no-intent skips it.

import * as fs from "node:fs";
import * as path from "node:path";
import { IntentError, loadIntentFile } from "../../../src/intent";
import { requireBuilt } from "../../support/built";
import { parseAnnotations } from "./formats-read";
import { copyFixture, parseJsonReport, ROOT, runCliIn, tempDir } from "./support";

let dir: string;
const template = () => fs.readFileSync(path.join(ROOT, "templates/s3-read.yaml"), "utf8");

beforeAll(() => {
  requireBuilt("cli.js");
  dir = tempDir("intent");
  copyFixture("clean", path.join(dir, "clean"));
  const bad = template().replace(/region: us-east-1/, "region: us-east1").replace(/environments: \[test, prod\]/, "enviroments: [test, prod]");
  expect(bad).not.toBe(template());
  fs.writeFileSync(path.join(dir, "bad.yaml"), bad);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function expectedProblems(file: string): { line: number; column: number; message: string }[] {
  try {
    loadIntentFile(file);
  } catch (e) {
    if (e instanceof IntentError) return e.problems.map((p) => ({ line: p.line, column: p.column, message: p.path ? `${p.path}: ${p.message}` : p.message }));
    throw e;
  }
  throw new Error(`${file} should be invalid`);
}

test("--intent FILE: every problem is an AA-INTENT error at file:line:column, in every format", async () => {
  const json = await runCliIn(dir, ["lint", "clean", "--intent", "bad.yaml", "--format", "json", "--report", "github=annotations.txt"]);
  expect(json.status).toBe(1);
  const findings = parseJsonReport(json.stdout).findings;
  const expected = expectedProblems(path.join(dir, "bad.yaml"));
  expect(expected.length).toBeGreaterThanOrEqual(2);
  expect(findings.map((f) => ({ ruleId: f.ruleId, severity: f.severity, file: f.file, line: f.line, column: f.column, message: f.message, bundle: f.bundle }))).toEqual(
    expected.map((p) => ({ ruleId: "AA-INTENT", severity: "error", file: "bad.yaml", line: p.line, column: p.column, message: p.message, bundle: null }))
  );
  expect(findings.some((f) => /region/.test(f.message))).toBe(true);
  const annotations = parseAnnotations(fs.readFileSync(path.join(dir, "annotations.txt"), "utf8"));
  expect(annotations.map((a) => [a.level, a.props.file, a.props.line, a.props.col, a.props.title])).toEqual(
    expected.map((p) => ["error", "bad.yaml", String(p.line), String(p.column), "AA-INTENT"])
  );
});

test("apigee-aws.yaml in the working directory is checked without --intent; a valid one adds no finding; --no-intent skips it", async () => {
  const valid = tempDir("intent-valid");
  const invalid = tempDir("intent-invalid");
  try {
    fs.writeFileSync(path.join(valid, "apigee-aws.yaml"), template());
    fs.copyFileSync(path.join(dir, "bad.yaml"), path.join(invalid, "apigee-aws.yaml"));
    const clean = path.join(dir, "clean");
    const [validRun, invalidRun, skipped] = await Promise.all([
      runCliIn(valid, ["lint", clean, "--format", "json"]),
      runCliIn(invalid, ["lint", clean, "--format", "json"]),
      runCliIn(invalid, ["lint", clean, "--format", "json", "--no-intent"])
    ]);
    expect(validRun.status).toBe(0);
    expect(parseJsonReport(validRun.stdout).findings).toEqual([]);
    expect(invalidRun.status).toBe(1);
    expect(new Set(parseJsonReport(invalidRun.stdout).findings.map((f) => `${f.ruleId} ${f.file}`))).toEqual(new Set(["AA-INTENT apigee-aws.yaml"]));
    expect(skipped.status).toBe(0);
    expect(parseJsonReport(skipped.stdout).findings).toEqual([]);
  } finally {
    fs.rmSync(valid, { recursive: true, force: true });
    fs.rmSync(invalid, { recursive: true, force: true });
  }
});

test("what only the plan refuses is an error too, and the intent's warnings are AA-INTENT warnings that do not fail the run", async () => {
  const nested = template().replace(/^proxies:\n/m, "proxies:\n  inner: {target: s3://my-artifacts/inner/, basePath: /artifacts/inner}\n");
  fs.writeFileSync(path.join(dir, "nested.yaml"), nested);
  const run = await runCliIn(dir, ["lint", "clean", "--intent", "nested.yaml", "--format", "json"]);
  expect(run.status).toBe(0);
  expect(parseJsonReport(run.stdout).findings.map((f) => [f.ruleId, f.severity, f.file, f.message.replace(/ \(line \d+\).*/, "")])).toEqual([
    ["AA-INTENT", "warning", "nested.yaml", "proxies.inner.basePath: base path /artifacts/inner is inside proxy 'artifacts''s base path /artifacts"]
  ]);
  const oversized = template().replace(/^proxies:\n/m, `proxies:\n  big: {target: s3://my-artifacts/big/, headers: {${Array.from({ length: 160 }, (_, i) => `X-H${i}: "ssm:/acme/a-fairly-long-parameter-hierarchy/for-size/${i}"`).join(", ")}}}\n`);
  fs.writeFileSync(path.join(dir, "oversized.yaml"), oversized);
  const refused = await runCliIn(dir, ["lint", "clean", "--intent", "oversized.yaml", "--format", "json"]);
  expect(refused.status).toBe(1);
  expect(parseJsonReport(refused.stdout).findings.map((f) => [f.ruleId, f.severity, f.message.replace(/ is \d+ characters.*/, "")])).toEqual([["AA-INTENT", "error", "proxies.big: its permissions policy"]]);
});

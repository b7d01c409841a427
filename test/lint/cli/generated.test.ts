// What apigee-aws build writes lints clean: the starter and the full
// template, every proxy and shared flow, zips identical to their folders,
// with the project's rules, in text, JSON and SARIF. The one finding is
// AA007's warning on the full template's caller-mode proxy (reports), which
// states what caller mode allows rather than a mistake: exit 0.

import * as fs from "node:fs";
import * as path from "node:path";
import { readFileTree } from "../../../src/common/file-tree";
import { requireBuilt } from "../../support/built";
import { runCli } from "../../support/cli";
import { SarifLog, sarifKeys, sarifSchemaErrors } from "./formats-read";
import { parseJsonReport, ROOT, runCliIn, tempDir } from "./support";

let dir: string;

beforeAll(async () => {
  requireBuilt("cli.js");
  dir = tempDir("generated");
  for (const name of ["s3-read", "full"]) {
    const build = await runCli(["build", path.join(ROOT, `templates/${name}.yaml`), "--out", path.join(dir, name)]);
    expect(build.stderr).toBe("");
    expect(build.status).toBe(0);
  }
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const CALLER_WARNING =
  "proxy reports exchanges the caller's token for its role (aws.credentials.mode caller): anyone holding a valid token from https://auth.example.com/ " +
  "for audience reports-api can call STS AssumeRoleWithWebIdentity for that role directly, skipping the proxy's quota, method guard and key validation; " +
  "keep the role's permissions to what every such token holder may do, and pin more than aud (a sub condition) in its trust policy.";

test("templates/s3-read.yaml and templates/full.yaml build bundles that lint clean but for the caller-mode warning (exit 0, valid SARIF)", async () => {
  // The shared flows do not depend on the intent: the starter's are the full template's, so they are linted once.
  expect(readFileTree(path.join(dir, "s3-read/sharedflows"))).toEqual(readFileTree(path.join(dir, "full/sharedflows")));
  const run = await runCliIn(dir, ["lint", "full", "s3-read/proxies", "--format", "json", "--report", "sarif=lint.sarif", "--report", "text=lint.txt"]);
  expect(run.stderr).toBe("");
  const report = parseJsonReport(run.stdout);
  expect(report.findings.map(({ ruleId, severity, file, line, column, bundle, message }) => ({ ruleId, severity, file, line, column, bundle, message }))).toEqual([
    { ruleId: "AA007", severity: "warning", file: "full/proxies/reports/apiproxy/policies/FC-AwsCredentials.xml", line: 8, column: 5, bundle: "full/proxies/reports/apiproxy", message: CALLER_WARNING }
  ]);
  expect(run.status).toBe(0);
  expect(report.summary).toMatchObject({ passed: true, errors: 0, warnings: 1 });
  const proxies = ["artifacts", "orders", "reports", "status", "uploads"].map((p) => `full/proxies/${p}/apiproxy`);
  const sharedFlows = ["aws-credentials", "aws-sigv4", "aws-ssm-parameter"].map((s) => `full/sharedflows/${s}/sharedflowbundle`);
  expect(report.bundles.map((b) => `${b.path} ${b.zip}`)).toEqual(
    [...proxies, ...sharedFlows, "s3-read/proxies/artifacts/apiproxy"].sort().map((p) => `${p} ${p.replace(/\/(apiproxy|sharedflowbundle)$/, ".zip")}`)
  );
  const sarif = JSON.parse(fs.readFileSync(path.join(dir, "lint.sarif"), "utf8")) as SarifLog;
  expect(sarifSchemaErrors(sarif)).toEqual([]);
  expect(sarifKeys(sarif)).toEqual(["AA007 full/proxies/reports/apiproxy/policies/FC-AwsCredentials.xml:8"]);
  expect(sarif.runs[0].results.map((r) => [r.level, r.message.text])).toEqual([["warning", CALLER_WARNING]]);
  expect(sarif.runs[0].tool.driver.rules.length).toBeGreaterThan(50);
  expect(fs.readFileSync(path.join(dir, "lint.txt"), "utf8")).toBe(
    `full/proxies/reports/apiproxy/policies/FC-AwsCredentials.xml\n  8:5  warning  ${CALLER_WARNING}  AA007\n\n✖ 1 problem (0 errors, 1 warning) in 9 bundles\n`
  );
}, 120_000);

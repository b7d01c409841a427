// What apigee-aws build writes lints clean: the starter and the full
// template, every proxy and shared flow, zips identical to their folders,
// with the project's rules, in text, JSON and SARIF.

import * as fs from "node:fs";
import * as path from "node:path";
import { readFileTree } from "../../../src/common/file-tree";
import { requireBuilt } from "../../support/built";
import { runCli } from "../../support/cli";
import { SarifLog, sarifSchemaErrors } from "./formats-read";
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

test("templates/s3-read.yaml and templates/full.yaml build bundles that lint clean (exit 0, no findings, valid SARIF)", async () => {
  // The shared flows do not depend on the intent: the starter's are the full template's, so they are linted once.
  expect(readFileTree(path.join(dir, "s3-read/sharedflows"))).toEqual(readFileTree(path.join(dir, "full/sharedflows")));
  const run = await runCliIn(dir, ["lint", "full", "s3-read/proxies", "--format", "json", "--report", "sarif=lint.sarif", "--report", "text=lint.txt"]);
  expect(run.stderr).toBe("");
  const report = parseJsonReport(run.stdout);
  expect(report.findings).toEqual([]);
  expect(run.status).toBe(0);
  expect(report.summary).toMatchObject({ passed: true, errors: 0, warnings: 0 });
  const proxies = ["artifacts", "orders", "reports", "status", "uploads"].map((p) => `full/proxies/${p}/apiproxy`);
  const sharedFlows = ["aws-credentials", "aws-sigv4", "aws-ssm-parameter"].map((s) => `full/sharedflows/${s}/sharedflowbundle`);
  expect(report.bundles.map((b) => `${b.path} ${b.zip}`)).toEqual(
    [...proxies, ...sharedFlows, "s3-read/proxies/artifacts/apiproxy"].sort().map((p) => `${p} ${p.replace(/\/(apiproxy|sharedflowbundle)$/, ".zip")}`)
  );
  const sarif = JSON.parse(fs.readFileSync(path.join(dir, "lint.sarif"), "utf8")) as SarifLog;
  expect(sarifSchemaErrors(sarif)).toEqual([]);
  expect(sarif.runs[0].results).toEqual([]);
  expect(sarif.runs[0].tool.driver.rules.length).toBeGreaterThan(50);
  expect(fs.readFileSync(path.join(dir, "lint.txt"), "utf8")).toBe("✔ no problems in 9 bundles\n");
}, 120_000);

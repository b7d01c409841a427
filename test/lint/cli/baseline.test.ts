// Baselines: --write-baseline records today's findings; with --baseline
// only findings beyond it fail, moved findings stay matched, counts matter,
// fixed ones are reported as stale; a missing or foreign baseline is exit 2.
// In-process; a run that fails on a new finding also through the real bin.

import * as fs from "node:fs";
import * as path from "node:path";
import { requireBuilt } from "../../support/built";
import type { CliRun } from "../../support/cli";
import { copyFixture, expectNoStack, parseJsonReport, runCliIn, spawnCliIn, tempDir } from "./support";

let dir: string;
let written: CliRun;
let accepted: CliRun;
const BASELINE = "lint-baseline.json";
const file = (rel: string) => path.join(dir, "broken/apiproxy", rel);

beforeAll(async () => {
  requireBuilt("cli.js");
  dir = tempDir("baseline");
  copyFixture("broken", path.join(dir, "broken"));
  written = await runCliIn(dir, ["lint", "broken", "--include-all", "--baseline", BASELINE, "--write-baseline"]);
  accepted = await runCliIn(dir, ["lint", "broken", "--include-all", "--baseline", BASELINE]);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test("--write-baseline records every finding by rule, file and message (no line), with counts, and exits 0", () => {
  expect(written.status).toBe(0);
  expect(written.stdout).toMatch(/^wrote the baseline lint-baseline\.json: \d+ findings \(\d+ entries\) in 1 bundle\n$/);
  const doc = JSON.parse(fs.readFileSync(path.join(dir, BASELINE), "utf8"));
  expect(doc.format).toBe("apigee-aws-lint-baseline");
  expect(doc.version).toBe(1);
  expect(doc.entries).toContainEqual({ ruleId: "PO006", file: "broken/apiproxy/policies/AM-Named-Differently.xml", message: 'Filename "AM-Named-Differently.xml" does not match policy name "AM-Other-Name".', count: 1 });
  expect(doc.entries.every((e: object) => !("line" in e))).toBe(true);
});

test("with the baseline, the same findings pass and are counted as accepted", () => {
  expect(accepted.status).toBe(0);
  expect(accepted.stdout).toMatch(/✔ no problems in 1 bundle\n\d+ findings accepted by the baseline lint-baseline\.json\n$/);
});

test("a new finding fails, moved ones stay accepted, a second copy of a baselined finding is new, fixed ones are stale (bin/apigee-aws.js)", async () => {
  // Moves PO012 down two lines; adds a second identical PO025 (the baseline has one); removes BN010's cause.
  const unattached = file("policies/AM-Unattached.xml");
  fs.writeFileSync(unattached, fs.readFileSync(unattached, "utf8").replace("<AssignMessage", "\n\n<AssignMessage"));
  fs.appendFileSync(file("resources/jsc/greet.js"), "var farewell = 'bye';\n");
  const proxy = file("proxies/default.xml");
  fs.writeFileSync(proxy, fs.readFileSync(proxy, "utf8").replace("<Name>AM-Named-Differently</Name>", "<Name>AM-Unattached</Name>"));
  const run = await spawnCliIn(dir, ["lint", "broken", "--include-all", "--baseline", BASELINE, "--format", "json", "--report", "text=report.txt"]);
  const report = parseJsonReport(run.stdout);
  expect(run.status).toBe(1);
  expect(report.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`)).toEqual(["PO025 broken/apiproxy/resources/jsc/greet.js:3"]);
  // BN010 (missing policy) and AM-Unattached's BN005 (now attached) are fixed.
  expect(report.summary.staleBaseline).toBe(2);
  const text = fs.readFileSync(path.join(dir, "report.txt"), "utf8");
  expect(text).toMatch(/2 baselined findings no longer found \(fixed\?\): refresh the baseline with --baseline lint-baseline\.json --write-baseline/);
});

test("a missing, non-JSON or foreign baseline is exit 2 before any linting, saying how to make one", async () => {
  fs.writeFileSync(path.join(dir, "not-json.json"), "{");
  fs.writeFileSync(path.join(dir, "foreign.json"), JSON.stringify({ version: 2, entries: [] }));
  const runs = await Promise.all(["missing.json", "not-json.json", "foreign.json"].map((b) => runCliIn(dir, ["lint", "broken", "--include-all", "--baseline", b])));
  expect(runs[0].stderr).toMatch(/cannot read the baseline missing\.json: no such file; create it with --baseline missing\.json --write-baseline/);
  expect(runs[1].stderr).toMatch(/the baseline not-json\.json is not JSON/);
  expect(runs[2].stderr).toMatch(/the baseline foreign\.json is not an apigee-aws lint baseline: "format" must be "apigee-aws-lint-baseline"/);
  for (const run of runs) {
    expect(run.status).toBe(2);
    expectNoStack(run.stderr);
  }
});

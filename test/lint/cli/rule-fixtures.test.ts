// Each project rule through the CLI: test/fixtures/lint/rules/<RULE-ID>/
// trigger/ must produce that rule ID, pass/ must not; when the folder has
// expected.json ([{ruleId, file, line}], files relative to the rule's
// folder), the trigger's findings of that rule are exactly those. Every rule
// in PROJECT_RULES must have such a folder.

import * as fs from "node:fs";
import * as path from "node:path";
import { mapPool } from "../../../src/lint/pool";
import { PROJECT_RULES } from "../../../src/lint/rules";
import { requireBuilt } from "../../support/built";
import type { CliRun } from "../../support/cli";
import { JsonReport, keys, parseJsonReport, ROOT, runCliIn } from "./support";

const RULES_DIR = path.join(ROOT, "test/fixtures/lint/rules");
const ruleDirs = fs.existsSync(RULES_DIR)
  ? fs
      .readdirSync(RULES_DIR, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort()
  : [];

const runs = new Map<string, { run: CliRun; report?: JsonReport }>();

beforeAll(async () => {
  requireBuilt("cli.js");
  const jobs = ruleDirs.flatMap((id) => ["trigger", "pass"].filter((kind) => fs.existsSync(path.join(RULES_DIR, id, kind))).map((kind) => ({ id, kind })));
  // Two CLI runs at a time, each linting with two apigeelint processes: enough to keep two cores busy.
  await mapPool(jobs, 2, async ({ id, kind }) => {
    const run = await runCliIn(path.join(RULES_DIR, id), ["lint", kind, "--format", "json", "--no-intent", "--jobs", "2"]);
    let report: JsonReport | undefined;
    try {
      report = parseJsonReport(run.stdout);
    } catch {
      report = undefined;
    }
    runs.set(`${id}/${kind}`, { run, report });
  });
}, 120_000);

test("every project rule has a fixture folder holding trigger/ and pass/", () => {
  const missing = PROJECT_RULES.map((r) => r.id).filter((id) => !ruleDirs.includes(id));
  expect(missing).toEqual([]);
  const incomplete = ruleDirs.filter((id) => !fs.existsSync(path.join(RULES_DIR, id, "trigger")) || !fs.existsSync(path.join(RULES_DIR, id, "pass")));
  expect(incomplete).toEqual([]);
});

if (ruleDirs.length === 0) {
  test("no rule fixtures yet: then there must be no project rules either", () => {
    expect(PROJECT_RULES).toEqual([]);
  });
} else {
  describe.each(ruleDirs)("%s", (id) => {
    const lint = (kind: string) => {
      const entry = runs.get(`${id}/${kind}`);
      if (!entry?.report) throw new Error(`lint ${id}/${kind} gave no JSON report (exit ${entry?.run.status}): ${entry?.run.stderr}`);
      return entry.report;
    };

    test("trigger/ produces it", () => {
      const found = lint("trigger").findings.filter((f) => f.ruleId === id);
      expect(found.length).toBeGreaterThan(0);
      const expectedFile = path.join(RULES_DIR, id, "expected.json");
      if (fs.existsSync(expectedFile)) {
        const expected = JSON.parse(fs.readFileSync(expectedFile, "utf8")) as { ruleId: string; file: string; line: number }[];
        expect(keys(found.map((f) => ({ ruleId: f.ruleId, file: f.file, line: f.line ?? 0 })))).toEqual(keys(expected.filter((e) => e.ruleId === id)));
      }
    });

    test("pass/ does not", () => {
      const report = lint("pass");
      expect(report.findings.filter((f) => f.ruleId === id)).toEqual([]);
    });
  });
}

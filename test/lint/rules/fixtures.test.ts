// Every rule against its fixtures (test/fixtures/lint/rules/<ID>/): the
// trigger bundle produces exactly the findings expected.json lists (and no
// other project rule), the pass bundle produces no project finding at all.
// Bundle rules run inside apigeelint with the built plugins; AA007 runs as
// the project check over the fixture tree.

import * as fs from "node:fs";
import * as path from "node:path";
import { packageRoot } from "../../../src/common/paths";
import { checkProject, PROJECT_RULES } from "../../../src/lint/rules";
import { asExpected, bundlesIn, ExpectedFinding, projectFindings, requirePlugins } from "./lint-helpers";

const FIXTURES = path.join(packageRoot(), "test/fixtures/lint/rules");

function findingsFor(ruleDir: string, variant: "trigger" | "pass", runner: string) {
  const root = path.join(ruleDir, variant);
  const messages = runner === "project" ? checkProject([root]) : bundlesIn(root).flatMap((b) => projectFindings(b));
  return asExpected(messages, ruleDir);
}

beforeAll(requirePlugins);

describe.each(PROJECT_RULES.map((r) => [r.id, r.runner] as const))("%s", (id, runner) => {
  const ruleDir = path.join(FIXTURES, id);

  it("has a trigger bundle, a pass bundle and expected findings", () => {
    expect(fs.existsSync(path.join(ruleDir, "trigger"))).toBe(true);
    expect(fs.existsSync(path.join(ruleDir, "pass"))).toBe(true);
    const expected: ExpectedFinding[] = JSON.parse(fs.readFileSync(path.join(ruleDir, "expected.json"), "utf8"));
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.every((f) => f.ruleId === id)).toBe(true);
  });

  it("reports exactly the expected findings on the trigger bundle", () => {
    const expected: ExpectedFinding[] = JSON.parse(fs.readFileSync(path.join(ruleDir, "expected.json"), "utf8"));
    const sorted = [...expected].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
    expect(findingsFor(ruleDir, "trigger", runner)).toEqual(sorted);
  });

  it("reports nothing on the pass bundle", () => {
    expect(findingsFor(ruleDir, "pass", runner)).toEqual([]);
  });
});

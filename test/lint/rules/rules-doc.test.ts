// docs/lint-rules.md's rules table is written from the rule list; the prose
// around it is not touched.

import * as fs from "node:fs";
import * as path from "node:path";
import { packageRoot } from "../../../src/common/paths";
import { PROJECT_RULES } from "../../../src/lint/rules";
import { rulesTable, TABLE_END, TABLE_START, withRulesTable } from "../../../src/lint/rules/rules-table";

test("docs/lint-rules.md's rules table is the rule list's (npm run sync-lint-docs)", () => {
  const doc = fs.readFileSync(path.join(packageRoot(), "docs/lint-rules.md"), "utf8");
  expect(doc).toBe(withRulesTable(doc));
  expect(doc).toContain(rulesTable(PROJECT_RULES));
});

test("the table has a row per rule, and only what lies between the markers is rewritten", () => {
  const doc = `# Rules\n\nProse.\n\n${TABLE_START}\n| stale |\n${TABLE_END}\n\nMore prose.\n`;
  const synced = withRulesTable(doc);
  expect(synced.startsWith(`# Rules\n\nProse.\n\n${TABLE_START}\n\n| ID | Name | Severity | Runs in |\n`)).toBe(true);
  expect(synced.endsWith(`|\n\n${TABLE_END}\n\nMore prose.\n`)).toBe(true);
  expect(synced).not.toContain("stale");
  for (const rule of PROJECT_RULES) expect(synced).toContain(`| [${rule.id}](#${rule.docAnchor}) | ${rule.name} |`);
  expect(withRulesTable(synced)).toBe(synced);
});

test("a page without the markers is refused, not rewritten", () => {
  expect(() => withRulesTable("# Rules\n")).toThrow(/no rules table between/);
});

// The rules table in docs/lint-rules.md, written from the rule list so the
// page cannot name a rule, severity or runner the code does not have. The
// prose around it stays hand-written: `npm run sync-lint-docs` rewrites only
// what lies between the two markers, and a test fails when the committed
// page differs from what it would write.

import { PROJECT_RULES } from "./index";
import type { LintRule } from "./rule";

export const TABLE_START = "<!-- rules table: written by `npm run sync-lint-docs` from src/lint/rules/index.ts; edit the rule modules, not this table -->";
export const TABLE_END = "<!-- end of rules table -->";

function severity(rule: LintRule): string {
  const word = rule.severity === 2 ? "error" : "warning";
  return rule.severityNote ? `${word} (${rule.severityNote})` : word;
}

function runsIn(rule: LintRule): string {
  return [rule.checkBundle ? "apigeelint" : "", rule.checkProject ? "project check" : ""].filter((r) => r !== "").join(" and ");
}

export function rulesTable(rules: readonly LintRule[]): string {
  const rows = rules.map((r) => `| [${r.id}](#${r.docAnchor}) | ${r.name} | ${severity(r)} | ${runsIn(r)} |`);
  return ["| ID | Name | Severity | Runs in |", "| --- | --- | --- | --- |", ...rows].join("\n");
}

/** `doc` with the table between its markers written from `rules`. */
export function withRulesTable(doc: string, rules: readonly LintRule[] = PROJECT_RULES): string {
  const start = doc.indexOf(TABLE_START);
  const end = doc.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`the page has no rules table between "${TABLE_START}" and "${TABLE_END}"`);
  // Blank lines around the table, so Markdown reads the markers as HTML comments of their own.
  return `${doc.slice(0, start + TABLE_START.length)}\n\n${rulesTable(rules)}\n\n${doc.slice(end)}`;
}

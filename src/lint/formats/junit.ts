// `--format junit`: JUnit XML for CI test-report views. One testsuite per
// bundle (and one, "apigee-aws project", for findings outside any bundle:
// the intent file, property sets); one testcase per file and rule with a
// <failure> listing its findings; a clean bundle has one passing testcase.

import { compareText, Finding, formatPosition } from "../finding";
import type { LintReport } from "../report";

export const PROJECT_SUITE = "apigee-aws project";

interface Suite {
  name: string;
  cases: { file: string; ruleId: string; findings: Finding[] }[];
}

export function formatJunit(report: LintReport): string {
  const suites = groupSuites(report);
  const tests = suites.reduce((n, s) => n + Math.max(1, s.cases.length), 0);
  const failures = suites.reduce((n, s) => n + s.cases.length, 0);
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="apigee-aws lint" tests="${tests}" failures="${failures}" errors="0">`];
  for (const suite of suites) {
    const count = Math.max(1, suite.cases.length);
    out.push(`  <testsuite name="${attr(suite.name)}" tests="${count}" failures="${suite.cases.length}" errors="0" skipped="0">`);
    if (suite.cases.length === 0) out.push(`    <testcase classname="${attr(suite.name)}" name="apigee-aws lint"/>`);
    for (const c of suite.cases) {
      const worst = c.findings.some((f) => f.severity === "error") ? "error" : "warning";
      const lines = c.findings.map((f) => `${f.severity} ${formatPosition(f) || "-"} ${f.message}`);
      out.push(`    <testcase classname="${attr(c.file)}" name="${attr(c.ruleId)}" file="${attr(c.file)}">`);
      out.push(`      <failure type="${worst}" message="${attr(`${c.ruleId}: ${c.findings[0].message}`)}">${text(lines.join("\n"))}</failure>`);
      out.push("    </testcase>");
    }
    out.push("  </testsuite>");
  }
  out.push("</testsuites>");
  return `${out.join("\n")}\n`;
}

function groupSuites(report: LintReport): Suite[] {
  const suites = new Map<string, Suite>(report.bundles.map((b) => [b.path, { name: b.path, cases: [] }]));
  for (const f of report.findings) {
    const name = f.bundle === "" ? PROJECT_SUITE : f.bundle;
    let suite = suites.get(name);
    if (!suite) suites.set(name, (suite = { name, cases: [] }));
    let c = suite.cases.find((x) => x.file === f.file && x.ruleId === f.ruleId);
    if (!c) suite.cases.push((c = { file: f.file, ruleId: f.ruleId, findings: [] }));
    c.findings.push(f);
  }
  return [...suites.values()].sort((a, b) => compareText(a.name, b.name));
}

// XML 1.0 allows tab, LF, CR and characters from U+0020; anything else is dropped.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function text(s: string): string {
  return s.replace(NOT_XML, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function attr(s: string): string {
  return text(s).replace(/"/g, "&quot;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;").replace(/\t/g, "&#9;");
}

// What a lint run reports, whatever the format: the findings that count
// (after the baseline), their fingerprints, the totals, and whether the run
// passed (no errors, warnings within --max-warnings).

import * as fs from "node:fs";
import * as path from "node:path";
import { packageRoot } from "../common/paths";
import { apigeelintVersion } from "./apigeelint";
import { BaselineEntry, fingerprints } from "./baseline";
import type { Finding } from "./finding";
import type { LintedBundle } from "./collect-findings";
import { RuleMeta, ruleCatalog, unknownRule } from "./rule-catalog";

export interface ToolInfo {
  name: string;
  version: string;
  apigeelintVersion: string;
  /** package.json "homepage", when the package has one. */
  informationUri?: string;
}

export interface LintReport {
  tool: ToolInfo;
  bundles: LintedBundle[];
  /** The findings that count: all of them, or those beyond the baseline. Sorted. */
  findings: Finding[];
  /** One per finding, same order. */
  fingerprints: string[];
  errors: number;
  warnings: number;
  /** undefined: any number of warnings passes. */
  maxWarnings?: number;
  baseline?: { file: string; baselined: number; stale: BaselineEntry[] };
  /** Rule IDs that did not run. */
  excluded: string[];
  passed: boolean;
  /** The rules that ran, and any rule a finding names; loads apigeelint's plugins on first call. */
  rules(): RuleMeta[];
}

export interface ReportInput {
  bundles: LintedBundle[];
  findings: Finding[];
  maxWarnings?: number;
  baseline?: LintReport["baseline"];
  excluded: ReadonlySet<string>;
  externalPluginsDir?: string;
}

export function buildReport(input: ReportInput): LintReport {
  const errors = input.findings.filter((f) => f.severity === "error").length;
  const warnings = input.findings.length - errors;
  let rules: RuleMeta[] | undefined;
  return {
    tool: toolInfo(),
    bundles: input.bundles,
    findings: input.findings,
    fingerprints: fingerprints(input.findings),
    errors,
    warnings,
    maxWarnings: input.maxWarnings,
    baseline: input.baseline,
    excluded: [...input.excluded].sort(),
    passed: errors === 0 && (input.maxWarnings === undefined || warnings <= input.maxWarnings),
    rules() {
      rules ??= rulesThatRan(input.findings, input.excluded, input.externalPluginsDir);
      return rules;
    }
  };
}

function rulesThatRan(findings: Finding[], excluded: ReadonlySet<string>, externalPluginsDir: string | undefined): RuleMeta[] {
  const catalog = ruleCatalog(externalPluginsDir);
  const ran = [...catalog.values()].filter((r) => !excluded.has(r.id));
  const named = new Set(ran.map((r) => r.id));
  for (const f of findings) {
    if (named.has(f.ruleId)) continue;
    named.add(f.ruleId);
    ran.push(catalog.get(f.ruleId) ?? unknownRule(f.ruleId, f.severity));
  }
  return ran;
}

let tool: ToolInfo | undefined;

export function toolInfo(): ToolInfo {
  if (!tool) {
    const manifest = JSON.parse(fs.readFileSync(path.join(packageRoot(), "package.json"), "utf8")) as { version: string; homepage?: string };
    tool = {
      name: "apigee-aws",
      version: manifest.version,
      apigeelintVersion: apigeelintVersion(),
      ...(manifest.homepage ? { informationUri: manifest.homepage } : {})
    };
  }
  return tool;
}

/** "3 problems (2 errors, 1 warning)" / "no problems". */
export function problemCount(report: Pick<LintReport, "errors" | "warnings">): string {
  const total = report.errors + report.warnings;
  if (total === 0) return "no problems";
  return `${plural(total, "problem")} (${plural(report.errors, "error")}, ${plural(report.warnings, "warning")})`;
}

export function plural(n: number, word: string, words = `${word}s`): string {
  return `${n} ${n === 1 ? word : words}`;
}

/** The lines every human-readable format ends with: totals, baseline, --max-warnings. */
export function summaryLines(report: LintReport): string[] {
  const lines = [`${problemCount(report)} in ${plural(report.bundles.length, "bundle")}`];
  if (report.baseline) {
    const { baselined, stale, file } = report.baseline;
    const staleCount = stale.reduce((n, e) => n + e.count, 0);
    lines.push(`${plural(baselined, "finding")} accepted by the baseline ${file}`);
    if (staleCount) lines.push(`${plural(staleCount, "baselined finding")} no longer found (fixed?): refresh the baseline with --baseline ${file} --write-baseline`);
  }
  if (report.maxWarnings !== undefined && report.warnings > report.maxWarnings) {
    lines.push(`${plural(report.warnings, "warning")}: more than --max-warnings ${report.maxWarnings}`);
  }
  return lines;
}

// `--format json`: the stable machine format documented in docs/ci.md
// ("format": "apigee-aws-lint", "version": 1). Fields are only ever added.

import type { LintReport } from "../report";

export const JSON_FORMAT = "apigee-aws-lint";

export function formatJson(report: LintReport): string {
  const doc = {
    format: JSON_FORMAT,
    version: 1,
    tool: { name: report.tool.name, version: report.tool.version, apigeelint: report.tool.apigeelintVersion },
    summary: {
      passed: report.passed,
      bundles: report.bundles.length,
      errors: report.errors,
      warnings: report.warnings,
      maxWarnings: report.maxWarnings ?? null,
      baselined: report.baseline?.baselined ?? 0,
      staleBaseline: report.baseline ? report.baseline.stale.reduce((n, e) => n + e.count, 0) : 0,
      excluded: report.excluded
    },
    bundles: report.bundles.map((b) => ({ path: b.path, kind: b.kind, source: b.source, zip: b.zip ?? null })),
    findings: report.findings.map((f, i) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      file: f.file,
      line: f.line >= 1 ? f.line : null,
      column: f.line >= 1 && f.column >= 1 ? f.column : null,
      bundle: f.bundle === "" ? null : f.bundle,
      fingerprint: report.fingerprints[i]
    }))
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

// `--format gitlab`: a GitLab Code Quality report (the subset of the Code
// Climate issue format GitLab reads: description, check_name, fingerprint,
// severity, location.path and location.lines.begin). GitLab needs a line, so
// a finding without one is placed on line 1; a finding inside a zip is
// placed on the zip, with the entry in the description.

import { formatPosition, splitZipEntry } from "../finding";
import type { LintReport } from "../report";

export function formatGitlab(report: LintReport): string {
  const issues = report.findings.map((f, i) => {
    const { path: file, entry } = splitZipEntry(f.file);
    const position = formatPosition(f);
    const description = entry === undefined ? f.message : `${entry}${position ? `:${position}` : ""}: ${f.message}`;
    return {
      type: "issue",
      description: `${f.ruleId}: ${description}`,
      check_name: f.ruleId,
      fingerprint: report.fingerprints[i],
      severity: f.severity === "error" ? "major" : "minor",
      categories: ["Bug Risk"],
      location: { path: file, lines: { begin: entry === undefined && f.line >= 1 ? f.line : 1 } }
    };
  });
  return `${JSON.stringify(issues, null, 2)}\n`;
}

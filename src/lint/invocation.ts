// Everything `apigee-aws lint` does once its flags are parsed (the
// invocation): collect the findings, apply or write the baseline, write each
// report, and say whether the run passed.

import * as os from "node:os";
import * as path from "node:path";
import { writeFileAtomic } from "../common/atomic-write";
import { applyBaseline, readBaseline, writeBaseline } from "./baseline";
import { collectFindings } from "./collect-findings";
import { FormatName, formatReport } from "./formats";
import { wantsColour } from "./formats/text";
import { buildReport, plural, problemCount } from "./report";
import { projectPluginsDir } from "./rules/plugin-files";

export interface LintInvocation {
  /** Relative paths (these, the intent, reports, the baseline) start at `cwd`; reports show paths relative to it. */
  paths: string[];
  cwd: string;
  /** The environment: NO_COLOR, FORCE_COLOR. */
  env: NodeJS.ProcessEnv;
  jobs: number;
  exclude: ReadonlySet<string>;
  intentFile?: string;
  format: FormatName;
  /** undefined: stdout. */
  output?: string;
  /** Further reports: format → file. */
  reports: { format: FormatName; file: string }[];
  maxWarnings?: number;
  baseline?: string;
  writeBaseline: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface LintOutcome {
  passed: boolean;
  /** What goes to stdout. */
  stdout: string;
  /** A note for stderr (where reports went), or "". */
  stderr: string;
}

export const DEFAULT_JOBS = (): number => (typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length);

export async function runLintInvocation(inv: LintInvocation, stdoutIsTty: boolean): Promise<LintOutcome> {
  // Read the baseline first: a bad one should fail before minutes of linting.
  const entries = inv.baseline && !inv.writeBaseline ? readBaseline(inv.baseline, inv.cwd) : undefined;
  const result = await collectFindings({ paths: inv.paths, cwd: inv.cwd, jobs: inv.jobs, exclude: inv.exclude, intentFile: inv.intentFile, onProgress: inv.onProgress });
  if (inv.writeBaseline) {
    const doc = writeBaseline(path.resolve(inv.cwd, inv.baseline!), result.findings);
    return { passed: true, stdout: `wrote the baseline ${inv.baseline}: ${plural(result.findings.length, "finding")} (${plural(doc.entries.length, "entry", "entries")}) in ${plural(result.bundles.length, "bundle")}\n`, stderr: "" };
  }
  const split = entries ? applyBaseline(result.findings, entries) : undefined;
  const report = buildReport({
    bundles: result.bundles,
    findings: split ? split.fresh : result.findings,
    maxWarnings: inv.maxWarnings,
    baseline: split && inv.baseline ? { file: inv.baseline, baselined: split.baselined.length, stale: split.stale } : undefined,
    excluded: inv.exclude,
    externalPluginsDir: projectPluginsDir()
  });
  for (const extra of inv.reports) writeFileAtomic(path.resolve(inv.cwd, extra.file), formatReport(report, extra.format));
  if (!inv.output) {
    const colour = inv.format === "text" && wantsColour(stdoutIsTty, inv.env);
    return { passed: report.passed, stdout: formatReport(report, inv.format, colour), stderr: "" };
  }
  writeFileAtomic(path.resolve(inv.cwd, inv.output), formatReport(report, inv.format));
  const written = [inv.output, ...inv.reports.map((r) => r.file)].join(", ");
  const verdict = report.passed ? "" : " (failed)";
  return { passed: report.passed, stdout: "", stderr: `apigee-aws lint: ${problemCount(report)} in ${plural(report.bundles.length, "bundle")}${verdict}; report written to ${written}\n` };
}

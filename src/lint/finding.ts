// One finding of `apigee-aws lint`, whichever check made it, with the paths
// people read and CI systems match on.

import * as path from "node:path";

export type Severity = "error" | "warning";

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  /**
   * Relative to the working directory, "/"-separated (absolute when outside
   * it). A file inside a linted zip is "path/to/x.zip!apiproxy/policies/A.xml".
   */
  file: string;
  /** 1-based; 0 when the finding has no line (e.g. a whole file or bundle). */
  line: number;
  /** 1-based; 0 when unknown. */
  column: number;
  /** The bundle (folder or zip, display path) the finding is in; "" when in none. */
  bundle: string;
}

/** The separator between a zip's path and an entry inside it. */
export const ZIP_ENTRY_SEPARATOR = "!";

/** A path as findings show it: relative to `cwd` with "/", or absolute when outside `cwd`. */
export function displayPath(file: string, cwd: string): string {
  const absolute = path.resolve(cwd, file);
  const relative = path.relative(cwd, absolute);
  const shown = relative === "" ? "." : relative.startsWith("..") || path.isAbsolute(relative) ? absolute : relative;
  return shown.split(path.sep).join("/");
}

/** "a/x.zip!apiproxy/p.xml" → { path: "a/x.zip", entry: "apiproxy/p.xml" }; a plain path has no entry. */
export function splitZipEntry(file: string): { path: string; entry?: string } {
  const at = file.indexOf(`.zip${ZIP_ENTRY_SEPARATOR}`);
  if (at < 0) return { path: file };
  return { path: file.slice(0, at + 4), entry: file.slice(at + 5) };
}

/** The LintMessage convention (2 error, anything else a warning) as a Severity. */
export function severityOf(level: number): Severity {
  return level >= 2 ? "error" : "warning";
}

/** File, then line, column, rule and message: the order every format lists findings in. */
export function compareFindings(a: Finding, b: Finding): number {
  return compareText(a.file, b.file) || a.line - b.line || a.column - b.column || compareText(a.ruleId, b.ruleId) || compareText(a.message, b.message);
}

/** Code-unit order, the same on every machine and locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** "12:3", "12", or "" when the finding has no line. */
export function formatPosition(finding: Pick<Finding, "line" | "column">): string {
  if (finding.line < 1) return "";
  return finding.column >= 1 ? `${finding.line}:${finding.column}` : `${finding.line}`;
}

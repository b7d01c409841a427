// `--format github`: GitHub Actions workflow commands, one annotation per
// finding (`::error file=F,line=L,col=C,title=ID::message`), then the totals
// as a plain log line. A finding inside a zip is annotated on the zip, with
// the entry in the message.

import { Finding, formatPosition, splitZipEntry } from "../finding";
import type { LintReport } from "../report";
import { summaryLines } from "../report";

/** The message part: %, CR and LF are escaped (as @actions/core does). */
export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** A property value: also `:` and `,`, which would end it. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

export function annotation(f: Finding): string {
  const { path: file, entry } = splitZipEntry(f.file);
  const props = [`file=${escapeProperty(file)}`];
  if (entry === undefined && f.line >= 1) {
    props.push(`line=${f.line}`);
    if (f.column >= 1) props.push(`col=${f.column}`);
  }
  props.push(`title=${escapeProperty(f.ruleId)}`);
  const position = formatPosition(f);
  const message = entry === undefined ? f.message : `${entry}${position ? `:${position}` : ""}: ${f.message}`;
  return `::${f.severity} ${props.join(",")}::${escapeData(`${message} (${f.ruleId})`)}`;
}

export function formatGithub(report: LintReport): string {
  const lines = report.findings.map(annotation);
  lines.push(`apigee-aws lint: ${summaryLines(report).join("; ")}`);
  return `${lines.join("\n")}\n`;
}

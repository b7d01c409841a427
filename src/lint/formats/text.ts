// The default format: findings grouped by file, `line:col  severity
// message  rule`, then the totals. Colour only for a terminal.

import { Finding, formatPosition } from "../finding";
import type { LintReport } from "../report";
import { summaryLines } from "../report";

export interface TextStyle {
  colour: boolean;
}

const ANSI = { reset: "\u001b[0m", bold: "\u001b[1m", dim: "\u001b[2m", underline: "\u001b[4m", red: "\u001b[31m", yellow: "\u001b[33m", green: "\u001b[32m" };

/**
 * Colour when writing to a terminal, unless NO_COLOR is set (no-color.org);
 * FORCE_COLOR (not "0") asks for it anyway, e.g. in CI logs that render it.
 */
export function wantsColour(isTty: boolean, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0" && env.FORCE_COLOR !== "false") return true;
  return isTty;
}

export function formatText(report: LintReport, style: TextStyle): string {
  const paint = (codes: string, text: string) => (style.colour ? `${codes}${text}${ANSI.reset}` : text);
  const out: string[] = [];
  for (const [file, findings] of groupByFile(report.findings)) {
    out.push(paint(ANSI.underline, file));
    const width = Math.max(...findings.map((f) => formatPosition(f).length));
    for (const f of findings) {
      const severity = f.severity === "error" ? paint(ANSI.red, "error  ") : paint(ANSI.yellow, "warning");
      out.push(`  ${formatPosition(f).padEnd(width)}  ${severity}  ${oneLine(f.message)}  ${paint(ANSI.dim, f.ruleId)}`);
    }
    out.push("");
  }
  const [total, ...rest] = summaryLines(report);
  const mark = report.findings.length === 0 ? "✔" : "✖";
  const colour = report.errors ? ANSI.red : report.warnings ? ANSI.yellow : ANSI.green;
  out.push(paint(ANSI.bold + colour, `${mark} ${total}`));
  for (const line of rest) out.push(line);
  return `${out.join("\n")}\n`;
}

function groupByFile(findings: Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const group = groups.get(f.file);
    if (group) group.push(f);
    else groups.set(f.file, [f]);
  }
  return groups;
}

function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, " ");
}

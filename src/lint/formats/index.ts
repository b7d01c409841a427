// The report formats of `apigee-aws lint --format`.

import type { LintReport } from "../report";
import { formatGithub } from "./github";
import { formatGitlab } from "./gitlab";
import { formatJson } from "./json";
import { formatJunit } from "./junit";
import { formatSarif } from "./sarif";
import { formatText } from "./text";

export const FORMATS = ["text", "json", "sarif", "github", "junit", "gitlab"] as const;
export type FormatName = (typeof FORMATS)[number];

export function isFormat(name: string): name is FormatName {
  return (FORMATS as readonly string[]).includes(name);
}

/** `colour` applies to text only, and only when it goes to a terminal. */
export function formatReport(report: LintReport, format: FormatName, colour = false): string {
  switch (format) {
    case "text":
      return formatText(report, { colour });
    case "json":
      return formatJson(report);
    case "sarif":
      return formatSarif(report);
    case "github":
      return formatGithub(report);
    case "junit":
      return formatJunit(report);
    case "gitlab":
      return formatGitlab(report);
  }
}

// `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other viewers.
// One run; every rule that ran is in tool.driver.rules with its help text;
// locations are relative to the working directory (the repository root in
// CI). A finding inside a zip is located at the zip (the file in the
// repository), with the entry as a logical location and in the message,
// because a line number of the entry is no line of the zip.

import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { Finding, formatPosition, splitZipEntry } from "../finding";
import type { LintReport } from "../report";
import type { RuleMeta } from "../rule-catalog";

export const SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
/** The key of our fingerprint in partialFingerprints; bump the version if its recipe changes. */
export const FINGERPRINT_KEY = "apigeeAwsLintFinding/v1";

export function formatSarif(report: LintReport): string {
  const rules = report.rules();
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const doc = {
    $schema: SARIF_SCHEMA_URI,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            ...(report.tool.informationUri ? { informationUri: report.tool.informationUri } : {}),
            rules: rules.map(ruleDescriptor)
          }
        },
        invocations: [{ executionSuccessful: true }],
        columnKind: "utf16CodeUnits",
        results: report.findings.map((f, i) => result(f, index.get(f.ruleId) ?? -1, report.fingerprints[i])),
        properties: { apigeelintVersion: report.tool.apigeelintVersion, bundles: report.bundles.map((b) => b.path) }
      }
    ]
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

function ruleDescriptor(rule: RuleMeta) {
  const source = rule.origin === "apigeelint" ? "apigeelint" : "apigee-aws";
  return {
    id: rule.id,
    name: rule.name,
    shortDescription: { text: rule.summary },
    fullDescription: { text: `${rule.summary} (${source} rule ${rule.id})` },
    help: { text: rule.help, markdown: rule.helpMarkdown ?? rule.help },
    ...(rule.helpUri ? { helpUri: rule.helpUri } : {}),
    defaultConfiguration: { level: rule.severity },
    properties: { tags: ["apigee", source] }
  };
}

function result(f: Finding, ruleIndex: number, fingerprint: string) {
  const { path: file, entry } = splitZipEntry(f.file);
  const position = formatPosition(f);
  const text = entry === undefined ? f.message : `${entry}${position ? `:${position}` : ""}: ${f.message}`;
  const region = entry === undefined && f.line >= 1 ? { startLine: f.line, ...(f.column >= 1 ? { startColumn: f.column } : {}) } : undefined;
  return {
    ruleId: f.ruleId,
    ...(ruleIndex >= 0 ? { ruleIndex } : {}),
    level: f.severity,
    message: { text },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: artifactUri(file) }, ...(region ? { region } : {}) },
        ...(entry !== undefined ? { logicalLocations: [{ fullyQualifiedName: entry, kind: "resource" }] } : {})
      }
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint }
  };
}

/** A relative path as a relative URI reference (segments percent-encoded); an absolute one as a file: URI. */
export function artifactUri(file: string): string {
  if (path.isAbsolute(file)) return pathToFileURL(file).href;
  return file
    .split("/")
    .map((segment) => encodeURIComponent(segment))
    .join("/");
}

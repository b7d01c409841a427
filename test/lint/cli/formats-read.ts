// Reading each report format back into "RULE file:line" keys, so the tests
// can check that every format reports the same findings; and the SARIF
// 2.1.0 schema check.

import * as fs from "node:fs";
import * as path from "node:path";
import { DOMParser } from "@xmldom/xmldom";
import { keys, ROOT } from "./support";

interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number; startColumn?: number } }; logicalLocations?: { fullyQualifiedName: string }[] }[];
  partialFingerprints: Record<string, string>;
}

export interface SarifLog {
  $schema: string;
  version: string;
  runs: { tool: { driver: { name: string; version: string; rules: { id: string; shortDescription: { text: string }; help: { text: string }; defaultConfiguration: { level: string } }[] } }; results: SarifResult[] }[];
}

/** A zip entry is reported at the zip, with the entry as the logical location. */
export function sarifKeys(log: SarifLog): string[] {
  return keys(
    log.runs[0].results.map((r) => {
      const location = r.locations[0];
      const uri = decodeURIComponent(location.physicalLocation.artifactLocation.uri);
      const entry = location.logicalLocations?.[0]?.fullyQualifiedName;
      const line = entry ? Number(/^[^:]+:(\d+)/.exec(r.message.text)?.[1] ?? 0) : (location.physicalLocation.region?.startLine ?? 0);
      return { ruleId: r.ruleId, file: entry ? `${uri}!${entry}` : uri, line };
    })
  );
}

export function unescapeGithub(text: string): string {
  return text.replace(/%2C/g, ",").replace(/%3A/g, ":").replace(/%0A/g, "\n").replace(/%0D/g, "\r").replace(/%25/g, "%");
}

export interface Annotation {
  level: string;
  props: Record<string, string>;
  message: string;
}

export function parseAnnotations(text: string): Annotation[] {
  return text
    .split("\n")
    .filter((l) => l.startsWith("::"))
    .map((l) => {
      const m = /^::(error|warning) ([^:]*)::(.*)$/.exec(l);
      if (!m) throw new Error(`not a workflow command: ${l}`);
      const props = Object.fromEntries(m[2].split(",").map((p) => [p.slice(0, p.indexOf("=")), unescapeGithub(p.slice(p.indexOf("=") + 1))]));
      return { level: m[1], props, message: unescapeGithub(m[3]) };
    });
}

export function githubKeys(text: string): string[] {
  return keys(
    parseAnnotations(text).map((a) => {
      const entry = /^(apiproxy|sharedflowbundle)\/[^:]+(?=:)/.exec(a.message)?.[0];
      const line = entry ? Number(/^[^:]+:(\d+)/.exec(a.message)?.[1] ?? 0) : Number(a.props.line ?? 0);
      return { ruleId: a.props.title, file: entry ? `${a.props.file}!${entry}` : a.props.file, line };
    })
  );
}

export function junitDocument(text: string): Document {
  const errors: string[] = [];
  const doc = new DOMParser({ onError: (level, message) => errors.push(`${level}: ${message}`) }).parseFromString(text, "text/xml") as unknown as Document;
  if (errors.length) throw new Error(`JUnit XML does not parse: ${errors.join("; ")}`);
  return doc;
}

/** Each failure line is "severity line:col message" ("-" when there is no line). */
export function junitKeys(text: string): string[] {
  const doc = junitDocument(text);
  const found: { ruleId: string; file: string; line: number }[] = [];
  for (const testcase of Array.from(doc.getElementsByTagName("testcase"))) {
    const failure = testcase.getElementsByTagName("failure")[0];
    if (!failure) continue;
    for (const line of (failure.textContent ?? "").split("\n")) {
      const m = /^(error|warning) (\S+) /.exec(line);
      if (!m) throw new Error(`unexpected failure line: ${line}`);
      found.push({ ruleId: testcase.getAttribute("name")!, file: testcase.getAttribute("classname")!, line: m[2] === "-" ? 0 : Number(m[2].split(":")[0]) });
    }
  }
  return keys(found);
}

interface GitlabIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: string;
  location: { path: string; lines: { begin: number } };
}

/** GitLab needs a line: a finding without one is on line 1. */
export function gitlabKeys(text: string): string[] {
  const issues = JSON.parse(text) as GitlabIssue[];
  return keys(issues.map((i) => ({ ruleId: i.check_name, file: i.location.path, line: i.location.lines.begin })));
}

/** Text: a file line, then "  line:col  severity  message  RULE" lines (no position when none). */
export function textKeys(text: string): string[] {
  const found: { ruleId: string; file: string; line: number }[] = [];
  let file = "";
  for (const line of text.split("\n")) {
    if (line === "" || /^[✔✖]/.test(line)) continue;
    if (!line.startsWith(" ")) {
      file = line;
      continue;
    }
    const m = /^\s+(?:(\d+)(?::\d+)?\s+)?(error|warning)\s+.*\s(\S+)$/.exec(line);
    if (!m) continue; // summary lines after the totals
    found.push({ ruleId: m[3], file, line: m[1] ? Number(m[1]) : 0 });
  }
  return keys(found);
}

type Validate = ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null };

let validateSarif: Validate | undefined;

/** Validates against schema/sarif-2.1.0-rtm.5.json (draft-04) with formats checked; returns the errors. */
export function sarifSchemaErrors(doc: unknown): string[] {
  if (!validateSarif) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Ajv = require("ajv-draft-04");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const addFormats = require("ajv-formats");
    const ajv = new (Ajv.default ?? Ajv)({ strict: false, unicodeRegExp: false, allErrors: true });
    (addFormats.default ?? addFormats)(ajv);
    validateSarif = ajv.compile(JSON.parse(fs.readFileSync(path.join(ROOT, "schema/sarif-2.1.0-rtm.5.json"), "utf8"))) as Validate;
  }
  return validateSarif(doc) ? [] : (validateSarif.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

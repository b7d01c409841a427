// Baselines: accept the findings a project has today and fail only on new
// ones. A finding is matched by rule, file and message with line and column
// numbers taken out, so edits that move it keep it baselined; counts let the
// same finding appear more than once in a file.

import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { writeFileAtomic } from "../common/atomic-write";
import { UserError } from "../common/user-error";
import { compareText, Finding } from "./finding";

export const BASELINE_FORMAT = "apigee-aws-lint-baseline";

export interface BaselineEntry {
  ruleId: string;
  file: string;
  /** Normalized: see normalizeMessage. */
  message: string;
  count: number;
}

export interface BaselineDocument {
  format: typeof BASELINE_FORMAT;
  version: 1;
  entries: BaselineEntry[];
}

export interface BaselineOutcome {
  /** Findings beyond the baseline: these are reported and can fail the run. */
  fresh: Finding[];
  baselined: Finding[];
  /** Entries (with the count no longer found) for findings that have since been fixed. */
  stale: BaselineEntry[];
}

/** Whitespace collapsed, and line and column numbers written in the message replaced by N. */
export function normalizeMessage(message: string): string {
  return message
    .replace(/\b(line|lines|column|col)(\s*[:#]?\s*)\d+/gi, "$1$2N")
    .replace(/:\d+(:\d+)?\b/g, (m) => m.replace(/\d+/g, "N"))
    .replace(/\s+/g, " ")
    .trim();
}

function keyOf(f: Pick<Finding, "ruleId" | "file" | "message">): string {
  return `${f.ruleId}\u0000${f.file}\u0000${normalizeMessage(f.message)}`;
}

/**
 * A stable ID per finding for SARIF partialFingerprints, GitLab and JSON:
 * the hash of rule, file and normalized message, and which occurrence of that
 * it is (in the findings' order), so no two findings share one.
 */
export function fingerprints(findings: readonly Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const key = keyOf(f);
    const occurrence = (seen.get(key) ?? 0) + 1;
    seen.set(key, occurrence);
    return `${createHash("sha256").update(key).digest("hex").slice(0, 32)}:${occurrence}`;
  });
}

export function baselineOf(findings: readonly Finding[]): BaselineDocument {
  const counts = new Map<string, BaselineEntry>();
  for (const f of findings) {
    const key = keyOf(f);
    const entry = counts.get(key);
    if (entry) entry.count++;
    else counts.set(key, { ruleId: f.ruleId, file: f.file, message: normalizeMessage(f.message), count: 1 });
  }
  const entries = [...counts.values()].sort((a, b) => compareText(a.file, b.file) || compareText(a.ruleId, b.ruleId) || compareText(a.message, b.message));
  return { format: BASELINE_FORMAT, version: 1, entries };
}

export function writeBaseline(file: string, findings: readonly Finding[]): BaselineDocument {
  const doc = baselineOf(findings);
  writeFileAtomic(file, `${JSON.stringify(doc, null, 2)}\n`);
  return doc;
}

/** Messages name `file` as given; a relative one is read from `cwd`. */
export function readBaseline(file: string, cwd: string): BaselineEntry[] {
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(cwd, file), "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder" : (e as Error).message;
    throw new UserError(`cannot read the baseline ${file}: ${why}; create it with --baseline ${file} --write-baseline`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new UserError(`the baseline ${file} is not JSON (${(e as Error).message}); write it again with --write-baseline`);
  }
  const problem = baselineProblem(doc);
  if (problem) throw new UserError(`the baseline ${file} is not an apigee-aws lint baseline: ${problem}; write it again with --write-baseline`);
  return (doc as BaselineDocument).entries;
}

function baselineProblem(doc: unknown): string | undefined {
  if (typeof doc !== "object" || doc === null) return "expected a JSON object";
  const d = doc as Partial<BaselineDocument>;
  if (d.format !== BASELINE_FORMAT) return `"format" must be "${BASELINE_FORMAT}"`;
  if (d.version !== 1) return `unsupported "version" ${JSON.stringify(d.version)} (this apigee-aws reads version 1)`;
  if (!Array.isArray(d.entries)) return `"entries" must be a list`;
  const bad = d.entries.findIndex(
    (e) => typeof e?.ruleId !== "string" || typeof e.file !== "string" || typeof e.message !== "string" || !Number.isInteger(e.count) || e.count < 1
  );
  return bad >= 0 ? `entries[${bad}] needs ruleId, file, message (strings) and count (a positive integer)` : undefined;
}

/** Splits findings into baselined and fresh; the first `count` matches of an entry are baselined. */
export function applyBaseline(findings: readonly Finding[], entries: readonly BaselineEntry[]): BaselineOutcome {
  const remaining = new Map<string, { entry: BaselineEntry; left: number }>();
  for (const entry of entries) {
    const key = keyOf(entry);
    const known = remaining.get(key);
    if (known) known.left += entry.count;
    else remaining.set(key, { entry, left: entry.count });
  }
  const outcome: BaselineOutcome = { fresh: [], baselined: [], stale: [] };
  for (const f of findings) {
    const slot = remaining.get(keyOf(f));
    if (slot && slot.left > 0) {
      slot.left--;
      outcome.baselined.push(f);
    } else outcome.fresh.push(f);
  }
  for (const { entry, left } of remaining.values()) if (left > 0) outcome.stale.push({ ...entry, count: left });
  return outcome;
}

// Helpers for the `apigee-aws lint` CLI tests: the CLI run in-process in a
// chosen folder (several at once if need be), fixtures, temporary folders,
// and the JSON report's shape.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { packageRoot } from "../../../src/common/paths";
import { PROJECT_RULES } from "../../../src/lint/rules";
import { runCli, spawnCli, type CliRun } from "../../support/cli";

export const ROOT = packageRoot();
export const FIXTURES = path.join(ROOT, "test/fixtures/lint/cli");

/** `apigee-aws ARGS` in-process, in `cwd`, without colour unless `env` asks for it. */
export function runCliIn(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return runCli(args, { cwd, env: { NO_COLOR: "1", ...env } });
}

/** The same through the real bin/apigee-aws.js. */
export function spawnCliIn(cwd: string, args: string[]): Promise<CliRun> {
  return spawnCli(args, { cwd, env: { NO_COLOR: "1" } });
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `apigee-aws-lint-test-${prefix}-`));
}

/** Copies test/fixtures/lint/cli/<name> (a folder holding apiproxy/) to `dest`. */
export function copyFixture(name: string, dest: string): string {
  fs.cpSync(path.join(FIXTURES, name), dest, { recursive: true });
  return dest;
}

export interface JsonFinding {
  ruleId: string;
  severity: "error" | "warning";
  message: string;
  file: string;
  line: number | null;
  column: number | null;
  bundle: string | null;
  fingerprint: string;
}

export interface JsonReport {
  format: string;
  version: number;
  tool: { name: string; version: string; apigeelint: string };
  summary: { passed: boolean; bundles: number; errors: number; warnings: number; maxWarnings: number | null; baselined: number; staleBaseline: number; excluded: string[] };
  bundles: { path: string; kind: string; source: "folder" | "zip"; zip: string | null }[];
  findings: JsonFinding[];
}

export function parseJsonReport(text: string): JsonReport {
  const report = JSON.parse(text) as JsonReport;
  expect(report.format).toBe("apigee-aws-lint");
  return report;
}

/** "RULE file:line" per finding (line 0 when it has none), sorted: how formats are compared. */
export function keys(findings: { ruleId: string; file: string; line: number }[]): string[] {
  return findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`).sort();
}

export function jsonKeys(report: JsonReport): string[] {
  return keys(report.findings.map((f) => ({ ruleId: f.ruleId, file: f.file, line: f.line ?? 0 })));
}

/** apigeelint's own rule IDs: two letters and three digits, like the project's (AA001), which are not apigeelint's. */
export const isApigeelintRule = (id: string): boolean => /^[A-Z]{2}\d{3}$/.test(id) && !PROJECT_RULES.some((r) => r.id === id);

/** No stack trace in what a user sees. */
export function expectNoStack(stderr: string): void {
  expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
}

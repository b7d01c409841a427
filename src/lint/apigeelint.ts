// Runs the project's pinned apigeelint on one bundle and returns its findings.

import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { packageRoot } from "../common/paths";

export interface LintMessage {
  file: string;
  ruleId: string;
  /** 1 warning, 2 error (ESLint's convention, which apigeelint's JSON follows). */
  severity: number;
  message: string;
  line: number;
  column: number;
}

interface ApigeelintFileResult {
  filePath: string;
  messages: { ruleId: string; severity: number; message: string; line?: number; column?: number }[];
}

/** `bundleDir` is an apiproxy/ or sharedflowbundle/ folder, or a zip. */
export function runApigeelint(bundleDir: string, extraArgs: string[] = []): LintMessage[] {
  const cli = path.join(packageRoot(), "node_modules/apigeelint/cli.js");
  // PO025 runs ESLint in apigeelint's working directory, and ESLint skips
  // files outside it ("File ignored because outside of base path").
  // apigeelint exits before a large stdout pipe drains, so the report goes to a file.
  const bundle = path.resolve(bundleDir);
  const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), "apigee-aws-apigeelint-"));
  const report = path.join(reportDir, "report.json");
  try {
    const run = spawnSync(process.execPath, [cli, "--profile", "apigeex", "-s", bundle, "-f", "json.js", "-q", "-w", report, ...extraArgs], {
      cwd: path.dirname(bundle),
      encoding: "utf8"
    });
    if (run.error) throw run.error;
    if (!fs.existsSync(report)) throw new Error(`apigeelint wrote no report (exit ${run.status}): ${(run.stderr || run.stdout).slice(0, 2000)}`);
    return toMessages(JSON.parse(fs.readFileSync(report, "utf8")));
  } finally {
    fs.rmSync(reportDir, { recursive: true, force: true });
  }
}

function toMessages(results: ApigeelintFileResult[]): LintMessage[] {
  return results.flatMap((r) =>
    r.messages.map((m) => ({ file: r.filePath, ruleId: m.ruleId, severity: m.severity, message: m.message, line: m.line ?? 0, column: m.column ?? 0 }))
  );
}

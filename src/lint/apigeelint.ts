// The project's pinned apigeelint: where it is, the settings `apigee-aws
// lint` runs it with, what its JSON report and its stderr mean, and running
// its CLI once on one bundle: synchronously (scripts, tests) or as a child
// process (the per-process mode `apigee-aws lint` used before it ran
// apigeelint's linter in a pool of long-lived workers, apigeelint-pool.ts;
// kept to check that the pool finds the same).

import { spawn, spawnSync } from "node:child_process";
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

/** What one apigeelint run reported, and what went wrong inside it. */
export interface ApigeelintRun {
  messages: LintMessage[];
  /**
   * Failures inside the run that it did not report as findings: a plugin
   * that threw (its checks did not run), or apigeelint writing no report.
   */
  failures: string[];
}

/** How `apigee-aws lint` runs apigeelint, whichever way: always --profile apigeex, never an .apigeelintrc. */
export interface ApigeelintSettings {
  /** Rule IDs apigeelint does not run (its -e), sorted. */
  excluded: string[];
  /** External plugins (its -x): the project's, lib/apigeelint-plugins/. */
  pluginsDir?: string;
}

/** The same settings as apigeelint CLI flags. */
export function settingsArgs(settings: ApigeelintSettings): string[] {
  const args: string[] = [];
  if (settings.excluded.length) args.push("-e", settings.excluded.join(","));
  if (settings.pluginsDir) args.push("-x", settings.pluginsDir);
  return args;
}

/**
 * The configuration apigeelint's cli.js gives its linter (lib/package/bundleLinter.js
 * `lint(config, done)`) for `--profile apigeex --norc -s BUNDLE -f json.js -q
 * [-e ...] [-x ...]`, the flags of `settingsArgs`; `output` receives the
 * report that -w would write. BUNDLE is a bundle root (…/apiproxy).
 */
export function linterConfig(bundle: string, settings: ApigeelintSettings, output: (report: string) => void): object {
  return {
    debug: true,
    // cli.js's findBundle: a folder named apiproxy or sharedflowbundle is the bundle itself.
    source: { type: "filesystem", path: bundle, sourcePath: bundle, bundleType: bundle.endsWith("sharedflowbundle") ? "sharedflowbundle" : "apiproxy" },
    complexConditionTermCount: 12,
    policyCountLimit: 100,
    externalPluginsDirectory: settings.pluginsDir,
    excluded: Object.fromEntries(settings.excluded.map((id) => [id.trim(), true])),
    maxWarnings: -1,
    profile: "apigeex",
    formatter: "json.js",
    // cli.js's -q sets "none"; a function receives the report instead of stdout.
    output
  };
}

interface ApigeelintFileResult {
  filePath: string;
  messages: { ruleId: string; severity: number; message: string; line?: number; column?: number }[];
}

/** The pinned apigeelint's version, from its package.json. */
export function apigeelintVersion(): string {
  return JSON.parse(fs.readFileSync(path.join(apigeelintDir(), "package.json"), "utf8")).version;
}

/**
 * Where node resolves apigeelint from this package: its own node_modules in a
 * checkout, the consumer's (hoisted) node_modules when installed.
 */
export function apigeelintDir(): string {
  return path.dirname(require.resolve("apigeelint/package.json", { paths: [packageRoot()] }));
}

/** `bundleDir` is an apiproxy/ or sharedflowbundle/ folder, or a zip. */
export function runApigeelint(bundleDir: string, extraArgs: string[] = []): LintMessage[] {
  const call = prepareCall(bundleDir, extraArgs);
  try {
    const run = spawnSync(process.execPath, call.args, { cwd: call.cwd, encoding: "utf8" });
    if (run.error) throw run.error;
    if (!fs.existsSync(call.report)) throw new Error(`apigeelint wrote no report (exit ${run.status}): ${(run.stderr || run.stdout).slice(0, 2000)}`);
    return readReport(call.report);
  } finally {
    call.cleanUp();
  }
}

/**
 * The same run as a child process that does not block the event loop. A run
 * that fails resolves with `failures` rather than rejecting, so one bad bundle
 * does not hide the findings of the others.
 */
export function runApigeelintAsync(bundleDir: string, extraArgs: string[] = []): Promise<ApigeelintRun> {
  const call = prepareCall(bundleDir, extraArgs);
  return new Promise<ApigeelintRun>((resolve) => {
    let stderr = "";
    const child = spawn(process.execPath, call.args, { cwd: call.cwd, stdio: ["ignore", "ignore", "pipe"] });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      stderr += chunk;
    });
    const finish = (status: string) => {
      try {
        const failures = pluginFailures(stderr);
        if (!fs.existsSync(call.report)) {
          resolve({ messages: [], failures: [...failures, `apigeelint wrote no report (${status})${stderr.trim() ? `: ${firstLines(stderr)}` : ""}`] });
          return;
        }
        resolve({ messages: readReport(call.report), failures });
      } catch (e) {
        resolve({ messages: [], failures: [`apigeelint's report could not be read: ${(e as Error).message}`] });
      } finally {
        call.cleanUp();
      }
    };
    child.on("error", (e) => finish(`could not start: ${e.message}`));
    child.on("close", (code, signal) => finish(signal ? `killed by ${signal}` : `exit ${code}`));
  });
}

interface PreparedCall {
  args: string[];
  cwd: string;
  report: string;
  cleanUp(): void;
}

function prepareCall(bundleDir: string, extraArgs: string[]): PreparedCall {
  const cli = path.join(apigeelintDir(), "cli.js");
  // PO025 runs ESLint in apigeelint's working directory, and ESLint skips
  // files outside it ("File ignored because outside of base path").
  // apigeelint exits before a large stdout pipe drains, so the report goes to a file.
  // --norc: the caller's flags are the whole configuration, whatever
  // .apigeelintrc lies beside the bundle, in the working directory or in ~.
  const bundle = path.resolve(bundleDir);
  const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), "apigee-aws-apigeelint-"));
  const report = path.join(reportDir, "report.json");
  return {
    args: [cli, "--profile", "apigeex", "--norc", "-s", bundle, "-f", "json.js", "-q", "-w", report, ...extraArgs],
    cwd: path.dirname(bundle),
    report,
    cleanUp: () => fs.rmSync(reportDir, { recursive: true, force: true })
  };
}

function readReport(report: string): LintMessage[] {
  return reportMessages(fs.readFileSync(report, "utf8"));
}

/** The findings in apigeelint's JSON report (its json.js formatter's output). */
export function reportMessages(json: string): LintMessage[] {
  return toMessages(JSON.parse(json));
}

function toMessages(results: ApigeelintFileResult[]): LintMessage[] {
  return results.flatMap((r) =>
    r.messages.map((m) => ({ file: r.filePath, ruleId: m.ruleId, severity: m.severity, message: m.message, line: m.line ?? 0, column: m.column ?? 0 }))
  );
}

// apigeelint catches a plugin that throws, prints "plugin error: FILE STACK"
// (or a plugin prints "exception in ID: ...") and carries on without its checks.
const PLUGIN_FAILURE = /^(plugin error: \S+.*|exception in [A-Z-]+\d+: .*)$/;

/** The plugin failures apigeelint printed on stderr while linting one bundle. */
export function pluginFailures(stderr: string): string[] {
  return stderr
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => PLUGIN_FAILURE.test(line));
}

/** Up to five lines of a process's stderr, on one line. */
export function firstLines(text: string): string {
  return text.trim().split("\n").slice(0, 5).join(" | ").slice(0, 1000);
}

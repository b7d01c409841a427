// Every finding of one `apigee-aws lint` run: finds the bundles, runs
// apigeelint's linter (with the project's plugins) on each in a pool of
// long-lived worker processes (apigeelint-pool.ts), compares zips with their
// folders, runs the project and intent checks, and returns the findings in a
// stable order. What becomes of them (baseline, reports, the verdict) is
// invocation.ts's business.

import * as fs from "node:fs";
import * as path from "node:path";
import type { BundleRoot } from "../bundle/files";
import { compareFileTrees, readFileTree } from "../common/file-tree";
import { ApigeelintRun, ApigeelintSettings, LintMessage } from "./apigeelint";
import { ApigeelintPool, BundleLinter, perProcessLinter } from "./apigeelint-pool";
import { BundleTarget, discoverBundles, ZipTwin } from "./discover";
import { compareFindings, displayPath, Finding, severityOf, splitZipEntry, ZIP_ENTRY_SEPARATOR } from "./finding";
import { intentFindings } from "./intent-findings";
import { mapPool } from "./pool";
import { canonicalRuleId, LINT_FAILED_RULE_ID, ZIP_DRIFT_RULE_ID } from "./rule-catalog";
import { checkProject } from "./rules";
import { projectPluginsDir } from "./rules/plugin-files";
import { unpackZipBundle } from "./zip-bundle";

export interface CollectOptions {
  /** Bundle folders, zips or folders to search, as the user gave them. */
  paths: string[];
  /** Findings' paths are relative to it. */
  cwd: string;
  /** How many apigeelint workers run at once. */
  jobs: number;
  /** Rule IDs whose findings are dropped (and which apigeelint does not run). */
  exclude: ReadonlySet<string>;
  /** The intent file to check, if any. */
  intentFile?: string;
  /** Called as bundles finish: (bundles done, bundles found). */
  onProgress?: (done: number, total: number) => void;
  /**
   * Not for users: how apigeelint runs. "processes" is its CLI once per
   * bundle, the mode before the worker pool; `pluginsDir` replaces the
   * project's plugins. For the tests and the benchmark that compare modes
   * or need a plugin that crashes.
   */
  internal?: { engine?: "workers" | "processes"; pluginsDir?: string };
}

export interface LintedBundle {
  /** Display path: the bundle root folder (…/apiproxy) or the zip. */
  path: string;
  kind: BundleRoot;
  source: "folder" | "zip";
  /** The zip beside the folder that was compared with it instead of being linted again. */
  zip?: string;
}

export interface CollectedFindings {
  bundles: LintedBundle[];
  /** Sorted by file, line, column, rule. */
  findings: Finding[];
}

export async function collectFindings(options: CollectOptions): Promise<CollectedFindings> {
  const { cwd } = options;
  const discovery = discoverBundles(options.paths, cwd);
  const settings = apigeelintSettings(options.exclude, options.internal?.pluginsDir);
  const linter: BundleLinter =
    options.internal?.engine === "processes" ? perProcessLinter(settings) : new ApigeelintPool(Math.min(options.jobs, discovery.bundles.length), settings);
  try {
    options.onProgress?.(0, discovery.bundles.length);
    // The workers start (Node, apigeelint, the plugins) while this process runs the checks that need no apigeelint.
    linter.start?.();
    const bundles = discovery.bundles.map((b) => describeBundle(b, discovery.twins, cwd));
    const beyondApigeelint = [
      ...discovery.twins.flatMap((twin) => zipDrift(twin, cwd)),
      ...projectFindings(options.paths.map((p) => path.resolve(cwd, p)), bundles, cwd),
      ...(options.intentFile ? intentFindings(options.intentFile, cwd) : [])
    ];
    let done = 0;
    const perBundle = await mapPool(discovery.bundles, options.jobs, async (bundle) => {
      const findings = await lintBundle(bundle, linter, cwd);
      options.onProgress?.(++done, discovery.bundles.length);
      return findings;
    });
    const findings = [...perBundle.flat(), ...beyondApigeelint]
      .map((f) => ({ ...f, ruleId: canonicalRuleId(f.ruleId) }))
      .filter((f) => !options.exclude.has(f.ruleId))
      .sort(compareFindings);
    return { bundles, findings };
  } finally {
    await linter.close();
  }
}

function apigeelintSettings(exclude: ReadonlySet<string>, pluginsDir: string | undefined): ApigeelintSettings {
  return { excluded: [...exclude].sort(), pluginsDir: pluginsDir ?? projectPluginsDir() };
}

async function lintBundle(bundle: BundleTarget, linter: BundleLinter, cwd: string): Promise<Finding[]> {
  const shown = displayPath(bundle.location, cwd);
  if (!bundle.zip) {
    const run = await linter.lint(bundle.location);
    return toFindings(run, bundle.location, shown, (file) => displayPath(file, cwd));
  }
  const unpacked = unpackZipBundle(bundle.zip);
  try {
    const run = await linter.lint(unpacked.root);
    const insideZip = (file: string) => {
      const rel = path.relative(path.dirname(unpacked.root), file).split(path.sep).join("/");
      return rel.startsWith("..") ? displayPath(file, cwd) : `${shown}${ZIP_ENTRY_SEPARATOR}${rel}`;
    };
    return toFindings(run, unpacked.root, shown, insideZip);
  } finally {
    unpacked.remove();
  }
}

/**
 * apigeelint reports bundle-wide findings against the bundle folder itself;
 * they are shown on the bundle's descriptor (apiproxy/NAME.xml) when it has
 * exactly one, because annotations and code scanning need a file.
 */
function toFindings(run: ApigeelintRun, root: string, bundle: string, show: (file: string) => string): Finding[] {
  const descriptor = descriptorOf(root);
  const where = (file: string) => show(path.resolve(file) === root && descriptor ? descriptor : file);
  const fromMessages = run.messages.map((m: LintMessage): Finding => ({
    ruleId: m.ruleId,
    severity: severityOf(m.severity),
    message: m.message,
    file: where(m.file),
    line: m.line,
    column: m.column,
    bundle
  }));
  const failures = run.failures.map((failure): Finding => ({
    ruleId: LINT_FAILED_RULE_ID,
    severity: "error",
    message: `apigeelint could not finish checking this bundle: ${failure}`,
    file: where(root),
    line: 0,
    column: 0,
    bundle
  }));
  return [...fromMessages, ...failures];
}

function descriptorOf(root: string): string | undefined {
  const xml = fs
    .readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".xml"))
    .map((e) => path.join(root, e.name));
  return xml.length === 1 ? xml[0] : undefined;
}

const MAX_LISTED = 10;

function zipDrift(twin: ZipTwin, cwd: string): Finding[] {
  const drift = compareFileTrees(readFileTree(twin.folderRoot), twin.contents.files);
  const parts = [
    listed("changed", drift.changed),
    listed("in the folder but not the zip", drift.missing),
    listed("in the zip but not the folder", drift.extra)
  ].filter((p) => p !== "");
  if (parts.length === 0) return [];
  const folder = displayPath(twin.folderRoot, cwd);
  return [
    {
      ruleId: ZIP_DRIFT_RULE_ID,
      severity: "error",
      message: `this zip is not a copy of ${folder}: ${parts.join("; ")}. Rebuild both (apigee-aws build) or re-zip the folder`,
      file: displayPath(twin.zip, cwd),
      line: 0,
      column: 0,
      bundle: folder
    }
  ];
}

function listed(what: string, files: string[]): string {
  if (files.length === 0) return "";
  const shown = files.slice(0, MAX_LISTED).join(", ");
  return `${what}: ${shown}${files.length > MAX_LISTED ? ` and ${files.length - MAX_LISTED} more` : ""}`;
}

function projectFindings(roots: string[], bundles: LintedBundle[], cwd: string): Finding[] {
  return checkProject(roots).map((m): Finding => {
    const parts = splitZipEntry(m.file);
    const file = parts.entry === undefined ? displayPath(parts.path, cwd) : `${displayPath(parts.path, cwd)}${ZIP_ENTRY_SEPARATOR}${parts.entry}`;
    return { ruleId: m.ruleId, severity: severityOf(m.severity), message: m.message, file, line: m.line, column: m.column, bundle: bundleOf(file, bundles) };
  });
}

function bundleOf(file: string, bundles: LintedBundle[]): string {
  const owner = bundles.find((b) => file === b.path || file.startsWith(`${b.path}/`) || file.startsWith(`${b.path}${ZIP_ENTRY_SEPARATOR}`));
  return owner?.path ?? "";
}

function describeBundle(bundle: BundleTarget, twins: ZipTwin[], cwd: string): LintedBundle {
  const twin = twins.find((t) => t.folderRoot === bundle.location);
  return { path: displayPath(bundle.location, cwd), kind: bundle.kind, source: bundle.source, ...(twin ? { zip: displayPath(twin.zip, cwd) } : {}) };
}

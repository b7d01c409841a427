// What every rule that `apigee-aws lint` can report is: apigeelint's own
// plugins (read from the pinned package, not copied), the project's rules
// (src/lint/rules) and the lint command's own checks. SARIF's rule metadata
// and the --exclude check come from here.

import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { apigeelintDir } from "./apigeelint";
import type { Severity } from "./finding";
import { severityOf } from "./finding";
import { PROJECT_RULES } from "./rules";

export interface RuleMeta {
  id: string;
  name: string;
  /** The default severity of its findings. */
  severity: Severity;
  /** One sentence: what the rule checks. */
  summary: string;
  /** How to fix or silence a finding (plain text). */
  help: string;
  /** The same as Markdown, when it needs more than the plain text. */
  helpMarkdown?: string;
  /** Absolute URL of the rule's documentation, when it has one. */
  helpUri?: string;
  origin: "apigeelint" | "apigee-aws";
}

export const APIGEELINT_RULES_URL = "https://github.com/apigee/apigeelint#rules";

export const INTENT_RULE_ID = "AA-INTENT";
export const ZIP_DRIFT_RULE_ID = "AA-ZIP-DRIFT";
export const LINT_FAILED_RULE_ID = "AA-LINT-FAILED";

/** The lint command's own checks, beside apigeelint's and the project rules. */
export const TOOL_RULES: readonly RuleMeta[] = [
  {
    id: INTENT_RULE_ID,
    name: "intent-invalid",
    severity: "error",
    summary: "The intent file has a problem that apigee-aws build refuses.",
    help: "Fix the field at the reported line and column; `apigee-aws build` lists the same problems. Pass --no-intent to lint bundles without the intent.",
    origin: "apigee-aws"
  },
  {
    id: ZIP_DRIFT_RULE_ID,
    name: "zip-drift",
    severity: "error",
    summary: "A bundle zip differs from the bundle folder beside it, so what would be deployed (the zip) is not what was linted and reviewed (the folder).",
    help: "Rebuild both with `apigee-aws build`, or re-zip the folder; never edit one without the other.",
    origin: "apigee-aws"
  },
  {
    id: LINT_FAILED_RULE_ID,
    name: "lint-failed",
    severity: "error",
    summary: "A check could not run on a bundle (an apigeelint plugin threw, or apigeelint wrote no report), so the bundle is not known to be clean.",
    help: "Read the message for the plugin and the cause, usually a file apigeelint cannot parse; run apigeelint on the bundle with DEBUG='apigeelint*' for details.",
    origin: "apigee-aws"
  }
];

// apigeelint's naming: BN001-checkBundleStructure.js; external plugins EX-AB001-name.js.
const INTERNAL_PLUGIN_FILE = /^[A-Z]{2}[0-9]{3}-.+\.js$/;
const EXTERNAL_PLUGIN_FILE = /^EX-[A-Z]{2}[0-9]{3}-.+\.(js|cjs)$/;

interface ApigeelintPlugin {
  plugin: { ruleId: string; name?: string; message?: string | null; severity?: number | null; enabled?: boolean };
}

function pluginFiles(dir: string, pattern: RegExp): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => pattern.test(f))
    .sort();
}

function apigeelintPluginsDir(): string {
  return path.join(apigeelintDir(), "lib/package/plugins");
}

/** Every rule ID --exclude accepts, without loading any plugin. */
export function knownRuleIds(externalPluginsDir: string | undefined): string[] {
  const internal = pluginFiles(apigeelintPluginsDir(), INTERNAL_PLUGIN_FILE).map((f) => f.slice(0, 5));
  // An external plugin EX-AB001-name.js may report its rule as EX-AB001 or AB001.
  const external = externalPluginsDir ? pluginFiles(externalPluginsDir, EXTERNAL_PLUGIN_FILE).flatMap((f) => [f.slice(0, 8), f.slice(3, 8)]) : [];
  return [...new Set([...internal, ...external, ...PROJECT_RULES.map((r) => r.id), ...TOOL_RULES.map((r) => r.id)])].sort();
}

/** Metadata of apigeelint's enabled plugins (and of external ones in `externalPluginsDir`), from the plugins themselves. */
export function apigeelintRules(externalPluginsDir: string | undefined): RuleMeta[] {
  const load = createRequire(path.join(apigeelintDir(), "package.json"));
  const fromDir = (dir: string, pattern: RegExp) =>
    pluginFiles(dir, pattern)
      .map((f) => (load(path.join(dir, f)) as ApigeelintPlugin).plugin)
      .filter((p) => p && p.enabled !== false && typeof p.ruleId === "string");
  const internal = fromDir(apigeelintPluginsDir(), INTERNAL_PLUGIN_FILE).map(
    (p): RuleMeta => ({
      id: p.ruleId,
      name: p.name ?? p.ruleId,
      severity: severityOf(p.severity ?? 1),
      summary: sentence(p.message || p.name || p.ruleId),
      help:
        `apigeelint rule ${p.ruleId} (${p.name ?? p.ruleId}); see the rules table at ${APIGEELINT_RULES_URL}. ` +
        `To accept one finding, put <!-- apigeelint disable=${p.ruleId} --> on the line before it; to skip the rule, pass --exclude ${p.ruleId}.`,
      helpMarkdown:
        `apigeelint rule \`${p.ruleId}\` (${p.name ?? p.ruleId}); see the [rules table](${APIGEELINT_RULES_URL}). ` +
        `To accept one finding, put \`<!-- apigeelint disable=${p.ruleId} -->\` on the line before it; to skip the rule, pass \`--exclude ${p.ruleId}\`.`,
      helpUri: APIGEELINT_RULES_URL,
      origin: "apigeelint"
    })
  );
  const external = externalPluginsDir ? fromDir(externalPluginsDir, EXTERNAL_PLUGIN_FILE) : [];
  const projectIds = new Set(PROJECT_RULES.map((r) => r.id));
  const otherExternal = external
    .filter((p) => !projectIds.has(canonicalRuleId(p.ruleId)))
    .map(
      (p): RuleMeta => ({
        id: p.ruleId,
        name: p.name ?? p.ruleId,
        severity: severityOf(p.severity ?? 1),
        summary: sentence(p.message || p.name || p.ruleId),
        help: `External apigeelint plugin ${p.ruleId}.`,
        origin: "apigeelint"
      })
    );
  return [...internal, ...otherExternal];
}

export function projectRules(): RuleMeta[] {
  return PROJECT_RULES.map((r) => ({
    id: r.id,
    name: r.name,
    severity: severityOf(r.severity),
    summary: sentence(r.summary),
    help: `${sentence(r.fix)} See docs/lint-rules.md#${r.docAnchor}.`,
    origin: "apigee-aws"
  }));
}

/** Every rule, by ID: apigeelint's, the project's, the lint command's. */
export function ruleCatalog(externalPluginsDir: string | undefined): Map<string, RuleMeta> {
  return new Map([...apigeelintRules(externalPluginsDir), ...projectRules(), ...TOOL_RULES].map((r) => [r.id, r]));
}

/**
 * apigeelint names external plugins EX-XX000; a project rule's plugin may
 * report that form while PROJECT_RULES lists the rule without the prefix.
 */
export function canonicalRuleId(ruleId: string): string {
  if (ruleId.startsWith("EX-")) {
    const bare = ruleId.slice(3);
    if (PROJECT_RULES.some((r) => r.id === bare)) return bare;
  }
  return ruleId;
}

/** A rule seen in a finding but known nowhere (an external plugin without metadata). */
export function unknownRule(id: string, severity: Severity): RuleMeta {
  return { id, name: id, severity, summary: `Rule ${id}.`, help: `Rule ${id} has no description.`, origin: "apigeelint" };
}

function sentence(text: string): string {
  const trimmed = text.trim().replace(/\s+/g, " ");
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/**
 * TD002 (use a TargetServer) and TD007 (SSLInfo TrustStore) are wrong for AWS
 * endpoints; PO013 (JSHint) and PO025 (ESLint) are replaced by AA004, which
 * checks what Apigee's Rhino runs. See docs/ci.md, "Excluded by default".
 */
export const DEFAULT_EXCLUDED = ["TD002", "TD007", "PO013", "PO025"] as const;

// The project's own lint rules, one module each (aaNNN-<name>.ts, see
// rule.ts), listed once here in ID order. Everything that names the rules is
// derived from this list: the apigeelint plugins `npm run build` writes, the
// lint command's catalogue (SARIF, --exclude) and the rules table in
// docs/lint-rules.md. Per-bundle checks run inside apigeelint; project checks
// run once over the lint roots.

import type { LintMessage } from "../apigeelint";
import { rule as aa001 } from "./aa001-no-static-aws-credentials";
import { rule as aa002 } from "./aa002-secrets-in-private-variables";
import { rule as aa003 } from "./aa003-javascript-policy-hygiene";
import { rule as aa004 } from "./aa004-rhino-compatible-javascript";
import { rule as aa005 } from "./aa005-javascript-size";
import { rule as aa006 } from "./aa006-credential-duration-bounds";
import { rule as aa007 } from "./aa007-role-per-proxy-and-environment";
import { rule as aa008 } from "./aa008-aws-requests-signed";
import { rule as aa009 } from "./aa009-aws-endpoints-tls";
import { rule as aa010 } from "./aa010-sigv4-debug-off";
import { rule as aa011 } from "./aa011-s3-method-guard";
import { rule as aa012 } from "./aa012-s3-key-validation";
import { loadBundle } from "./model/bundle";
import { readLintRoots } from "./model/lint-roots";
import type { LintRule, RuleFinding } from "./rule";

export const PROJECT_RULES: readonly LintRule[] = [aa001, aa002, aa003, aa004, aa005, aa006, aa007, aa008, aa009, aa010, aa011, aa012];

export function projectRule(id: string): LintRule {
  const rule = PROJECT_RULES.find((r) => r.id === id);
  if (!rule) throw new Error(`unknown project lint rule ${id}`);
  return rule;
}

/** Runs the per-bundle rules (all, or those named) on a bundle folder, without apigeelint. */
export function lintBundleDir(dir: string, ruleIds?: string[]): RuleFinding[] {
  const perBundle = PROJECT_RULES.filter((r) => r.checkBundle);
  const bundle = loadBundle(dir);
  return (ruleIds ?? perBundle.map((r) => r.id)).flatMap((id) => {
    const check = perBundle.find((r) => r.id === id)?.checkBundle;
    if (!check) throw new Error(`${id} is not a per-bundle rule; per-bundle rules: ${perBundle.map((r) => r.id).join(", ")}`);
    return check(bundle);
  });
}

function toLintMessage(f: RuleFinding): LintMessage {
  return { file: f.file, ruleId: f.ruleId, severity: f.severity ?? projectRule(f.ruleId).severity, message: f.message, line: f.line, column: f.column };
}

/** Checks that need more than one bundle (roles per environment and proxy, ...), over the lint roots. */
export function checkProject(roots: string[]): LintMessage[] {
  const contents = readLintRoots(roots);
  return PROJECT_RULES.flatMap((r) => r.checkProject?.(contents) ?? []).map(toLintMessage);
}

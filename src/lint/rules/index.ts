// The project's own lint rules: apigeelint external plugins (per bundle) and
// project checks that span bundles, property sets and IAM documents.
// Placeholder until the rules land.

import * as path from "node:path";
import { libDir } from "../../common/paths";
import type { LintMessage } from "../apigeelint";

export interface RuleInfo {
  /** e.g. "AA001" */
  id: string;
  /** short name, e.g. "no-static-aws-credentials" */
  name: string;
  /** 1 warning, 2 error */
  severity: 1 | 2;
  /** one sentence: what the rule checks */
  summary: string;
  /** how to fix a finding */
  fix: string;
  /** docs/lint-rules.md anchor */
  docAnchor: string;
}

export const PROJECT_RULES: RuleInfo[] = [];

/** The folder of built CommonJS plugins to pass to `apigeelint -x`. */
export function apigeelintPluginsDir(): string {
  return path.join(libDir(), "apigeelint-plugins");
}

/** Checks that need more than one bundle (roles per environment and proxy, ...), over the lint roots. */
export function checkProject(_roots: string[]): LintMessage[] {
  return [];
}

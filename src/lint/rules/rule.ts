// What a project lint rule is. Each rule is one module, aaNNN-<name>.ts,
// exporting its metadata and its checks as `rule`; index.ts lists them, and
// everything else about a rule is derived from that list: the apigeelint
// plugin files (build-plugins.ts), the catalogue SARIF and --exclude read
// (../rule-catalog.ts) and the rules table in docs/lint-rules.md
// (rules-table.ts).

import type { BundleModel } from "./model/bundle";
import type { LintRootContents } from "./model/lint-roots";

/** apigeelint's severities: 1 warning, 2 error. */
export type RuleSeverity = 1 | 2;

/** What a rule reports, before apigeelint or the lint command formats it. */
export interface RuleFinding {
  ruleId: string;
  /** Absolute path of the file the finding is in. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  message: string;
  /** Overrides the rule's severity for this finding. */
  severity?: RuleSeverity;
}

type BundleCheck = (bundle: BundleModel) => RuleFinding[];
type ProjectCheck = (contents: LintRootContents) => RuleFinding[];

/** A rule checks each bundle (inside apigeelint), the lint roots as a whole (after it), or both. */
type RuleChecks = { checkBundle: BundleCheck; checkProject?: ProjectCheck } | { checkBundle?: undefined; checkProject: ProjectCheck };

/** What a rule module writes; SARIF's rule metadata and the docs table are made from these fields. */
export type RuleDefinition = RuleChecks & {
  /** e.g. "AA001": two letters apigeelint's own rules never use, three digits. */
  id: string;
  /** Short kebab-case name, e.g. "no-static-aws-credentials". */
  name: string;
  /** The severity of its findings unless one says otherwise. */
  severity: RuleSeverity;
  /** When some findings are more or less severe than `severity`: "error over 15 MB". */
  severityNote?: string;
  /** One sentence: what the rule checks. */
  summary: string;
  /** One sentence: how to fix a finding. */
  fix: string;
};

/** How a rule runs: per bundle inside apigeelint (it gets a plugin), or only across the lint roots. */
export type RuleRunner = "apigeelint" | "project";

export type LintRule = RuleDefinition & {
  runner: RuleRunner;
  /** Its section in docs/lint-rules.md: "aa001-no-static-aws-credentials". */
  docAnchor: string;
};

export function defineRule(definition: RuleDefinition): LintRule {
  return { ...definition, runner: definition.checkBundle ? "apigeelint" : "project", docAnchor: `${definition.id.toLowerCase()}-${definition.name}` };
}

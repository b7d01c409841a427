// What every policy implementation provides to the runner.

import type { ProblemList } from "../bundle/load-error";
import type { PolicyDefinition } from "../bundle/model";
import type { StepPolicy } from "../execution/context";

export interface CompiledPolicy extends StepPolicy {
  file: string;
  line: number;
  /** Resources and shared flows it needs, checked once the bundle is loaded. */
  scripts?: string[];
  sharedFlow?: string;
}

/** Compiles a definition; reports what it does not understand to `problems`. */
export type PolicyCompiler = (def: PolicyDefinition, problems: ProblemList) => CompiledPolicy;

/** The attributes every policy element may carry. */
export const COMMON_ATTRIBUTES = ["name", "enabled", "continueOnError", "async"];

/** Elements every policy may carry. */
export const COMMON_ELEMENTS = ["DisplayName", "Description", "FaultRules", "Properties"];

/** The fields every compiled policy copies from its definition. */
export function policyBase(def: PolicyDefinition): Pick<CompiledPolicy, "name" | "type" | "file" | "line" | "enabled" | "continueOnError"> {
  return { name: def.name, type: def.type, file: def.file, line: def.line, enabled: def.enabled, continueOnError: def.continueOnError };
}

// What every policy implementation provides to the runner.

import type { XmlNode } from "../bundle/xml";
import type { ProblemList } from "../bundle/load-error";
import type { ExecutionContext } from "../execution/context";

/** A policy file as found in policies/, before its type-specific compilation. */
export interface PolicyDefinition {
  name: string;
  /** The root element: AssignMessage, Javascript, ... */
  type: string;
  node: XmlNode;
  file: string;
  line: number;
  enabled: boolean;
  continueOnError: boolean;
}

export interface CompiledPolicy {
  name: string;
  type: string;
  file: string;
  line: number;
  enabled: boolean;
  continueOnError: boolean;
  /** Runs the policy. Throws PolicyFault when it fails. */
  execute(ctx: ExecutionContext): Promise<void>;
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

// What every policy implementation provides to the runner.

import type { ProblemList } from "../bundle/load-error";
import { allowOnly, child, XmlNode } from "../bundle/xml";
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

/**
 * Elements every policy may carry: the Apigee X policy references give every
 * policy <DisplayName>. (Edge's references also listed <FaultRules> and
 * <Properties> in each policy; the X references dropped <FaultRules>, and
 * <Description> is in none of them.)
 */
export const COMMON_ELEMENTS = ["DisplayName"];

/**
 * The empty <Properties/> the Apigee X references show in the element
 * reference of AssignMessage, LookupCache, PopulateCache and SpikeArrest (as
 * the UI writes it). Those policies accept it, empty: only JavaScript reads
 * properties, so a <Property> anywhere else would be ignored, and is refused.
 */
export const EMPTY_PROPERTIES = "Properties";

export function checkEmptyProperties(policy: XmlNode, problems: ProblemList): void {
  const properties = child(policy, EMPTY_PROPERTIES);
  if (properties) allowOnly(properties, problems, []);
}

/** The fields every compiled policy copies from its definition. */
export function policyBase(def: PolicyDefinition): Pick<CompiledPolicy, "name" | "type" | "file" | "line" | "enabled" | "continueOnError"> {
  return { name: def.name, type: def.type, file: def.file, line: def.line, enabled: def.enabled, continueOnError: def.continueOnError };
}

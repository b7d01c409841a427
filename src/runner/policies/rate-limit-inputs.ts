// What Quota and SpikeArrest share: <Identifier ref> picks the counter,
// <MessageWeight ref> how much a request counts, and the fault when the
// weight is not a positive whole number.

import type { ProblemList } from "../bundle/load-error";
import { allowOnly, child, lineOf, XmlNode } from "../bundle/xml";
import type { ExecutionContext } from "../execution/context";
import { PolicyFault } from "../execution/fault";
import { resolveValue, valueSource, ValueSource } from "./values";

/** The counter every request shares when no identifier applies. */
export const DEFAULT_IDENTIFIER = "_default";

/** Reads an element that names a variable with ref="..." (Identifier, MessageWeight). */
export function refElement(policy: XmlNode, name: string, problems: ProblemList): ValueSource | null {
  const node = child(policy, name);
  if (!node) return null;
  allowOnly(node, problems, [], ["ref"]);
  const source = valueSource(node)!;
  if (!source.ref && !source.literal) problems.add(node.file, lineOf(node), `<${name}> has no ref attribute: name the variable to read, e.g. <${name} ref="request.header.x"/>`);
  return source;
}

export function identifierOf(ctx: ExecutionContext, source: ValueSource | null): string {
  return resolveValue(ctx, source) ?? DEFAULT_IDENTIFIER;
}

/** 1 unless MessageWeight names a variable; a value that is not a positive integer is InvalidMessageWeight. */
export function messageWeight(ctx: ExecutionContext, source: ValueSource | null, policy: string): number {
  const raw = resolveValue(ctx, source);
  if (raw === null) return 1;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < 1) {
    throw new PolicyFault("InvalidMessageWeight", "policies.ratelimit.InvalidMessageWeight", `Invalid message weight value ${raw} in policy ${policy}`, 500);
  }
  return Number(raw.trim());
}

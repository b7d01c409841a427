// Conversions between what callouts see (Java strings, as Apigee hands them
// out) and the JSON-friendly values the host exchanges with Node.

import type { FlowValue } from "../../flow/flow-variables";

export function toJavaString(text: string): unknown {
  return new java.lang.String(text);
}

/** A value a callout passed in, as a flow value. */
export function toFlowValue(value: unknown): FlowValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof java.lang.Number) return Number(value);
  if (value instanceof java.lang.Boolean) return String(value) === "true";
  return String(value);
}

/** A flow value as Apigee returns it from context.getVariable(). */
export function toCalloutValue(value: FlowValue | string[]): unknown {
  if (value === null) return null;
  if (typeof value === "string") return toJavaString(value);
  if (typeof value === "number" || typeof value === "boolean") return value;
  var list = new java.util.ArrayList();
  for (var i = 0; i < value.length; i++) list.add(value[i]);
  return list;
}

/** Creates `data` inside the callout's scope, with the sandbox's prototypes. */
export function inScope(scope: any, data: unknown): any {
  return scope.JSON.parse(JSON.stringify(data));
}

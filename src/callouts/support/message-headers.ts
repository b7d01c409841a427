// A message's header lines, read through flow variables so that it works for
// any message variable (the target request, or a ServiceCallout's request).

import type { HeaderList } from "../../flow/message";

/** A Java collection (or a script array) as a script array of strings. */
export function listOf(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  var v = value as { toArray?: () => ArrayLike<unknown>; length?: number };
  var items: ArrayLike<unknown> = typeof v.toArray === "function" ? v.toArray() : (value as ArrayLike<unknown>);
  var out: string[] = [];
  for (var i = 0; i < items.length; i++) out.push(String(items[i]));
  return out;
}

export function readHeaders(messageName: string): HeaderList {
  var headers: HeaderList = [];
  var names = listOf(context.getVariable(messageName + ".headers.names"));
  for (var i = 0; i < names.length; i++) {
    var values = listOf(context.getVariable(messageName + ".header." + names[i] + ".values"));
    for (var j = 0; j < values.length; j++) headers.push([names[i], values[j]]);
  }
  return headers;
}

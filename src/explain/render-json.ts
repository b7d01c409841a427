// The explanation for tools: the Explanation object as JSON, keys in the
// order model.ts declares them (the facts layer builds every object in that
// order), two-space indent, trailing newline.

import type { Explanation } from "./model";

export function renderJson(explanation: Explanation): string {
  return `${JSON.stringify(explanation, null, 2)}\n`;
}

// What the Rhino check reports: a position in the script (1-based line and
// column) and what Rhino cannot do there. Callers place it: the callout build
// maps it back through the source map, AA004 into the bundle file.

import type { JsNode } from "../common/javascript";

export interface RhinoProblem {
  line: number;
  column: number;
  message: string;
}

export function problemAt(node: JsNode, message: string): RhinoProblem {
  return { line: node.loc!.start.line, column: node.loc!.start.column + 1, message };
}

// Built-ins a script only touches to find out whether they exist, which
// Rhino runs without harm: the operand of `typeof X`, and X (or X.y) inside
// an if, ?: or &&/|| whose test inspects X with typeof (the UMD wrapper's
// `typeof module !== "undefined" ? module.exports = f() : ...`). A guard in
// another form (a variable holding the typeof, a try/catch) is not seen.

import { childNodes, JsNode, walk } from "../common/javascript";
import type { RhinoProblem } from "./problem";

/** Names a test inspects with typeof: `typeof Symbol === "function"`, `typeof module !== "undefined" && ...`. */
function typeofNames(test: JsNode): Set<string> {
  const names = new Set<string>();
  walk(test, {
    enter(node) {
      if (node.type !== "UnaryExpression" || node.operator !== "typeof") return;
      let arg = node.argument;
      while (arg.type === "MemberExpression") arg = arg.object;
      if (arg.type === "Identifier") names.add(arg.name);
    }
  });
  return names;
}

function positionKey(at: { line: number; column: number }): string {
  return `${at.line}:${at.column}`;
}

function nodeKey(node: JsNode): string {
  return positionKey({ line: node.loc!.start.line, column: node.loc!.start.column + 1 });
}

/** Positions (line:column, 1-based) of the feature-detected uses in a program. */
function featureDetected(program: JsNode): Set<string> {
  const out = new Set<string>();
  const visit = (node: JsNode, guarded: Set<string>): void => {
    if (node.type === "UnaryExpression" && node.operator === "typeof") out.add(nodeKey(node.argument));
    if (node.type === "Identifier" && guarded.has(node.name)) out.add(nodeKey(node));
    if (node.type === "MemberExpression" && node.object.type === "Identifier" && guarded.has(node.object.name)) out.add(nodeKey(node));
    const test = node.type === "IfStatement" || node.type === "ConditionalExpression" ? node.test : node.type === "LogicalExpression" ? node.left : null;
    const behindTest = test ? new Set([...guarded, ...typeofNames(test)]) : guarded;
    for (const child of childNodes(node)) visit(child, child === test ? guarded : behindTest);
  };
  visit(program, new Set());
  return out;
}

/** `problems` without those at a feature-detected use in `program`. */
export function withoutFeatureDetection(problems: RhinoProblem[], program: JsNode): RhinoProblem[] {
  const detected = featureDetected(program);
  return problems.filter((p) => !detected.has(positionKey(p)));
}

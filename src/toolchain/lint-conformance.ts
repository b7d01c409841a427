// Makes built callouts clean under apigeelint's JavaScript rules with its
// default configuration (PO013 jshint, PO025 eslint: semi, double quotes,
// quote-props as-needed, strict "function"), without giving up minification.

import * as acorn from "acorn";
import * as walk from "acorn-walk";

/**
 * ESLint's `strict` rule wants "use strict" in every top-level function, but
 * Rhino's optimizer does not type the locals of strict functions: SHA-256
 * runs five times slower in compiled mode (see docs/performance.md). The
 * directive says so where a reviewer of the bundle will look.
 */
export const STRICT_DIRECTIVE =
  "/* eslint-disable strict -- not strict on purpose: Rhino runs strict functions ~5x slower (apigee-aws docs/performance.md) */\n";

type AnyNode = acorn.Node & Record<string, any>;

const NEEDS_SEMICOLON = new Set([
  "ExpressionStatement",
  "VariableDeclaration",
  "ReturnStatement",
  "ThrowStatement",
  "BreakStatement",
  "ContinueStatement",
  "DoWhileStatement",
  "DebuggerStatement"
]);

/** Adds the semicolons that esbuild's whitespace minifier leaves out before "}". */
export function insertMissingSemicolons(code: string): string {
  const program = acorn.parse(code, { ecmaVersion: 5, sourceType: "script" }) as AnyNode;
  const positions: number[] = [];
  walk.fullAncestor(program, (node: AnyNode, _state: unknown, ancestors: AnyNode[]) => {
    if (!NEEDS_SEMICOLON.has(node.type)) return;
    const parent = ancestors[ancestors.length - 2];
    if (node.type === "VariableDeclaration" && parent && (parent.init === node || parent.left === node)) return;
    if (code.charAt(node.end - 1) !== ";") positions.push(node.end);
  });
  positions.sort((a, b) => b - a);
  let out = code;
  for (const p of positions) out = out.slice(0, p) + ";" + out.slice(p);
  return out;
}

export function conformToApigeeLint(code: string): string {
  return STRICT_DIRECTIVE + insertMissingSemicolons(code);
}

// Makes built callouts clean under apigeelint's JavaScript rules with its
// default configuration (PO013 jshint, PO025 eslint: semi, double quotes,
// quote-props as-needed, strict "function"). esbuild's readable output already
// ends every statement with a semicolon; the pass adds any that a construct
// left out, and the comment that says why the code is not strict.

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

/** Adds the semicolons that esbuild left out (its whitespace minifier drops those before "}"). */
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

/** `banner`, when given, becomes the first line: a `//` comment above the directive. */
export function conformToApigeeLint(code: string, banner?: string): string {
  if (banner !== undefined && /[\r\n\u2028\u2029]/.test(banner)) throw new Error(`a callout banner is one line: ${JSON.stringify(banner)}`);
  return (banner === undefined ? "" : `// ${banner}\n`) + STRICT_DIRECTIVE + insertMissingSemicolons(code);
}

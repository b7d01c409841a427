// What a script reads that Apigee's Rhino does not have: globals (Map,
// Promise, require, ...), statics added after ES5 (Object.assign), and
// RegExp arguments its regular expressions reject. Built-ins are matched by
// name, so a script that declares its own Map is not reported for it.

import { JsNode, patternNames, walk } from "../common/javascript";
import { E4X_GLOBALS, e4xGlobalProblem } from "./e4x";
import { problemAt, RhinoProblem } from "./problem";
import { MISSING_GLOBALS, MISSING_STATICS, SUPPORTED_REGEXP_FLAGS } from "./rhino-limits";

/** What Rhino's regular expressions reject in a pattern and its flags. */
export function regexProblems(node: JsNode, pattern: string, flags: string): RhinoProblem[] {
  const out: RhinoProblem[] = [];
  const bad = flags.split("").filter((f) => SUPPORTED_REGEXP_FLAGS.indexOf(f) < 0);
  if (bad.length) out.push(problemAt(node, `regular-expression flag \`${bad.join("")}\` is not supported by Rhino; use only ${SUPPORTED_REGEXP_FLAGS}`));
  if (/\(\?<[A-Za-z_$]/.test(pattern)) out.push(problemAt(node, "named capture groups are not supported by Rhino; use numbered groups"));
  if (/\(\?<[=!]/.test(pattern)) out.push(problemAt(node, "lookbehind assertions are not supported by Rhino; restructure the expression"));
  return out;
}

function declaredNames(program: JsNode): Set<string> {
  const names = new Set<string>();
  walk(program, {
    enter(node) {
      if (node.type === "VariableDeclarator") patternNames(node.id).forEach((n) => names.add(n));
      if (node.type === "FunctionDeclaration" || node.type === "FunctionExpression" || node.type === "ArrowFunctionExpression") {
        patternNames(node.id).forEach((n) => names.add(n));
        node.params.forEach((p: JsNode) => patternNames(p).forEach((n) => names.add(n)));
      }
      if (node.type === "ClassDeclaration" || node.type === "ClassExpression") patternNames(node.id).forEach((n) => names.add(n));
      if (node.type === "CatchClause") patternNames(node.param).forEach((n) => names.add(n));
    }
  });
  return names;
}

/** Whether an identifier reads a variable (not a property name, a label or the name being declared). */
function isReference(node: JsNode, parent: JsNode | null): boolean {
  if (!parent) return true;
  // A shorthand property's value is a node of its own, so its key is never the read.
  const key = parent.type === "MemberExpression" ? parent.property : /^(Property|PropertyDefinition|MethodDefinition)$/.test(parent.type) ? parent.key : null;
  if (key === node && !parent.computed) return false;
  if (parent.type === "LabeledStatement" || parent.type === "BreakStatement" || parent.type === "ContinueStatement") return false;
  if (parent.type === "VariableDeclarator" && parent.id === node) return false;
  if (/^(Function|Class)(Declaration|Expression)$/.test(parent.type) && parent.id === node) return false;
  // Assigning a global defines it (a polyfill does): only reading one needs Rhino to have it.
  if (parent.type === "AssignmentExpression" && parent.left === node) return false;
  return true;
}

// The tables are plain objects: "toString" or "constructor" must not find Object.prototype's.
function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

function stringLiteral(node: JsNode | undefined): string | null {
  return node && node.type === "Literal" && typeof node.value === "string" ? node.value : null;
}

/**
 * Every use of a missing built-in, children before their parents (the order
 * the build has always listed them in). `hints` replace MISSING_GLOBALS'
 * advice for some globals.
 */
export function missingBuiltIns(program: JsNode, hints: Readonly<Record<string, string>> = {}): RhinoProblem[] {
  const declared = declaredNames(program);
  const out: RhinoProblem[] = [];
  walk(program, {
    leave(node, parent) {
      if (node.type === "Identifier") {
        const hint = own(MISSING_GLOBALS, node.name);
        if (hint !== undefined && !declared.has(node.name) && isReference(node, parent)) {
          out.push(problemAt(node, `\`${node.name}\` does not exist in Apigee's Rhino: ${own(hints, node.name) ?? hint}`));
        } else if (E4X_GLOBALS.indexOf(node.name) >= 0 && !declared.has(node.name) && isReference(node, parent)) {
          out.push(problemAt(node, e4xGlobalProblem(node.name)));
        }
      } else if (node.type === "MemberExpression" && node.object.type === "Identifier" && !node.computed && !declared.has(node.object.name)) {
        const missing = own(MISSING_STATICS, node.object.name);
        if (missing && missing.indexOf(node.property.name) >= 0) out.push(problemAt(node, `\`${node.object.name}.${node.property.name}\` does not exist in Apigee's Rhino (it is not ES5)`));
      } else if ((node.type === "NewExpression" || node.type === "CallExpression") && node.callee.type === "Identifier" && node.callee.name === "RegExp") {
        const [pattern, flags] = node.arguments as JsNode[];
        out.push(...regexProblems(node, stringLiteral(pattern) ?? "", stringLiteral(flags) ?? ""));
      }
    }
  });
  return out;
}

// AA004: JavaScript that Apigee's Rhino runs. An ES5 script goes through the
// build's own output check (src/toolchain/es5-check.ts: missing built-ins,
// RegExp flags, oversized functions). A script that is not ES5 stops that
// check at its first syntax error, so it is parsed again as modern
// JavaScript to report every post-ES5 construct and every built-in from
// src/toolchain/rhino-rules.ts it uses, each at its own line and column.

import * as acorn from "acorn";
import type { BundleModel } from "../model/bundle";
import { readText } from "../model/bundle";
import { parseJavaScript } from "../model/js-flow-writes";
import { contentPosition, firstChild, rawTextOf } from "../model/xml";
import type { RuleFinding, TextPosition } from "../finding";
import { checkBuiltCallout } from "../../../toolchain/es5-check";
import { MISSING_GLOBALS, MISSING_STATICS, SUPPORTED_REGEXP_FLAGS } from "../../../toolchain/rhino-rules";

type Node = acorn.Node & Record<string, any>;

export interface ScriptProblem extends TextPosition {
  message: string;
}

/** A source map with no mappings: es5-check then reports positions in the script itself. */
const IDENTITY_MAP = JSON.stringify({ version: 3, sources: [], names: [], mappings: "" });

const RHINO = "Apigee's Rhino (ES5, language version 0)";

/**
 * rhino-rules.ts speaks to this project's own callouts (some hints name its
 * source files); for anyone's bundle these globals get a hint of their own.
 */
const USER_HINTS: Record<string, string> = {
  TextEncoder: "encode UTF-8 with unescape(encodeURIComponent(s)) and charCodeAt",
  require: "bundle the module into the script, or load it with <IncludeURL>",
  URL: "split the URL with a regular expression",
  URLSearchParams: "split the query string on & and = and decodeURIComponent the parts"
};

function hintFor(name: string): string {
  return USER_HINTS[name] ?? MISSING_GLOBALS[name];
}

/** es5-check's message for a missing global, with the user-facing hint. */
function withUserHint(message: string): string {
  const name = /^`(\w+)` does not exist in Apigee's Rhino: /.exec(message)?.[1];
  return name && USER_HINTS[name] ? message.replace(MISSING_GLOBALS[name], USER_HINTS[name]) : message;
}

function parseEs5(code: string): Node | null {
  try {
    return acorn.parse(code, { ecmaVersion: 5, sourceType: "script", locations: true }) as Node;
  } catch {
    return null;
  }
}

/** Names a test inspects with typeof: `typeof Symbol === "function"`, `typeof module !== "undefined" && ...`. */
function typeofNames(test: Node): Set<string> {
  const names = new Set<string>();
  walk(test, (node) => {
    if (node.type !== "UnaryExpression" || node.operator !== "typeof") return;
    let arg = node.argument;
    while (arg.type === "MemberExpression") arg = arg.object;
    if (arg.type === "Identifier") names.add(arg.name);
  });
  return names;
}

function positionKey(node: Node): string {
  return `${node.loc!.start.line}:${node.loc!.start.column + 1}`;
}

/**
 * Positions of feature-detected uses, which Rhino runs without harm and
 * which are not reported: the operand of `typeof X`, and X (or X.y) inside
 * an if, ?: or &&/|| whose test inspects X with typeof (the UMD wrapper's
 * `typeof module !== "undefined" ? module.exports = f() : ...`).
 */
function featureDetected(program: Node): Set<string> {
  const out = new Set<string>();
  const visit = (node: Node, guarded: Set<string>): void => {
    if (node.type === "UnaryExpression" && node.operator === "typeof") {
      out.add(positionKey(node.argument));
    }
    if (node.type === "Identifier" && guarded.has(node.name)) out.add(positionKey(node));
    if (node.type === "MemberExpression" && node.object.type === "Identifier" && guarded.has(node.object.name)) out.add(positionKey(node));
    const test = node.type === "IfStatement" || node.type === "ConditionalExpression" ? node.test : node.type === "LogicalExpression" ? node.left : null;
    const behindTest = test ? new Set([...guarded, ...typeofNames(test)]) : guarded;
    for (const key of Object.keys(node)) {
      if (key === "loc") continue;
      const value = node[key];
      const inner = value === test ? guarded : behindTest;
      if (Array.isArray(value)) value.forEach((v) => isNode(v) && visit(v, inner));
      else if (isNode(value)) visit(value, inner);
    }
  };
  visit(program, new Set());
  return out;
}

/** Every problem Rhino would have with a script, positions 1-based. */
export function rhinoProblems(code: string): ScriptProblem[] {
  const es5 = () =>
    checkBuiltCallout({ code, map: IDENTITY_MAP, mapDir: ".", outputName: "script", rootDir: "." }).map((f) => ({
      line: f.line,
      column: f.column,
      message: withUserHint(f.message)
    }));
  const es5Program = parseEs5(code);
  if (es5Program) {
    const detected = featureDetected(es5Program);
    return es5().filter((p) => !detected.has(`${p.line}:${p.column}`));
  }
  const modern = parseJavaScript(code) as Node | null;
  // Not JavaScript of any version: es5-check's report names the syntax error.
  if (!modern) return es5();
  const detected = featureDetected(modern);
  return [...modernSyntax(modern), ...missingBuiltIns(modern).filter((p) => !detected.has(`${p.line}:${p.column}`))].sort(
    (a, b) => a.line - b.line || a.column - b.column
  );
}

function at(node: Node, message: string): ScriptProblem {
  return { line: node.loc!.start.line, column: node.loc!.start.column + 1, message };
}

function notEs5(node: Node, what: string, instead: string): ScriptProblem {
  return at(node, `${what} is not ES5, so ${RHINO} cannot parse this script: ${instead}`);
}

function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string";
}

function walk(node: Node, visit: (node: Node, parent: Node | null) => void, parent: Node | null = null): void {
  visit(node, parent);
  for (const key of Object.keys(node)) {
    if (key === "loc") continue;
    const value = node[key];
    if (Array.isArray(value)) value.forEach((v) => isNode(v) && walk(v, visit, node));
    else if (isNode(value)) walk(value, visit, node);
  }
}

function modernSyntax(program: Node): ScriptProblem[] {
  const out: ScriptProblem[] = [];
  walk(program, (node, parent) => {
    switch (node.type) {
      case "VariableDeclaration":
        if (node.kind !== "var") out.push(notEs5(node, `\`${node.kind}\``, "use var"));
        break;
      case "ArrowFunctionExpression":
        out.push(notEs5(node, "an arrow function", "use function (...) { ... }"));
        break;
      case "TemplateLiteral":
        if (parent?.type !== "TaggedTemplateExpression") out.push(notEs5(node, "a template literal", "concatenate strings with +"));
        break;
      case "TaggedTemplateExpression":
        out.push(notEs5(node, "a tagged template", "call the function with a string"));
        break;
      case "ClassDeclaration":
      case "ClassExpression":
        out.push(notEs5(node, "`class`", "use a constructor function and its prototype"));
        break;
      case "ForOfStatement":
        out.push(notEs5(node, "for...of", "use an index loop"));
        break;
      case "SpreadElement":
        out.push(notEs5(node, "spread (`...`)", "use Array.prototype.concat or apply"));
        break;
      case "RestElement":
        out.push(notEs5(node, "a rest element (`...`)", "use `arguments`"));
        break;
      case "ObjectPattern":
      case "ArrayPattern":
        out.push(notEs5(node, "destructuring", "assign each property with its own statement"));
        break;
      case "AssignmentPattern":
        out.push(notEs5(node, "a default value", "test for undefined in the body"));
        break;
      case "FunctionDeclaration":
      case "FunctionExpression":
        if (node.async) out.push(notEs5(node, "an async function", "use httpClient's callback form"));
        if (node.generator) out.push(notEs5(node, "a generator function", "use a plain function"));
        break;
      case "Property":
        if (node.method) out.push(notEs5(node, "a method definition", "write name: function (...) { ... }"));
        else if (node.shorthand && parent?.type === "ObjectExpression") out.push(notEs5(node, "a shorthand property", "write name: name"));
        if (node.computed) out.push(notEs5(node, "a computed property key", "assign obj[key] = value after creating the object"));
        break;
      case "ChainExpression":
        out.push(notEs5(node, "optional chaining (`?.`)", "test for null first"));
        break;
      case "LogicalExpression":
        if (node.operator === "??") out.push(notEs5(node, "`??`", "test for null and undefined explicitly"));
        break;
      case "BinaryExpression":
        if (node.operator === "**") out.push(notEs5(node, "`**`", "use Math.pow"));
        break;
      case "AssignmentExpression":
        if (["**=", "??=", "||=", "&&="].indexOf(node.operator) >= 0) out.push(notEs5(node, `\`${node.operator}\``, "write the assignment out"));
        break;
      case "Literal":
        if (node.bigint !== undefined) out.push(notEs5(node, "a BigInt literal", "use numbers"));
        else if (typeof node.raw === "string" && /^\d[\d_]*_/.test(node.raw)) out.push(notEs5(node, "a numeric separator", "write the digits without _"));
        else if (node.regex) out.push(...regexProblems(node, node.regex.pattern, node.regex.flags));
        break;
      case "ImportDeclaration":
      case "ImportExpression":
      case "ExportNamedDeclaration":
      case "ExportDefaultDeclaration":
      case "ExportAllDeclaration":
        out.push(notEs5(node, "module syntax (import/export)", "Apigee runs each resource as a plain script; bundle dependencies into it"));
        break;
      case "MetaProperty":
        out.push(notEs5(node, `\`${node.meta.name}.${node.property.name}\``, "remove it"));
        break;
      case "AwaitExpression":
        out.push(notEs5(node, "`await`", "use httpClient's callback form"));
        break;
    }
  });
  return out;
}

function regexProblems(node: Node, pattern: string, flags: string): ScriptProblem[] {
  const out: ScriptProblem[] = [];
  const bad = flags.split("").filter((f) => SUPPORTED_REGEXP_FLAGS.indexOf(f) < 0);
  if (bad.length) out.push(at(node, `regular-expression flag \`${bad.join("")}\` is not supported by Rhino; use only ${SUPPORTED_REGEXP_FLAGS}`));
  if (/\(\?<[A-Za-z_$]/.test(pattern)) out.push(at(node, "named capture groups are not supported by Rhino; use numbered groups"));
  if (/\(\?<[=!]/.test(pattern)) out.push(at(node, "lookbehind assertions are not supported by Rhino; restructure the expression"));
  return out;
}

function declaredNames(program: Node): Set<string> {
  const names = new Set<string>();
  const addPattern = (p: Node | null | undefined): void => {
    if (!p) return;
    if (p.type === "Identifier") names.add(p.name);
    else if (p.type === "ObjectPattern") p.properties.forEach((q: Node) => addPattern(q.type === "RestElement" ? q.argument : q.value));
    else if (p.type === "ArrayPattern") p.elements.forEach(addPattern);
    else if (p.type === "RestElement") addPattern(p.argument);
    else if (p.type === "AssignmentPattern") addPattern(p.left);
  };
  walk(program, (node) => {
    if (node.type === "VariableDeclarator") addPattern(node.id);
    if (node.type === "FunctionDeclaration" || node.type === "FunctionExpression" || node.type === "ArrowFunctionExpression") {
      addPattern(node.id);
      node.params.forEach(addPattern);
    }
    if (node.type === "ClassDeclaration" || node.type === "ClassExpression") addPattern(node.id);
    if (node.type === "CatchClause") addPattern(node.param);
  });
  return names;
}

function isReference(node: Node, parent: Node | null): boolean {
  if (!parent) return true;
  if ((parent.type === "MemberExpression" || parent.type === "PropertyDefinition" || parent.type === "MethodDefinition") && (parent.property === node || parent.key === node) && !parent.computed) return false;
  if (parent.type === "Property" && parent.key === node && !parent.computed && !parent.shorthand) return false;
  if (parent.type === "LabeledStatement" || parent.type === "BreakStatement" || parent.type === "ContinueStatement") return false;
  if (parent.type === "VariableDeclarator" && parent.id === node) return false;
  if ((parent.type === "FunctionDeclaration" || parent.type === "FunctionExpression" || parent.type === "ClassDeclaration" || parent.type === "ClassExpression") && parent.id === node) return false;
  return true;
}

function missingBuiltIns(program: Node): ScriptProblem[] {
  const declared = declaredNames(program);
  const out: ScriptProblem[] = [];
  walk(program, (node, parent) => {
    if (node.type === "Identifier") {
      if (MISSING_GLOBALS[node.name] && !declared.has(node.name) && isReference(node, parent)) {
        out.push(at(node, `\`${node.name}\` does not exist in Apigee's Rhino: ${hintFor(node.name)}`));
      }
    } else if (node.type === "MemberExpression" && node.object.type === "Identifier" && !node.computed && !declared.has(node.object.name)) {
      const missing = MISSING_STATICS[node.object.name];
      if (missing && missing.indexOf(node.property.name) >= 0) out.push(at(node, `\`${node.object.name}.${node.property.name}\` does not exist in Apigee's Rhino (it is not ES5)`));
    } else if ((node.type === "NewExpression" || node.type === "CallExpression") && node.callee.type === "Identifier" && node.callee.name === "RegExp") {
      const [pattern, flags] = node.arguments as Node[];
      if (pattern && pattern.type === "Literal" && typeof pattern.value === "string") {
        out.push(...regexProblems(node, pattern.value, flags && flags.type === "Literal" && typeof flags.value === "string" ? flags.value : ""));
      } else if (flags && flags.type === "Literal" && typeof flags.value === "string") {
        out.push(...regexProblems(node, "", flags.value));
      }
    }
  });
  return out;
}

function shifted(problem: ScriptProblem, start: TextPosition): TextPosition {
  return problem.line === 1 ? { line: start.line, column: start.column + problem.column - 1 } : { line: start.line + problem.line - 1, column: problem.column };
}

export function findRhinoProblems(bundle: BundleModel): RuleFinding[] {
  const resources = bundle.resources
    .filter((r) => r.type === "jsc" && r.name.endsWith(".js"))
    .flatMap((r) => rhinoProblems(readText(r.file)).map((p) => ({ ruleId: "AA004", file: r.file, line: p.line, column: p.column, message: p.message })));
  const inline = [...bundle.policies.values()]
    .filter((p) => p.type === "Javascript")
    .flatMap((policy) => {
      const source = firstChild(policy.root, "Source");
      if (!source) return [];
      const start = contentPosition(source);
      return rhinoProblems(rawTextOf(source)).map((p) => ({ ruleId: "AA004", file: policy.file, ...shifted(p, start), message: `<Source> of ${policy.name}: ${p.message}` }));
    });
  return [...resources, ...inline];
}

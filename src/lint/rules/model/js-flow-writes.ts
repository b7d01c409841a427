// What a JavaScript resource writes to flow variables: every
// `<x>.setVariable(name, value)` call, with the name worked out statically
// where the code makes it knowable (string literals, concatenation, and
// variables or object-literal properties that are bound once and never
// reassigned, scope by scope, so minified code resolves correctly), and where
// the value comes from (a literal, another flow variable, a field).

import { childNodes, JsNode as Node, parseJavaScript, patternNames } from "../../../common/javascript";
import { memoByText } from "./text-memo";

export type StaticString = { exact: string } | { prefix: string };

export interface FlowWrite {
  /** The variable name, exactly or as a known prefix; null when it cannot be known statically. */
  name: StaticString | null;
  value: ValueOrigin;
  /** 1-based. */
  line: number;
  column: number;
}

export interface ValueOrigin {
  /** The value is a literal (string, number, boolean, null). */
  literal: string | null;
  /** The value is read from this flow variable (`context.getVariable("x")`, maybe through a local). */
  variable: string | null;
  /** The value is a field with this name (`credentials.SecretAccessKey`). */
  field: string | null;
}

interface Binding {
  /** The initializers of its declarations; resolvable only when there is exactly one. */
  inits: Node[];
  /** Declared as a parameter, function, class, catch clause or destructuring target. */
  opaque: boolean;
  /** Assigned or updated after its declaration (or, for objects, had a property assigned). */
  reassigned: boolean;
  scope: Scope;
}

interface Scope {
  parent: Scope | null;
  bindings: Map<string, Binding>;
}

const FUNCTION_TYPES = new Set(["FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression"]);

/** The declarations a function (or the program) hoists, not looking into nested functions. */
function declare(fn: Node, parent: Scope | null): Scope {
  const scope: Scope = { parent, bindings: new Map() };
  const add = (name: string, init: Node | null, opaque: boolean) => {
    let binding = scope.bindings.get(name);
    if (!binding) {
      binding = { inits: [], opaque: false, reassigned: false, scope };
      scope.bindings.set(name, binding);
    }
    if (init) binding.inits.push(init);
    if (opaque) binding.opaque = true;
  };
  if (fn.type !== "Program") {
    if (fn.type === "FunctionExpression" && fn.id) add(fn.id.name, null, true);
    fn.params.forEach((p: Node) => patternNames(p).forEach((n) => add(n, null, true)));
  }
  const visit = (node: Node) => {
    if (node.type === "VariableDeclaration") {
      for (const d of node.declarations) {
        if (d.id.type === "Identifier") add(d.id.name, d.init ?? null, false);
        else patternNames(d.id).forEach((n) => add(n, null, true));
      }
    } else if (node.type === "FunctionDeclaration" || node.type === "ClassDeclaration") {
      if (node.id) add(node.id.name, null, true);
      if (node.type === "FunctionDeclaration") return;
    } else if (node.type === "CatchClause" && node.param) {
      patternNames(node.param).forEach((n) => add(n, null, true));
    }
    if (FUNCTION_TYPES.has(node.type) && node !== fn) return;
    childNodes(node).forEach(visit);
  };
  (fn.type === "Program" ? fn.body : [fn.body]).forEach(visit);
  return scope;
}

function lookup(scope: Scope | null, name: string): Binding | null {
  for (let s = scope; s; s = s.parent) {
    const b = s.bindings.get(name);
    if (b) return b;
  }
  return null;
}

/** Visits every node with the scope it is in. */
function walkScoped(program: Node, scopes: Map<Node, Scope>, visit: (node: Node, scope: Scope) => void): void {
  const go = (node: Node, scope: Scope) => {
    let inner = scope;
    if (FUNCTION_TYPES.has(node.type)) {
      inner = scopes.get(node) ?? declare(node, scope);
      scopes.set(node, inner);
    }
    visit(node, inner);
    childNodes(node).forEach((c) => go(c, inner));
  };
  const top = scopes.get(program) ?? declare(program, null);
  scopes.set(program, top);
  go(program, top);
}

function markReassignments(program: Node, scopes: Map<Node, Scope>): void {
  walkScoped(program, scopes, (node, scope) => {
    let target: Node | null = null;
    if (node.type === "AssignmentExpression") target = node.left;
    else if (node.type === "UpdateExpression") target = node.argument;
    else if (node.type === "UnaryExpression" && node.operator === "delete") target = node.argument;
    while (target && target.type === "MemberExpression") target = target.object;
    if (target && target.type === "Identifier") {
      const b = lookup(scope, target.name);
      if (b) b.reassigned = true;
    }
  });
}

function resolvedInit(node: Node, scope: Scope): { init: Node; scope: Scope } | null {
  if (node.type !== "Identifier") return null;
  const b = lookup(scope, node.name);
  if (!b || b.opaque || b.reassigned || b.inits.length !== 1) return null;
  return { init: b.inits[0], scope: b.scope };
}

function propertyName(member: Node): string | null {
  if (!member.computed && member.property.type === "Identifier") return member.property.name;
  if (member.property.type === "Literal" && typeof member.property.value === "string") return member.property.value;
  return null;
}

function objectProperty(object: Node, name: string): Node | null {
  if (object.type !== "ObjectExpression") return null;
  let found: Node | null = null;
  for (const p of object.properties) {
    if (p.type !== "Property") return null;
    const key = p.computed ? null : p.key.type === "Identifier" ? p.key.name : p.key.type === "Literal" ? String(p.key.value) : null;
    if (key === name) found = p.value;
  }
  return found;
}

const MAX_DEPTH = 12;

/** The string an expression evaluates to, when the code alone decides it. */
export function staticString(node: Node, scope: Scope, depth = 0): StaticString | null {
  if (depth > MAX_DEPTH) return null;
  switch (node.type) {
    case "Literal":
      return typeof node.value === "string" || typeof node.value === "number" ? { exact: String(node.value) } : null;
    case "TemplateLiteral": {
      let text = "";
      for (let i = 0; i < node.quasis.length; i++) {
        text += node.quasis[i].value.cooked ?? "";
        if (i < node.expressions.length) {
          const part = staticString(node.expressions[i], scope, depth + 1);
          if (!part || !("exact" in part)) return { prefix: text + (part ? part.prefix : "") };
          text += part.exact;
        }
      }
      return { exact: text };
    }
    case "BinaryExpression": {
      if (node.operator !== "+") return null;
      const left = staticString(node.left, scope, depth + 1);
      if (!left) return null;
      if (!("exact" in left)) return left;
      const right = staticString(node.right, scope, depth + 1);
      if (!right) return left.exact === "" ? null : { prefix: left.exact };
      return "exact" in right ? { exact: left.exact + right.exact } : { prefix: left.exact + right.prefix };
    }
    case "Identifier": {
      const r = resolvedInit(node, scope);
      return r ? staticString(r.init, r.scope, depth + 1) : null;
    }
    case "MemberExpression": {
      const name = propertyName(node);
      const r = name === null ? null : resolvedInit(node.object, scope);
      const value = r ? objectProperty(r.init, name!) : null;
      return value && r ? staticString(value, r.scope, depth + 1) : null;
    }
    case "CallExpression":
      if (node.callee.type === "Identifier" && node.callee.name === "String" && node.arguments.length === 1) {
        return staticString(node.arguments[0], scope, depth + 1);
      }
      return null;
    default:
      return null;
  }
}

function isMethodCall(node: Node, method: string): boolean {
  return node.type === "CallExpression" && node.callee.type === "MemberExpression" && propertyName(node.callee) === method;
}

function valueOrigin(node: Node, scope: Scope, depth = 0): ValueOrigin {
  const none: ValueOrigin = { literal: null, variable: null, field: null };
  if (depth > MAX_DEPTH) return none;
  if (node.type === "Literal") return { ...none, literal: String(node.value) };
  if (node.type === "TemplateLiteral" && node.expressions.length === 0) return { ...none, literal: node.quasis[0].value.cooked ?? "" };
  if (isMethodCall(node, "getVariable") && node.arguments.length >= 1) {
    const name = staticString(node.arguments[0], scope);
    return { ...none, variable: name && "exact" in name ? name.exact : null };
  }
  if (node.type === "CallExpression" && node.callee.type === "Identifier" && node.callee.name === "String" && node.arguments.length === 1) {
    return valueOrigin(node.arguments[0], scope, depth + 1);
  }
  if (node.type === "MemberExpression") {
    const name = propertyName(node);
    return { ...none, field: name };
  }
  const r = resolvedInit(node, scope);
  return r ? valueOrigin(r.init, r.scope, depth + 1) : none;
}

/** Every setVariable call in the script, in source order; [] when the text does not parse. Shared: do not modify. */
export const flowWrites: (code: string) => readonly FlowWrite[] = memoByText(64, analyzeFlowWrites);

function analyzeFlowWrites(code: string): FlowWrite[] {
  const program = parseJavaScript(code);
  if (!program) return [];
  const scopes = new Map<Node, Scope>();
  markReassignments(program, scopes);
  const out: FlowWrite[] = [];
  walkScoped(program, scopes, (node, scope) => {
    if (!isMethodCall(node, "setVariable") || node.arguments.length < 2) return;
    const [name, value] = node.arguments as Node[];
    out.push({
      name: staticString(name, scope),
      value: valueOrigin(value, scope),
      line: node.loc!.start.line,
      column: node.loc!.start.column + 1
    });
  });
  return out;
}

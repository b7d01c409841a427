// JavaScript as acorn parses it, for the checks that read scripts without
// running them: the Rhino compatibility check and the lint rules' flow-write
// analysis walk the same trees the same way.

import * as acorn from "acorn";

export type JsNode = acorn.Node & Record<string, any>;

/** Parses any ECMAScript version; null when the text is not JavaScript at all. */
export function parseJavaScript(code: string): JsNode | null {
  for (const sourceType of ["script", "module"] as const) {
    try {
      return acorn.parse(code, { ecmaVersion: "latest", sourceType, locations: true, allowReturnOutsideFunction: true, allowHashBang: true }) as JsNode;
    } catch {
      // try the next source type
    }
  }
  return null;
}

export function isNode(value: unknown): value is JsNode {
  return typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string";
}

/** The names a declaration pattern binds (`a`, `{ b, c: d }`, `[e, ...f]`, `g = 1`). */
export function patternNames(pattern: JsNode | null | undefined, out: string[] = []): string[] {
  if (!pattern) return out;
  if (pattern.type === "Identifier") out.push(pattern.name);
  else if (pattern.type === "ObjectPattern") pattern.properties.forEach((p: JsNode) => patternNames(p.type === "RestElement" ? p.argument : p.value, out));
  else if (pattern.type === "ArrayPattern") pattern.elements.forEach((e: JsNode | null) => patternNames(e, out));
  else if (pattern.type === "RestElement") patternNames(pattern.argument, out);
  else if (pattern.type === "AssignmentPattern") patternNames(pattern.left, out);
  return out;
}

/** A node's child nodes in source order. */
export function childNodes(node: JsNode): JsNode[] {
  const out: JsNode[] = [];
  for (const key of Object.keys(node)) {
    if (key === "loc") continue;
    const value = node[key];
    if (Array.isArray(value)) value.forEach((v) => isNode(v) && out.push(v));
    else if (isNode(value)) out.push(value);
  }
  return out;
}

export interface Visitor {
  /** Before the node's children. */
  enter?(node: JsNode, parent: JsNode | null): void;
  /** After them. */
  leave?(node: JsNode, parent: JsNode | null): void;
}

/** Every node at and below `node`, each with its parent. */
export function walk(node: JsNode, visitor: Visitor, parent: JsNode | null = null): void {
  visitor.enter?.(node, parent);
  for (const child of childNodes(node)) walk(child, visitor, node);
  visitor.leave?.(node, parent);
}

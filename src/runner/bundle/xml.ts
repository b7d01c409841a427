// Bundle XML with line numbers, and strict readers: an element or attribute a
// loader does not understand is reported, never skipped.

import { DOMParser, Element, Node } from "@xmldom/xmldom";
import type { ProblemList } from "./load-error";

/** An element plus the bundle file it came from, for error messages. */
export interface XmlNode {
  el: Element;
  file: string;
}

export function parseXml(file: string, text: string, problems: ProblemList): XmlNode | null {
  let failed = false;
  const report = (message: unknown) => {
    if (failed) return;
    failed = true;
    const at = /line:(\d+)/.exec(String(message));
    problems.add(file, at ? Number(at[1]) : 1, `not well-formed XML: ${String(message).split("\n")[0].replace(/^\[xmldom [a-z ]+\]\t?/i, "")}`);
  };
  let doc;
  try {
    doc = new DOMParser({ onError: (level, message) => level !== "warning" && report(message) }).parseFromString(text, "text/xml");
  } catch (e) {
    // xmldom throws after reporting a fatal error; the report already holds the line.
    report((e as Error).message);
    return null;
  }
  const root = doc.documentElement;
  if (failed || !root) {
    if (!failed) problems.add(file, 1, "no root element");
    return null;
  }
  return { el: root, file };
}

export function lineOf(node: XmlNode): number {
  return (node.el as unknown as { lineNumber?: number }).lineNumber ?? 1;
}

export function elements(node: XmlNode, name?: string): XmlNode[] {
  const out: XmlNode[] = [];
  for (let c: Node | null = node.el.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 1 && (name === undefined || (c as Element).tagName === name)) out.push({ el: c as Element, file: node.file });
  }
  return out;
}

export function child(node: XmlNode, name: string): XmlNode | null {
  return elements(node, name)[0] ?? null;
}

export function text(node: XmlNode | null): string | null {
  if (!node) return null;
  return node.el.textContent ?? "";
}

export function childText(node: XmlNode, name: string): string | null {
  const c = child(node, name);
  return c ? (text(c) ?? "").trim() : null;
}

export function attr(node: XmlNode, name: string): string | null {
  return node.el.hasAttribute(name) ? node.el.getAttribute(name) : null;
}

/**
 * Reports children and attributes outside the allowed sets. Apigee ignores
 * unknown elements in some places and rejects them in others; the runner
 * always says so, because silently skipping one hides a wiring mistake.
 */
export function allowOnly(node: XmlNode, problems: ProblemList, children: string[], attributes: string[] = []): void {
  for (const c of elements(node)) {
    if (!children.includes(c.el.tagName)) {
      problems.add(
        node.file,
        lineOf(c),
        `<${node.el.tagName}> has an element <${c.el.tagName}> the runner does not support (known: ${children.length ? children.join(", ") : "none"})`
      );
    }
  }
  const attrs = node.el.attributes;
  for (let i = 0; i < attrs.length; i++) {
    const a = attrs.item(i)!;
    if (!attributes.includes(a.name) && !a.name.startsWith("xmlns")) {
      problems.add(node.file, lineOf(node), `<${node.el.tagName}> has an attribute ${a.name}="..." the runner does not support (known: ${attributes.join(", ") || "none"})`);
    }
  }
}

/** "true"/"false" (case-insensitive) or the default; anything else is a problem. */
export function booleanText(node: XmlNode | null, fallback: boolean, problems: ProblemList): boolean {
  if (!node) return fallback;
  const value = (text(node) ?? "").trim().toLowerCase();
  if (value === "true") return true;
  if (value === "false") return false;
  problems.add(node.file, lineOf(node), `<${node.el.tagName}> must be true or false, not "${value}"`);
  return fallback;
}

// Bundle XML (src/bundle/xml.ts) with the file each element came from, and
// strict readers: an element or attribute a loader does not understand is
// reported, never skipped.

import * as xml from "../../bundle/xml";
import type { Element } from "../../bundle/xml";
import type { ProblemList } from "./load-error";

/** An element plus the bundle file it came from, for error messages. */
export interface XmlNode {
  el: Element;
  file: string;
}

export function parseXml(file: string, text: string, problems: ProblemList): XmlNode | null {
  const parsed = xml.parseXml(text);
  if (parsed.problem) {
    problems.add(file, parsed.problem.line, `not well-formed XML: ${parsed.problem.message}`);
    return null;
  }
  return { el: parsed.root, file };
}

export function lineOf(node: XmlNode): number {
  return xml.lineOf(node.el);
}

export function elements(node: XmlNode, name?: string): XmlNode[] {
  return xml.childElements(node.el, name).map((el) => ({ el, file: node.file }));
}

export function child(node: XmlNode, name: string): XmlNode | null {
  return elements(node, name)[0] ?? null;
}

export function text(node: XmlNode | null): string | null {
  return node ? xml.textContent(node.el) : null;
}

export function childText(node: XmlNode, name: string): string | null {
  return xml.childText(node.el, name);
}

export function attr(node: XmlNode, name: string): string | null {
  let names = attributesRead.get(node.el);
  if (!names) attributesRead.set(node.el, (names = new Set()));
  names.add(name);
  return xml.attribute(node.el, name);
}

// What the readers have looked at, for reportUnchecked: the elements whose
// children and attributes allowOnly checked, and the attributes read by name.
const checkedElements = new WeakSet<object>();
const attributesRead = new WeakMap<object, Set<string>>();

/**
 * Reports children and attributes outside the allowed sets. Apigee ignores
 * unknown elements in some places and rejects them in others; the runner
 * always says so, because silently skipping one hides a wiring mistake.
 */
export function allowOnly(node: XmlNode, problems: ProblemList, children: string[], attributes: string[] = []): void {
  checkedElements.add(node.el);
  for (const c of elements(node)) {
    if (!children.includes(c.el.tagName)) {
      // Reported here; reportUnchecked need not report what is inside it too.
      checkedElements.add(c.el);
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

/**
 * Reports, below `node`, what no reader checked: an element that allowOnly
 * never saw (a leaf such as <Timeout> or <Name>, read by its text) may carry
 * no element and no attribute other than those read by name with attr().
 * Readers call it once they are done with a file's root, so an attribute such
 * as <Timeout ref="..."> is refused rather than silently ignored.
 */
export function reportUnchecked(node: XmlNode, problems: ProblemList): void {
  const visit = (el: Element): void => {
    const children = xml.childElements(el);
    if (checkedElements.has(el)) {
      for (const c of children) visit(c);
      return;
    }
    const known = attributesRead.get(el) ?? new Set<string>();
    const attrs = el.attributes;
    for (let i = 0; i < attrs.length; i++) {
      const a = attrs.item(i)!;
      if (a.name.startsWith("xmlns") || known.has(a.name)) continue;
      problems.add(node.file, xml.lineOf(el), `<${el.tagName}> has an attribute ${a.name}="..." the runner does not support (known: ${[...known].join(", ") || "none"})`);
    }
    for (const c of children) problems.add(node.file, xml.lineOf(c), `<${el.tagName}> has an element <${c.tagName}> the runner does not support (known: none)`);
  };
  visit(node.el);
}

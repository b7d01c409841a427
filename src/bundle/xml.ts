// Bundle XML as Apigee reads it: parsed with @xmldom/xmldom, which records
// each node's line and column, and read by element name. Elements are matched
// by their name as written (tagName); Apigee's bundles use no namespaces.
// Every reader of bundles uses this: the runner, deploy, the generator's fixed
// policies, the management-API stand-in and lint's rules.

import { DOMParser, Node, type Element } from "@xmldom/xmldom";

export type { Element, Node };

/** Why a text is not well-formed XML: xmldom's first fatal or error report, at its line. */
export interface XmlProblem {
  message: string;
  line: number;
}

export type ParsedXml = { root: Element; problem?: undefined } | { root?: undefined; problem: XmlProblem };

export function parseXml(text: string): ParsedXml {
  let problem: XmlProblem | undefined;
  const report = (message: unknown, line: number | undefined) => {
    problem ??= { message: String(message).split("\n")[0].replace(/^\[xmldom [a-z ]+\]\t?/i, ""), line: Math.max(line ?? 1, 1) };
  };
  let root: Element | null = null;
  try {
    const parser = new DOMParser({
      onError: (level, message, context) => void (level !== "warning" && report(message, (context as { locator?: { lineNumber?: number } } | undefined)?.locator?.lineNumber))
    });
    root = parser.parseFromString(text, "text/xml").documentElement;
  } catch (e) {
    // xmldom throws after reporting a fatal error, so the report already holds it.
    report((e as Error).message, (e as { locator?: { lineNumber?: number } }).locator?.lineNumber);
  }
  if (problem) return { problem };
  if (!root) return { problem: { message: "no root element", line: 1 } };
  return { root };
}

export function lineOf(node: Element | Node): number {
  return (node as { lineNumber?: number }).lineNumber ?? 1;
}

/** The 1-based column where the node starts (an element at its `<`), 1 when unknown. */
export function columnOf(node: Element | Node): number {
  return (node as { columnNumber?: number }).columnNumber ?? 1;
}

export interface Position {
  line: number;
  column: number;
}

export function positionOf(node: Element | Node): Position {
  return { line: lineOf(node), column: columnOf(node) };
}

/**
 * Where the element's character content starts: its first text or CDATA
 * child (xmldom places a CDATA node at its `<![CDATA[`, so the content is 9
 * further); the element itself when it has none.
 */
export function contentPosition(el: Element): Position {
  for (let c: Node | null = el.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === Node.TEXT_NODE) return positionOf(c);
    if (c.nodeType === Node.CDATA_SECTION_NODE) return { line: lineOf(c), column: columnOf(c) + "<![CDATA[".length };
  }
  return positionOf(el);
}

export function isElement(node: Node): node is Element {
  return node.nodeType === Node.ELEMENT_NODE;
}

/** Character content as written: a text node or a CDATA section. */
export function isText(node: Node): boolean {
  return node.nodeType === Node.TEXT_NODE || node.nodeType === Node.CDATA_SECTION_NODE;
}

export function isComment(node: Node): boolean {
  return node.nodeType === Node.COMMENT_NODE;
}

/** The element's child elements, only those named `name` when given. */
export function childElements(el: Element, name?: string): Element[] {
  const out: Element[] = [];
  for (let c: Node | null = el.firstChild; c; c = c.nextSibling) {
    if (isElement(c) && (name === undefined || c.tagName === name)) out.push(c);
  }
  return out;
}

/** The first child element named `name`; null when there is none (or no element to look in). */
export function firstChild(el: Element | null | undefined, name: string): Element | null {
  return el ? childElements(el, name)[0] ?? null : null;
}

/** The element at the end of a path of child names, e.g. ["HTTPTargetConnection", "URL"]; null when a step is missing. */
export function childAt(el: Element | null, names: string[]): Element | null {
  let at = el;
  for (const name of names) at = firstChild(at, name);
  return at;
}

/** Every element named `name` below `el`, in document order. */
export function descendants(el: Element, name: string): Element[] {
  return Array.from(el.getElementsByTagName(name) as unknown as ArrayLike<Element>);
}

/** The attribute's value, null when the element has none (an empty value is ""). */
export function attribute(el: Element, name: string): string | null {
  return el.hasAttribute(name) ? el.getAttribute(name) : null;
}

/** All the text inside the element, nested elements' included, untrimmed. */
export function textContent(el: Element): string {
  return el.textContent ?? "";
}

/** The element's own character content as written: its text and CDATA children joined, nested elements' text left out, untrimmed. */
export function ownText(el: Element): string {
  let out = "";
  for (let c: Node | null = el.firstChild; c; c = c.nextSibling) if (isText(c)) out += c.nodeValue ?? "";
  return out;
}

/** The element's own text, trimmed (a configuration value as written: <Name> private.x </Name> is "private.x"); "" when there is no element. */
export function trimmedOwnText(el: Element | null | undefined): string {
  return el ? ownText(el).trim() : "";
}

/** The trimmed text of the first child element named `name`, null when there is none. */
export function childText(el: Element, name: string): string | null {
  const child = firstChild(el, name);
  return child ? textContent(child).trim() : null;
}

// XML as the rules read it: parsed with positions (1-based line and column,
// as @xmldom/xmldom records them), navigated by local element names.

import { DOMParser } from "@xmldom/xmldom";

export interface XmlElement {
  tagName: string;
  localName: string | null;
  childNodes: ArrayLike<XmlNode>;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  lineNumber?: number;
  columnNumber?: number;
}

export interface XmlNode {
  nodeType: number;
  nodeValue: string | null;
  childNodes: ArrayLike<XmlNode>;
  lineNumber?: number;
  columnNumber?: number;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

export interface Position {
  line: number;
  column: number;
}

/** The document element, or null when the text is not well-formed XML (apigeelint's BN011 reports that). */
export function parseXml(text: string): XmlElement | null {
  let broken = false;
  const doc = new DOMParser({
    onError: (level: string) => {
      if (level !== "warning") broken = true;
    }
  }).parseFromString(text, "text/xml");
  const root = doc.documentElement as unknown as XmlElement | null;
  return broken || !root ? null : root;
}

export function elementName(el: XmlElement): string {
  return el.localName ?? el.tagName;
}

export function childElements(el: XmlElement, name?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (let i = 0; i < el.childNodes.length; i++) {
    const node = el.childNodes[i];
    if (node.nodeType !== ELEMENT_NODE) continue;
    const child = node as unknown as XmlElement;
    if (name === undefined || elementName(child) === name) out.push(child);
  }
  return out;
}

export function firstChild(el: XmlElement | null | undefined, name: string): XmlElement | null {
  return el ? childElements(el, name)[0] ?? null : null;
}

/** The element at the end of a path of child names, e.g. ["HTTPTargetConnection", "URL"]. */
export function childAt(el: XmlElement | null, names: string[]): XmlElement | null {
  let at = el;
  for (const name of names) at = firstChild(at, name);
  return at;
}

/** Every descendant element with this local name, in document order. */
export function descendants(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const visit = (node: XmlElement) => {
    for (const child of childElements(node)) {
      if (elementName(child) === name) out.push(child);
      visit(child);
    }
  };
  visit(el);
  return out;
}

/** Concatenated text and CDATA content of the element's own children, trimmed. */
export function textOf(el: XmlElement | null | undefined): string {
  return el ? rawTextOf(el).trim() : "";
}

export function rawTextOf(el: XmlElement): string {
  let out = "";
  for (let i = 0; i < el.childNodes.length; i++) {
    const node = el.childNodes[i];
    if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE) out += node.nodeValue ?? "";
  }
  return out;
}

export function positionOf(node: { lineNumber?: number; columnNumber?: number } | null | undefined): Position {
  return { line: node?.lineNumber ?? 1, column: node?.columnNumber ?? 1 };
}

/**
 * Where the character content of `el` starts: the first text or CDATA child
 * (xmldom places a CDATA node at its `<![CDATA[`, so its content is 9 further).
 */
export function contentPosition(el: XmlElement): Position {
  for (let i = 0; i < el.childNodes.length; i++) {
    const node = el.childNodes[i];
    if (node.nodeType === TEXT_NODE) return positionOf(node);
    if (node.nodeType === CDATA_SECTION_NODE) {
      const at = positionOf(node);
      return { line: at.line, column: at.column + "<![CDATA[".length };
    }
  }
  return positionOf(el);
}

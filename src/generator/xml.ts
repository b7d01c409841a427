// The generator's XML: a small element tree, rendered by xmlbuilder2 the same
// way every time: attributes and children in the order given, 2-space indent,
// the standalone declaration, and a trailing newline. Text is escaped by
// xmlbuilder2; message templates ({var}) pass through unchanged.

import { create } from "xmlbuilder2";
import type { XMLBuilder } from "xmlbuilder2/lib/interfaces";

export interface XmlElement {
  name: string;
  attributes: [string, string][];
  children: XmlChild[];
}

export interface XmlComment {
  comment: string;
}

export type XmlChild = XmlElement | XmlComment | string;

export type Attributes = Record<string, string | number | boolean | null | undefined>;

/** An element; null, undefined and false children are left out, so optional parts read inline. */
export function el(name: string, attributes: Attributes | null, ...children: (XmlChild | XmlChild[] | null | undefined | false)[]): XmlElement {
  const attrs: [string, string][] = [];
  for (const [key, value] of Object.entries(attributes ?? {})) if (value !== null && value !== undefined) attrs.push([key, String(value)]);
  const flat: XmlChild[] = [];
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) flat.push(...c);
    else flat.push(c);
  }
  return { name, attributes: attrs, children: flat };
}

/** <name>text</name> */
export function textEl(name: string, text: string | number | boolean, attributes: Attributes | null = null): XmlElement {
  return el(name, attributes, String(text));
}

export function comment(text: string): XmlComment {
  // "--" may not appear inside an XML comment.
  return { comment: ` ${text.replace(/--/g, "- -")} ` };
}

function build(parent: XMLBuilder, node: XmlElement): void {
  const e = parent.ele(node.name);
  for (const [k, v] of node.attributes) e.att(k, v);
  for (const c of node.children) {
    if (typeof c === "string") e.txt(c);
    else if ("comment" in c) e.com(c.comment);
    else build(e, c);
  }
}

// Most policies come out the same in every proxy of an intent, and
// xmlbuilder2's DOM is costly to build, so renderings are kept by content.
const rendered = new Map<string, string>();
const RENDERED_LIMIT = 20000;

export function renderXml(root: XmlElement): string {
  const key = JSON.stringify(root);
  const known = rendered.get(key);
  if (known !== undefined) return known;
  const doc = create({ version: "1.0", encoding: "UTF-8", standalone: true });
  build(doc, root);
  const text = doc.end({ prettyPrint: true, indent: "  " }) + "\n";
  if (rendered.size >= RENDERED_LIMIT) rendered.clear();
  rendered.set(key, text);
  return text;
}

// A true/false attribute (ignoreCase="true", override="false"): anything else
// is reported, as booleanText does for element text.

import type { ProblemList } from "../bundle/load-error";
import { attr, lineOf, XmlNode } from "../bundle/xml";

export function booleanAttr(node: XmlNode, name: string, fallback: boolean, problems: ProblemList): boolean {
  const raw = attr(node, name);
  if (raw === null) return fallback;
  const value = raw.trim().toLowerCase();
  if (value === "true") return true;
  if (value === "false") return false;
  problems.add(node.file, lineOf(node), `<${node.el.tagName} ${name}="${raw}">: must be true or false`);
  return fallback;
}

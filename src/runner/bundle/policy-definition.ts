// A policies/NAME.xml file read into a PolicyDefinition: its type, name and
// the attributes every policy shares.

import type { ProblemList } from "./load-error";
import type { PolicyDefinition } from "./model";
import { attr, lineOf, parseXml } from "./xml";

function flag(value: string | null, fallback: boolean): boolean {
  return value === null ? fallback : value.trim().toLowerCase() === "true";
}

export function readPolicyDefinition(file: string, xml: string, problems: ProblemList): PolicyDefinition | null {
  const node = parseXml(file, xml, problems);
  if (!node) return null;
  const name = attr(node, "name");
  const expected = file.replace(/^.*\//, "").replace(/\.xml$/, "");
  if (!name) problems.add(file, lineOf(node), `<${node.el.tagName}> has no name attribute; add name="${expected}"`);
  else if (name !== expected) problems.add(file, lineOf(node), `policy name "${name}" does not match its file name; Apigee expects policies/${name}.xml`);
  return {
    name: name ?? expected,
    type: node.el.tagName,
    node,
    file,
    line: lineOf(node),
    enabled: flag(attr(node, "enabled"), true),
    continueOnError: flag(attr(node, "continueOnError"), false)
  };
}

// Policies that are the same in every bundle live as XML in the package's
// policies/ folder, where a reviewer reads them as Apigee does. The generator
// parses them into its element tree, so they render through the same writer
// as the computed policies; a test keeps each file in that rendered form, so
// what is in policies/ is byte for byte what the bundles hold.

import * as fs from "node:fs";
import * as path from "node:path";
import { jscResources } from "../bundle/facts";
import { isComment, isElement, isText, parseXml, type Element } from "../bundle/xml";
import { packageRoot } from "../common/paths";
import { GeneratorError } from "./errors";
import { policy, Policy } from "./parts";
import type { XmlChild, XmlElement } from "./xml";

export function fixedPoliciesDir(): string {
  return path.join(packageRoot(), "policies");
}

function toElement(el: Element): XmlElement {
  const attributes: [string, string][] = Array.from(el.attributes).map((a) => [a.name, a.value]);
  const children: XmlChild[] = [];
  for (let child = el.firstChild; child; child = child.nextSibling) {
    const value = child.nodeValue ?? "";
    if (isElement(child)) children.push(toElement(child));
    else if (isComment(child)) children.push({ comment: value });
    // Whitespace between elements is the indentation the writer adds again.
    else if (isText(child) && value.trim() !== "") children.push(value);
  }
  return { name: el.nodeName, attributes, children };
}

function parsePolicyRoot(xml: string, file: string): Element {
  const parsed = parseXml(xml);
  if (parsed.problem) throw new GeneratorError(`${file}: not well-formed XML: ${parsed.problem.message}`);
  return parsed.root;
}

export function parsePolicyXml(xml: string, file: string): XmlElement {
  return toElement(parsePolicyRoot(xml, file));
}

const cache = new Map<string, Policy>();

/** The policy in policies/NAME.xml, whose name attribute must be NAME. */
export function fixedPolicy(name: string): Policy {
  const known = cache.get(name);
  if (known) return known;
  const loaded = loadFixedPolicy(fixedPoliciesDir(), name);
  cache.set(name, loaded);
  return loaded;
}

export function loadFixedPolicy(dir: string, name: string): Policy {
  const file = path.join(dir, `${name}.xml`);
  if (!fs.existsSync(file)) throw new GeneratorError(`${file} is missing: the generator copies the fixed policy ${name} from there (is the package complete?)`);
  const root = parsePolicyRoot(fs.readFileSync(file, "utf8"), file);
  const element = toElement(root);
  const declared = element.attributes.find(([k]) => k === "name")?.[1];
  if (declared !== name) throw new GeneratorError(`${file}: the policy's name attribute is "${declared ?? ""}"; it must be "${name}", the file's name`);
  return policy(element, jscResources(root));
}

// Policies that are the same in every bundle live as XML in the package's
// policies/ folder, where a reviewer reads them as Apigee does. The generator
// parses them into its element tree, so they render through the same writer
// as the computed policies; a test keeps each file in that rendered form, so
// what is in policies/ is byte for byte what the bundles hold.

import { DOMParser } from "@xmldom/xmldom";
import * as fs from "node:fs";
import * as path from "node:path";
import { packageRoot } from "../common/paths";
import { GeneratorError } from "./errors";
import { policy, Policy } from "./parts";
import type { XmlChild, XmlElement } from "./xml";

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;
const COMMENT_NODE = 8;

export function fixedPoliciesDir(): string {
  return path.join(packageRoot(), "policies");
}

interface DomNode {
  nodeType: number;
  nodeName: string;
  nodeValue: string | null;
  childNodes: ArrayLike<DomNode>;
  attributes?: ArrayLike<{ name: string; value: string }>;
}

function toElement(node: DomNode): XmlElement {
  const attributes: [string, string][] = Array.from(node.attributes ?? []).map((a) => [a.name, a.value]);
  const children: XmlChild[] = [];
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === ELEMENT_NODE) children.push(toElement(child));
    else if (child.nodeType === COMMENT_NODE) children.push({ comment: child.nodeValue ?? "" });
    // Whitespace between elements is the indentation the writer adds again.
    else if ((child.nodeType === TEXT_NODE || child.nodeType === CDATA_SECTION_NODE) && (child.nodeValue ?? "").trim() !== "") children.push(child.nodeValue ?? "");
  }
  return { name: node.nodeName, attributes, children };
}

function scriptsOf(element: XmlElement): string[] {
  const scripts: string[] = [];
  const visit = (e: XmlElement) => {
    for (const c of e.children) {
      if (typeof c === "string" || "comment" in c) continue;
      if ((c.name === "ResourceURL" || c.name === "IncludeURL") && typeof c.children[0] === "string" && c.children[0].startsWith("jsc://")) scripts.push(c.children[0].slice("jsc://".length));
      visit(c);
    }
  };
  visit(element);
  return scripts;
}

export function parsePolicyXml(xml: string, file: string): XmlElement {
  const problems: string[] = [];
  let doc;
  try {
    doc = new DOMParser({ onError: (level, message) => void (level !== "warning" && problems.push(message)) }).parseFromString(xml, "text/xml");
  } catch (e) {
    // xmldom reports fatal errors by throwing after onError.
    if (!problems.length) problems.push(e instanceof Error ? e.message : String(e));
  }
  if (!doc || problems.length || !doc.documentElement) throw new GeneratorError(`${file}: not well-formed XML: ${problems.join("; ") || "no root element"}`);
  return toElement(doc.documentElement as unknown as DomNode);
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
  const element = parsePolicyXml(fs.readFileSync(file, "utf8"), file);
  const declared = element.attributes.find(([k]) => k === "name")?.[1];
  if (declared !== name) throw new GeneratorError(`${file}: the policy's name attribute is "${declared ?? ""}"; it must be "${name}", the file's name`);
  return policy(element, scriptsOf(element));
}

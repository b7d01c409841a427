// xpath(xpath_expression,xml_string[,datatype][,prefix:uri...]). A third
// argument with a colon is a namespace, otherwise the result type: nodeset
// (default), node, number, boolean or string. No match renders "".

import { DOMParser, XMLSerializer } from "@xmldom/xmldom";
import * as xpath from "xpath";
import { TemplateFunctionError } from "./errors";
import { TemplateFunction, textArg } from "./function-types";

function parseXmlText(text: string): Document {
  const problems: string[] = [];
  const doc = new DOMParser({
    onError: (level, message) => {
      if (level !== "warning") problems.push(String(message).split("\n")[0]);
    }
  }).parseFromString(text, "text/xml");
  if (problems.length || !doc.documentElement) throw new TemplateFunctionError("xpath", `xml_string is not well-formed XML: ${problems[0] ?? "no root element"}`);
  return doc as unknown as Document;
}

function namespaces(args: readonly string[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const ns of args) {
    const colon = ns.indexOf(":");
    if (colon <= 0) throw new TemplateFunctionError("xpath", `namespace argument "${ns}" must look like prefix:uri`);
    map[ns.slice(0, colon)] = ns.slice(colon + 1);
  }
  return map;
}

/** Java's Double.toString for the numbers XPath produces: 3 is "3.0". */
function javaDouble(n: number): string {
  if (Number.isNaN(n)) return "NaN";
  if (!Number.isFinite(n)) return n > 0 ? "Infinity" : "-Infinity";
  return Number.isInteger(n) ? `${n}.0` : String(n);
}

function nodeText(node: Node): string {
  if (xpath.isAttribute(node)) return node.value;
  if (xpath.isTextNode(node) || xpath.isCDATASection(node)) return node.data;
  return new XMLSerializer().serializeToString(node as never);
}

function evaluate(args: readonly string[]): string {
  const expression = args[0];
  const third = args[2];
  // An unknown result type falls back to nodeset, as Apigee documents.
  const type = third !== undefined && !third.includes(":") ? third.toLowerCase() : "nodeset";
  const nsArgs = args.slice(third !== undefined && !third.includes(":") ? 3 : 2);
  const select = xpath.useNamespaces(namespaces(nsArgs));
  const doc = parseXmlText(args[1]);
  const wrapped = type === "number" || type === "boolean" || type === "string" ? `${type}(${expression})` : expression;
  let result: xpath.SelectReturnType;
  try {
    result = select(wrapped, doc as never);
  } catch (e) {
    throw new TemplateFunctionError("xpath", `cannot evaluate XPath '${expression}': ${(e as Error).message}`);
  }
  if (typeof result === "number") return javaDouble(result);
  if (typeof result === "boolean" || typeof result === "string") return String(result);
  if (Array.isArray(result)) return result.length ? nodeText(result[0] as Node) : "";
  return "";
}

export const XPATH_FUNCTION: TemplateFunction = {
  name: "xpath",
  signature: "xpath(xpath_expression,xml_string[,datatype][,prefix:uri...])",
  minArgs: 2,
  maxArgs: 13,
  call: (args) => evaluate(args.map((_, i) => textArg(args, i)))
};

// JSON and XML payload extraction for ExtractVariables: parsing, JSONPath
// (Jayway semantics: a definite path yields one value, an indefinite one the
// list of matches) and XPath 1.0 evaluation, and the casts the <Variable
// type="..."> attribute asks for.

import { DOMParser, XMLSerializer } from "@xmldom/xmldom";
import { JSONPath } from "jsonpath-plus";
import * as xpath from "xpath";
import type { FlowValue } from "../../flow/flow-variables";
import { isDefinitePath } from "../templates/json-path";

export const VALUE_TYPES = ["string", "boolean", "integer", "long", "float", "double", "nodeset"] as const;
export type ValueType = (typeof VALUE_TYPES)[number];

/** The extracted value does not fit the declared type: Apigee's UnableToCast. */
export class CastError extends Error {
  constructor(value: string, type: ValueType) {
    super(`Unable to cast value ${value} as ${type.toUpperCase()}.`);
  }
}

/** The payload is empty or not well-formed: Apigee's ExecutionFailed. */
export class PayloadError extends Error {}

export function parseJsonPayload(text: string): unknown {
  if (text.trim() === "") throw new PayloadError("the JSON payload is empty");
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new PayloadError(`the JSON payload is not valid JSON: ${(e as Error).message}`);
  }
}

/** { found: false } when the path matches nothing. */
export function evaluateJsonPath(path: string, json: unknown): { found: boolean; value: unknown } {
  const matches = JSONPath({ path, json: json as object, wrap: true }) as unknown[];
  if (!Array.isArray(matches) || matches.length === 0) return { found: false, value: undefined };
  return { found: true, value: isDefinitePath(path) ? matches[0] : matches };
}

function castText(text: string, type: ValueType): FlowValue {
  switch (type) {
    case "boolean":
      if (/^(true|false)$/i.test(text.trim())) return text.trim().toLowerCase() === "true";
      throw new CastError(text, type);
    case "integer":
    case "long":
      if (/^[+-]?\d+$/.test(text.trim())) return Number(text.trim());
      throw new CastError(text, type);
    case "float":
    case "double": {
      const n = Number(text.trim());
      if (text.trim() !== "" && Number.isFinite(n)) return n;
      throw new CastError(text, type);
    }
    default:
      return text;
  }
}

/** A JSON value as a flow variable; undefined for JSON null (the variable is not set). */
export function castJsonValue(value: unknown, type: ValueType | null): FlowValue | undefined {
  if (value === null || value === undefined) return undefined;
  if (type === "nodeset") return JSON.stringify(value);
  const scalar = typeof value === "string" || typeof value === "number" || typeof value === "boolean";
  if (type === null) return scalar ? (value as FlowValue) : JSON.stringify(value);
  if (type === "string") return typeof value === "string" ? value : JSON.stringify(value);
  if (!scalar) throw new CastError(JSON.stringify(value), type);
  if (type === "boolean" && typeof value !== "boolean" && typeof value !== "string") throw new CastError(String(value), type);
  if ((type === "integer" || type === "long") && typeof value === "number" && !Number.isInteger(value)) throw new CastError(String(value), type);
  return castText(String(value), type);
}

export function parseXmlPayload(text: string): Document {
  if (text.trim() === "") throw new PayloadError("the XML payload is empty");
  const problems: string[] = [];
  const doc = new DOMParser({
    onError: (level, message) => {
      if (level !== "warning") problems.push(String(message).split("\n")[0]);
    }
  }).parseFromString(text, "text/xml");
  if (problems.length || !doc.documentElement) throw new PayloadError(`the XML payload is not well-formed: ${problems[0] ?? "no root element"}`);
  return doc as unknown as Document;
}

const EMPTY_DOCUMENT = new DOMParser().parseFromString("<x/>", "text/xml") as unknown as Document;

/** Why the expression cannot be evaluated (syntax, undeclared prefix), or null when it can. */
export function xpathProblem(expression: string, namespaces: Record<string, string>): string | null {
  try {
    xpath.useNamespaces(namespaces)(expression, EMPTY_DOCUMENT as never);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

function nodeText(node: Node): string {
  if (xpath.isAttribute(node)) return node.value;
  if (xpath.isTextNode(node) || xpath.isCDATASection(node)) return node.data;
  return node.textContent ?? "";
}

/** An XPath result as a flow variable; undefined when it selects no node. */
export function evaluateXPath(expression: string, doc: Document, namespaces: Record<string, string>, type: ValueType | null): FlowValue | undefined {
  const result = xpath.useNamespaces(namespaces)(expression, doc as never);
  if (Array.isArray(result)) {
    if (result.length === 0) return undefined;
    if (type === "nodeset") return result.map((n) => new XMLSerializer().serializeToString(n as never)).join("");
    return castText(nodeText(result[0] as Node), type ?? "string");
  }
  if (result === null || result === undefined) return undefined;
  if (type === null || type === "nodeset") return result as FlowValue;
  return castText(String(result), type);
}

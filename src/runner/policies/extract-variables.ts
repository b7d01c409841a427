// ExtractVariables: sets variables from parts of a message (URI path, query
// and form parameters, headers, JSON and XML payloads) or from a variable, in
// the order the elements appear, as Apigee X does. Variables are named
// PREFIX.name when <VariablePrefix> is given.

import type { FlowValue } from "../../flow/flow-variables";
import { firstHeader, headerValues, Message } from "../../flow/message";
import { splitUrl } from "../../flow/url-parts";
import type { ProblemList } from "../bundle/load-error";
import { allowOnly, attr, booleanText, child, childText, elements, lineOf, text, XmlNode } from "../bundle/xml";
import type { ExecutionContext } from "../execution/context";
import { PolicyFault } from "../execution/fault";
import type { Template } from "../templates";
import { booleanAttr } from "./boolean-attribute";
import { bestMatch, compileUriPattern, compileValuePattern, ExtractPattern, PatternSyntaxError } from "./extract-patterns";
import {
  castJsonValue,
  CastError,
  evaluateJsonPath,
  evaluateXPath,
  parseJsonPayload,
  parseXmlPayload,
  PayloadError,
  VALUE_TYPES,
  ValueType,
  xpathProblem
} from "./extract-payloads";
import { formPairs, queryPairs } from "./message-parts";
import type { PolicyDefinition } from "../bundle/model";
import { COMMON_ATTRIBUTES, COMMON_ELEMENTS, CompiledPolicy, policyBase } from "./policy";
import { compileTemplate } from "./values";

const EXTRACTIONS = ["URIPath", "QueryParam", "Header", "FormParam", "Variable", "JSONPayload", "XMLPayload"];

/** What the policy reads: a message, or a variable's text. */
interface Source {
  name: string;
  message: Message | null;
  text: string;
}

const fault = (name: string, message: string) => new PolicyFault(name, `steps.extractvariables.${name}`, message, 500);

/** The variables one run sets, refusing a name nested under another it set (Apigee's SetVariableFailed). */
class Assignments {
  private readonly written: string[] = [];

  constructor(
    private readonly ctx: ExecutionContext,
    private readonly policy: string,
    private readonly prefix: string
  ) {}

  set(name: string, value: FlowValue): void {
    const full = this.prefix ? `${this.prefix}.${name}` : name;
    if (this.written.some((w) => full.startsWith(`${w}.`) || w.startsWith(`${full}.`))) {
      throw fault("SetVariableFailed", `Failed to set variable ${full} value ${String(value)} from ExtractVariables: ${this.policy}`);
    }
    this.written.push(full);
    this.ctx.set(full, value);
  }
}

interface RunState {
  ctx: ExecutionContext;
  source: Source;
  out: Assignments;
  ignoreUnresolved: boolean;
  policy: string;
}

type Extraction = (run: RunState) => void;

const mediaType = (m: Message) => (firstHeader(m, "content-type") ?? "").split(";")[0].trim().toLowerCase();

function patterns(node: XmlNode, uri: boolean, problems: ProblemList): ExtractPattern[] {
  allowOnly(node, problems, ["Pattern"], uri ? [] : ["name"]);
  const list = elements(node, "Pattern");
  if (!list.length) problems.add(node.file, lineOf(node), `<${node.el.tagName}> has no <Pattern> (PatternWithoutVariable)`);
  const compiled: ExtractPattern[] = [];
  for (const p of list) {
    allowOnly(p, problems, [], ["ignoreCase"]);
    const ignoreCase = booleanAttr(p, "ignoreCase", false, problems);
    const source = (text(p) ?? "").trim();
    try {
      compiled.push(uri ? compileUriPattern(source, ignoreCase) : compileValuePattern(source, ignoreCase));
    } catch (e) {
      if (!(e instanceof PatternSyntaxError)) throw e;
      problems.add(p.file, lineOf(p), `<Pattern>${source}</Pattern> is invalid (InvalidPattern): ${e.message}`);
    }
  }
  return compiled;
}

function requiredName(node: XmlNode, problems: ProblemList): string {
  const name = attr(node, "name");
  if (!name) problems.add(node.file, lineOf(node), `<${node.el.tagName}> has no name attribute (MissingName)`);
  return name ?? "";
}

function extractWith(list: ExtractPattern[], uri: boolean, value: string | null, run: RunState): void {
  if (value === null) return;
  const captures = bestMatch(list, value, uri);
  for (const [name, captured] of captures ?? []) run.out.set(name, captured);
}

function uriPath(node: XmlNode, problems: ProblemList): Extraction {
  const list = patterns(node, true, problems);
  return (run) => {
    const m = run.source.message;
    // Only a request has a path; on a response the element does nothing.
    if (!m || m.method === null) return;
    const path = run.source.name === "request" ? run.ctx.getString("proxy.pathsuffix") : splitUrl(m.url ?? "/").path;
    extractWith(list, true, path, run);
  };
}

/** "name", "name.2" (the second of that name) or "name.values" (all, comma-joined). */
function indexed(values: (name: string) => string[], name: string): string | null {
  const m = /^(.+)\.(\d+|values)$/.exec(name);
  const list = values(m ? m[1] : name);
  if (m && m[2] === "values") return list.length ? list.join(",") : null;
  const index = m ? Number(m[2]) - 1 : 0;
  return list[index] ?? null;
}

function namedPart(node: XmlNode, problems: ProblemList, read: (m: Message, name: string) => string | null): Extraction {
  const name = requiredName(node, problems);
  const list = patterns(node, false, problems);
  return (run) => {
    if (run.source.message) extractWith(list, false, read(run.source.message, name), run);
  };
}

const queryParam = (node: XmlNode, problems: ProblemList) =>
  namedPart(node, problems, (m, name) => indexed((n) => queryPairs(m).filter(([k]) => k === n).map(([, v]) => v), name));

const header = (node: XmlNode, problems: ProblemList) => namedPart(node, problems, (m, name) => indexed((n) => headerValues(m, n), name));

// Form parameters exist only in a form-encoded body.
const formParam = (node: XmlNode, problems: ProblemList) =>
  namedPart(node, problems, (m, name) =>
    mediaType(m) === "application/x-www-form-urlencoded" ? indexed((n) => formPairs(m).filter(([k]) => k === n).map(([, v]) => v), name) : null
  );

function variable(node: XmlNode, problems: ProblemList): Extraction {
  const name = requiredName(node, problems);
  const list = patterns(node, false, problems);
  return (run) => extractWith(list, false, run.ctx.getString(name), run);
}

function valueType(node: XmlNode, problems: ProblemList): ValueType | null {
  const type = attr(node, "type");
  if (type === null) return null;
  if (!(VALUE_TYPES as readonly string[]).includes(type.trim().toLowerCase())) {
    problems.add(node.file, lineOf(node), `<Variable type="${type}"> is not a supported type (known: ${VALUE_TYPES.join(", ")})`);
    return null;
  }
  return type.trim().toLowerCase() as ValueType;
}

/** The payload text when the source holds that kind of payload; null to skip the element. */
function payloadText(source: Source, accepts: (mediaType: string) => boolean): string | null {
  if (!source.message) return source.text;
  return accepts(mediaType(source.message)) ? source.message.content : null;
}

const isJson = (t: string) => t === "application/json" || t.endsWith("+json");
const isXml = (t: string) => t === "text/xml" || t === "application/xml" || (t.startsWith("application/") && t.endsWith("+xml"));

function parsePayload<T>(run: RunState, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (!(e instanceof PayloadError)) throw e;
    throw fault("ExecutionFailed", `Failed to execute the ExtractVariables: ${run.policy}`);
  }
}

function cast<T>(make: () => T): T {
  try {
    return make();
  } catch (e) {
    if (e instanceof CastError) throw fault("UnableToCast", e.message);
    throw e;
  }
}

interface JsonVariable {
  name: string;
  type: ValueType | null;
  path: Template | null;
}

function jsonPayload(node: XmlNode, problems: ProblemList): Extraction {
  allowOnly(node, problems, ["Variable"]);
  const variables: JsonVariable[] = elements(node, "Variable").map((v) => {
    allowOnly(v, problems, ["JSONPath"], ["name", "type"]);
    const pathNode = child(v, "JSONPath");
    const source = (text(pathNode) ?? "").trim();
    if (!pathNode) problems.add(v.file, lineOf(v), "<Variable> has no <JSONPath> (NoJSONPathsToEvaluate)");
    else if (!source) problems.add(pathNode.file, lineOf(pathNode), "<JSONPath> is empty (EmptyJSONPathExpression)");
    return { name: requiredName(v, problems), type: valueType(v, problems), path: pathNode && source ? compileTemplate(pathNode, source, problems) : null };
  });
  if (!variables.length) problems.add(node.file, lineOf(node), "<JSONPayload> has no <Variable> (NoJSONPathsToEvaluate)");
  return (run) => {
    const payload = payloadText(run.source, isJson);
    if (payload === null) return;
    const json = parsePayload(run, () => parseJsonPayload(payload));
    for (const v of variables) {
      // The path is a message template, rendered against the flow first.
      const path = run.ctx.render(v.path!, run.ignoreUnresolved);
      let result: { found: boolean; value: unknown };
      try {
        result = evaluateJsonPath(path, json);
      } catch {
        throw fault("InvalidJSONPath", `Invalid JSON path ${path} in policy ${run.policy}.`);
      }
      if (!result.found) {
        if (run.ignoreUnresolved) continue;
        throw fault("InvalidJSONPath", `Invalid JSON path ${path} in policy ${run.policy}.`);
      }
      const value = cast(() => castJsonValue(result.value, v.type));
      if (value !== undefined) run.out.set(v.name, value);
    }
  };
}

function namespaces(node: XmlNode | null, problems: ProblemList): Record<string, string> {
  const map: Record<string, string> = {};
  if (!node) return map;
  allowOnly(node, problems, ["Namespace"]);
  for (const ns of elements(node, "Namespace")) {
    allowOnly(ns, problems, [], ["prefix"]);
    const prefix = attr(ns, "prefix") ?? "";
    const uri = (text(ns) ?? "").trim();
    if (!prefix) problems.add(ns.file, lineOf(ns), "<Namespace> has no prefix attribute");
    else if (prefix in map) problems.add(ns.file, lineOf(ns), `namespace prefix "${prefix}" is declared twice (DuplicatePrefix)`);
    else if (!uri) problems.add(ns.file, lineOf(ns), `namespace prefix "${prefix}" has no URI (NONEmptyPrefixMappedToEmptyURI)`);
    map[prefix] = uri;
  }
  return map;
}

function xmlPayload(node: XmlNode, problems: ProblemList): Extraction {
  allowOnly(node, problems, ["Namespaces", "Variable"], ["stopPayloadProcessing"]);
  const stopAfterFirst = booleanAttr(node, "stopPayloadProcessing", false, problems);
  const ns = namespaces(child(node, "Namespaces"), problems);
  const variables = elements(node, "Variable").map((v) => {
    allowOnly(v, problems, ["XPath"], ["name", "type"]);
    const xpathNode = child(v, "XPath");
    const expression = (text(xpathNode) ?? "").trim();
    if (!xpathNode) problems.add(v.file, lineOf(v), "<Variable> has no <XPath> (NoXPathsToEvaluate)");
    else if (!expression) problems.add(xpathNode.file, lineOf(xpathNode), "<XPath> is empty (EmptyXPathExpression)");
    else {
      const problem = xpathProblem(expression, ns);
      if (problem) problems.add(xpathNode.file, lineOf(xpathNode), `<XPath>${expression}</XPath> does not compile (XPathCompilationFailed): ${problem}`);
    }
    return { name: requiredName(v, problems), type: valueType(v, problems), expression };
  });
  if (!variables.length) problems.add(node.file, lineOf(node), "<XMLPayload> has no <Variable> (NoXPathsToEvaluate)");
  return (run) => {
    const payload = payloadText(run.source, isXml);
    if (payload === null) return;
    const doc = parsePayload(run, () => parseXmlPayload(payload));
    for (const v of variables) {
      const value = cast(() => evaluateXPath(v.expression, doc, ns, v.type));
      // An XPath that selects nothing leaves the variable unset, as documented.
      if (value === undefined) continue;
      run.out.set(v.name, value);
      if (stopAfterFirst) return;
    }
  };
}

const COMPILE: Record<string, (node: XmlNode, problems: ProblemList) => Extraction> = {
  URIPath: uriPath,
  QueryParam: queryParam,
  Header: header,
  FormParam: formParam,
  Variable: variable,
  JSONPayload: jsonPayload,
  XMLPayload: xmlPayload
};

const MESSAGE_NAMES = ["message", "request", "response", "error"];

/** The <Source>: a message when one has that name, else the variable's text. */
function resolveSource(ctx: ExecutionContext, name: string | null, hasJson: boolean, policy: string): Source {
  const inResponse = ctx.phase.endsWith("RESP_FLOW") || ctx.flow.variables["is.error"] === true;
  const messageName = name === null || name === "message" ? (inResponse ? "response" : "request") : name;
  const message = ctx.flow.messages[messageName];
  if (message) return { name: messageName, message, text: message.content };
  const value = MESSAGE_NAMES.includes(messageName) ? null : ctx.getString(messageName);
  if (value !== null) return { name: messageName, message: null, text: value };
  if (hasJson && !MESSAGE_NAMES.includes(messageName)) {
    throw fault("JsonPathParsingFailure", `ExtractVariables ${policy}: Json path parsing failed for for flow variables ${messageName}`);
  }
  throw fault("SourceMessageNotAvailable", `${messageName} message is not available for ExtractVariable: ${policy}`);
}

export function compileExtractVariables(def: PolicyDefinition, problems: ProblemList): CompiledPolicy {
  const node = def.node;
  allowOnly(node, problems, [...COMMON_ELEMENTS, "Source", "VariablePrefix", "IgnoreUnresolvedVariables", ...EXTRACTIONS], COMMON_ATTRIBUTES);
  const sourceNode = child(node, "Source");
  if (sourceNode) allowOnly(sourceNode, problems, [], ["clearPayload"]);
  const sourceName = sourceNode ? (text(sourceNode) ?? "").trim() || null : null;
  const clearPayload = sourceNode !== null && booleanAttr(sourceNode, "clearPayload", false, problems);
  const prefix = childText(node, "VariablePrefix") ?? "";
  const ignoreUnresolved = booleanText(child(node, "IgnoreUnresolvedVariables"), false, problems);
  const extractions = elements(node)
    .filter((c) => EXTRACTIONS.includes(c.el.tagName))
    .map((c) => COMPILE[c.el.tagName](c, problems));
  if (!extractions.length) {
    problems.add(def.file, def.line, `<ExtractVariables> has nothing to extract (NothingToExtract): add one of ${EXTRACTIONS.join(", ")}`);
  }
  const hasJson = child(node, "JSONPayload") !== null;
  return {
    ...policyBase(def),
    async execute(ctx) {
      const source = resolveSource(ctx, sourceName, hasJson, def.name);
      const run: RunState = { ctx, source, out: new Assignments(ctx, def.name, prefix), ignoreUnresolved, policy: def.name };
      for (const extract of extractions) extract(run);
      if (clearPayload && source.message) source.message.content = "";
    }
  };
}

// AssignMessage: builds or edits a message and sets variables. Apigee X runs
// Add, Copy, Remove, Set and AssignVariable in the order they appear.

import { addHeader, headerValues, Message, removeHeader, setHeader } from "../../flow/message";
import type { ProblemList } from "../bundle/load-error";
import { allowOnly, attr, booleanText, child, childText, elements, lineOf, text, XmlNode } from "../bundle/xml";
import type { ExecutionContext } from "../execution/context";
import { parseTemplate, Template } from "../templates";
import { formPairs, Pairs, queryPairs, setFormPairs, setPath, setQueryPairs } from "./message-parts";
import type { PolicyDefinition } from "../bundle/model";
import { checkEmptyProperties, COMMON_ELEMENTS, CompiledPolicy, EMPTY_PROPERTIES, policyBase } from "./policy";
import { compileTemplate } from "./values";

export type Operation = (ctx: ExecutionContext, target: Message, ignoreUnresolved: boolean) => void;

interface Param {
  name: string;
  value: Template | null;
}

function params(container: XmlNode | null, element: string, problems: ProblemList): Param[] | null {
  if (!container) return null;
  allowOnly(container, problems, [element]);
  return elements(container, element).map((p) => {
    allowOnly(p, problems, [], ["name"]);
    const name = attr(p, "name");
    if (!name) problems.add(p.file, lineOf(p), `<${element}> has no name attribute`);
    return { name: name ?? "", value: compileTemplate(p, text(p) ?? "", problems) };
  });
}

const render = (ctx: ExecutionContext, t: Template | null, ignore: boolean) => (t ? ctx.render(t, ignore) : "");

function editPairs(get: (m: Message) => Pairs, set: (m: Message, p: Pairs) => void, list: Param[], mode: "add" | "set" | "remove"): Operation {
  return (ctx, m, ignore) => {
    let pairs = get(m);
    if (mode === "remove" && list.length === 0) pairs = [];
    for (const p of list) {
      if (mode !== "add") pairs = pairs.filter(([n]) => n !== p.name);
      if (mode !== "remove") pairs.push([p.name, render(ctx, p.value, ignore)]);
    }
    set(m, pairs);
  };
}

function headerOps(list: Param[], mode: "add" | "set" | "remove"): Operation {
  return (ctx, m, ignore) => {
    if (mode === "remove" && list.length === 0) m.headers = [];
    for (const h of list) {
      if (mode === "remove") removeHeader(m, h.name);
      else if (mode === "set") setHeader(m, h.name, render(ctx, h.value, ignore));
      else addHeader(m, h.name, render(ctx, h.value, ignore));
    }
  };
}

export function paramOps(node: XmlNode, mode: "add" | "set" | "remove", problems: ProblemList): Operation[] {
  const ops: Operation[] = [];
  const headers = params(child(node, "Headers"), "Header", problems);
  if (headers) ops.push(headerOps(headers, mode));
  const query = params(child(node, "QueryParams"), "QueryParam", problems);
  if (query) ops.push(editPairs(queryPairs, setQueryPairs, query, mode));
  const form = params(child(node, "FormParams"), "FormParam", problems);
  if (form) ops.push(editPairs(formPairs, setFormPairs, form, mode));
  return ops;
}

function textTemplate(node: XmlNode, name: string, problems: ProblemList): Template | null {
  const c = child(node, name);
  return c ? compileTemplate(c, (text(c) ?? "").trim(), problems) : null;
}

export function setOps(node: XmlNode, problems: ProblemList): Operation[] {
  // The AssignMessage reference lists <Set>'s children as Authentication, FormParams, Headers,
  // Payload, Path, QueryParams, StatusCode, Verb and Version. <ReasonPhrase> is not among them
  // (Apigee Edge's was); the generator writes it on evidence from Google's apigeelint and samples
  // (docs/runner.md). <Version> and <Authentication> are documented but not supported here.
  allowOnly(node, problems, ["Headers", "QueryParams", "FormParams", "Payload", "Verb", "Path", "StatusCode", "ReasonPhrase"]);
  const ops = paramOps(node, "set", problems);
  const payload = child(node, "Payload");
  if (payload) {
    allowOnly(payload, problems, [], ["contentType", "variablePrefix", "variableSuffix"]);
    const prefix = attr(payload, "variablePrefix");
    const suffix = attr(payload, "variableSuffix");
    const body = compileTemplate(payload, text(payload) ?? "", problems, prefix || suffix ? { prefix: prefix ?? "{", suffix: suffix ?? "}" } : undefined);
    const contentType = attr(payload, "contentType");
    ops.push((ctx, m, ignore) => {
      m.content = render(ctx, body, ignore);
      // A new payload replaces a streamed body, of this message only.
      const name = Object.keys(ctx.flow.messages).find((k) => ctx.flow.messages[k] === m);
      if (name) ctx.streamed.delete(name);
      if (contentType) setHeader(m, "Content-Type", contentType);
    });
  }
  const verb = textTemplate(node, "Verb", problems);
  if (verb) ops.push((ctx, m, ignore) => void (m.method = render(ctx, verb, ignore)));
  const path = textTemplate(node, "Path", problems);
  if (path) ops.push((ctx, m, ignore) => setPath(m, render(ctx, path, ignore)));
  const status = textTemplate(node, "StatusCode", problems);
  if (status) ops.push((ctx, m, ignore) => void (m.status = Number(render(ctx, status, ignore))));
  const reason = textTemplate(node, "ReasonPhrase", problems);
  if (reason) ops.push((ctx, m, ignore) => void (m.reason = render(ctx, reason, ignore)));
  return ops;
}

export function removeOps(node: XmlNode, problems: ProblemList): Operation[] {
  allowOnly(node, problems, ["Headers", "QueryParams", "FormParams", "Payload"]);
  const ops = paramOps(node, "remove", problems);
  if (child(node, "Payload") && booleanText(child(node, "Payload"), false, problems)) ops.push((_ctx, m) => void (m.content = ""));
  return ops;
}

export function copyOps(node: XmlNode, problems: ProblemList): Operation[] {
  // <Copy>'s documented children, less <Version> (no HTTP version in the runner's messages).
  allowOnly(node, problems, ["Headers", "QueryParams", "FormParams", "Payload", "Verb", "Path", "StatusCode"], ["source"]);
  const sourceName = attr(node, "source");
  const source = (ctx: ExecutionContext): Message => {
    const name = sourceName ?? (ctx.phase.endsWith("RESP_FLOW") ? "response" : "request");
    const m = ctx.flow.messages[name];
    if (!m) throw new Error(`<Copy source="${name}">: there is no message named ${name}`);
    return m;
  };
  const ops: Operation[] = [];
  const headers = params(child(node, "Headers"), "Header", problems);
  if (headers) {
    ops.push((ctx, m) => {
      const from = source(ctx);
      const names = headers.length ? headers.map((h) => h.name) : [...new Set(from.headers.map(([n]) => n.toLowerCase()))];
      for (const name of names) {
        const values = headerValues(from, name);
        removeHeader(m, name);
        for (const v of values) addHeader(m, from.headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[0] ?? name, v);
      }
    });
  }
  const copyPairs = (get: (m: Message) => Pairs, set: (m: Message, p: Pairs) => void, list: Param[]): Operation => (ctx, m) => {
    const from = get(source(ctx));
    const names = list.length ? list.map((p) => p.name) : [...new Set(from.map(([n]) => n))];
    set(m, [...get(m).filter(([n]) => !names.includes(n)), ...from.filter(([n]) => names.includes(n))]);
  };
  const query = params(child(node, "QueryParams"), "QueryParam", problems);
  if (query) ops.push(copyPairs(queryPairs, setQueryPairs, query));
  const form = params(child(node, "FormParams"), "FormParam", problems);
  if (form) ops.push(copyPairs(formPairs, setFormPairs, form));
  const flag = (name: string) => booleanText(child(node, name), false, problems);
  if (flag("Payload")) ops.push((ctx, m) => void (m.content = source(ctx).content));
  if (flag("Verb")) ops.push((ctx, m) => void (m.method = source(ctx).method));
  if (flag("Path")) ops.push((ctx, m) => setPath(m, source(ctx).url ? (source(ctx).url as string).replace(/^[a-z]+:\/\/[^/]*/i, "").replace(/[?#].*$/, "") : "/"));
  if (flag("StatusCode")) ops.push((ctx, m) => void (m.status = source(ctx).status));
  return ops;
}

/** <AssignVariable>: Template, else Ref, else Value, as the first that yields a value. */
export function assignVariable(node: XmlNode, problems: ProblemList): Operation {
  allowOnly(node, problems, ["Name", "Value", "Ref", "Template"]);
  const name = childText(node, "Name");
  if (!name) problems.add(node.file, lineOf(node), "<AssignVariable> has no <Name>");
  const value = childText(node, "Value");
  const ref = childText(node, "Ref");
  const templateNode = child(node, "Template");
  let template: Template | null = null;
  let templateRef: string | null = null;
  if (templateNode) {
    allowOnly(templateNode, problems, [], ["ref"]);
    templateRef = attr(templateNode, "ref");
    if (!templateRef) template = compileTemplate(templateNode, (text(templateNode) ?? "").trim(), problems);
  }
  return (ctx, _m, ignore) => {
    let result: string | null = null;
    if (template) result = ctx.render(template, ignore);
    else if (templateRef) {
      const source = ctx.getString(templateRef);
      // A template held in a variable is only known at run time; a syntax error in it is a fault.
      if (source !== null) result = ctx.render(parseTemplate(source), ignore);
    }
    if (result === null && ref) result = ctx.getString(ref);
    if (result === null) result = value;
    if (result !== null) ctx.set(name!, result);
  };
}

interface AssignTo {
  name: string | null;
  createNew: boolean;
  type: "request" | "response";
}

function assignTo(node: XmlNode | null, problems: ProblemList): AssignTo {
  if (!node) return { name: null, createNew: false, type: "request" };
  allowOnly(node, problems, [], ["createNew", "transport", "type"]);
  const type = attr(node, "type") ?? "request";
  if (type !== "request" && type !== "response") problems.add(node.file, lineOf(node), `<AssignTo type="${type}">: must be request or response`);
  return { name: (text(node) ?? "").trim() || null, createNew: attr(node, "createNew") === "true", type: type === "response" ? "response" : "request" };
}

/** The message the policy works on, creating it when AssignTo says so. */
function targetMessage(ctx: ExecutionContext, to: AssignTo): Message {
  const inResponse = ctx.phase.endsWith("RESP_FLOW") || ctx.flow.variables["is.error"] === true;
  const name = to.name ?? (to.createNew ? to.type : inResponse ? "response" : "request");
  if (to.createNew || !ctx.flow.messages[name]) {
    const isRequest = (to.createNew ? to.type : name === "response" ? "response" : to.type) === "request";
    ctx.flow.messages[name] = isRequest
      ? { method: "GET", url: "/", status: null, reason: null, headers: [], content: "" }
      : { method: null, url: null, status: 200, reason: "OK", headers: [], content: "" };
    ctx.streamed.delete(name);
  }
  return ctx.flow.messages[name];
}

export function compileAssignMessage(def: PolicyDefinition, problems: ProblemList): CompiledPolicy {
  const node = def.node;
  allowOnly(node, problems, [...COMMON_ELEMENTS, EMPTY_PROPERTIES, "Add", "AssignTo", "AssignVariable", "Copy", "IgnoreUnresolvedVariables", "Remove", "Set"], ["name", "enabled", "continueOnError", "async"]);
  checkEmptyProperties(node, problems);
  const to = assignTo(child(node, "AssignTo"), problems);
  const ignoreUnresolved = booleanText(child(node, "IgnoreUnresolvedVariables"), false, problems);
  const ops: Operation[] = [];
  for (const c of elements(node)) {
    switch (c.el.tagName) {
      case "Add":
        allowOnly(c, problems, ["Headers", "QueryParams", "FormParams"]);
        ops.push(...paramOps(c, "add", problems));
        break;
      case "Set":
        ops.push(...setOps(c, problems));
        break;
      case "Remove":
        ops.push(...removeOps(c, problems));
        break;
      case "Copy":
        ops.push(...copyOps(c, problems));
        break;
      case "AssignVariable":
        ops.push(assignVariable(c, problems));
        break;
    }
  }
  const touchesMessage = elements(node).some((c) => ["Add", "Set", "Remove", "Copy"].includes(c.el.tagName)) || to.createNew;
  return {
    ...policyBase(def),
    async execute(ctx) {
      const message = touchesMessage ? targetMessage(ctx, to) : ({} as Message);
      const previous = ctx.flow.current;
      if (touchesMessage) ctx.flow.current = to.name ?? (ctx.phase.endsWith("RESP_FLOW") ? "response" : "request");
      try {
        for (const op of ops) op(ctx, message, ignoreUnresolved);
      } finally {
        ctx.flow.current = previous;
      }
    }
  };
}

// KeyValueMapOperations: Get, Put and Delete on a key value map, in the order
// written. The map is <MapName> (or the mapIdentifier attribute, else
// "kvmap") in its <Scope>: environment (default), organization, apiproxy or
// policy. A key of several <Parameter>s joins them with "__".
// In Apigee X every KVM is encrypted, so a Get must assign to a private.
// variable; another name fails with SetVariableFailed, as documented.
// Entries are read from the store each time: ExpiryTimeInSecs (how long
// Apigee caches reads) is accepted and changes nothing here.

import type { ProblemList } from "../bundle/load-error";
import { allowOnly, attr, booleanText, child, childText, elements, lineOf, XmlNode } from "../bundle/xml";
import type { ExecutionContext } from "../execution/context";
import { PolicyFault } from "../execution/fault";
import type { KvmScope } from "../state/kvm";
import { booleanAttr } from "./boolean-attribute";
import type { PolicyDefinition } from "../bundle/model";
import { COMMON_ATTRIBUTES, COMMON_ELEMENTS, CompiledPolicy, policyBase } from "./policy";
import { integerText, resolveValue, valueSource, ValueSource } from "./values";

const SCOPES: KvmScope[] = ["environment", "organization", "apiproxy", "policy"];
const DEFAULT_MAP = "kvmap";

type KeyParts = ValueSource[];

interface MapRef {
  scope: KvmScope;
  name: (ctx: ExecutionContext) => string | null;
}

type Operation = (ctx: ExecutionContext, map: Map<string, string>) => void;

const fault = (name: string, message: string) => new PolicyFault(name, `steps.keyvaluemapoperations.${name}`, message, 500);

function readKey(op: XmlNode, problems: ProblemList): KeyParts {
  const key = child(op, "Key");
  if (!key) {
    problems.add(op.file, lineOf(op), `<${op.el.tagName}> has no <Key> (KeyIsMissing)`);
    return [];
  }
  allowOnly(key, problems, ["Parameter"]);
  const parts = elements(key, "Parameter").map((p) => {
    allowOnly(p, problems, [], ["ref"]);
    return valueSource(p)!;
  });
  if (!parts.length) problems.add(key.file, lineOf(key), "<Key> has no <Parameter> (KeyIsMissing)");
  return parts;
}

/** The key, or null when a part has neither a resolved ref nor text. */
function keyOf(ctx: ExecutionContext, parts: KeyParts): string | null {
  const values = parts.map((p) => resolveValue(ctx, p));
  return values.some((v) => v === null) || !values.length ? null : values.join("__");
}

/** The single <Value> of a Put or Entry: an Apigee X entry holds one string. */
function readValue(op: XmlNode, problems: ProblemList): ValueSource | null {
  const values = elements(op, "Value");
  if (!values.length) problems.add(op.file, lineOf(op), `<${op.el.tagName}> has no <Value> (ValueIsMissing)`);
  if (values.length > 1) problems.add(op.file, lineOf(values[1]), `<${op.el.tagName}> has ${values.length} <Value>s; an Apigee X KVM entry holds one string value`);
  for (const v of values) allowOnly(v, problems, [], ["ref"]);
  return valueSource(values[0] ?? null);
}

function getOp(op: XmlNode, policy: string, problems: ProblemList): Operation {
  allowOnly(op, problems, ["Key"], ["assignTo", "index"]);
  const assignTo = attr(op, "assignTo");
  if (!assignTo) problems.add(op.file, lineOf(op), '<Get> has no assignTo attribute: name the variable to set, e.g. assignTo="private.secret"');
  const indexText = attr(op, "index");
  if (indexText !== null && !/^[1-9]\d*$/.test(indexText.trim())) problems.add(op.file, lineOf(op), `<Get index="${indexText}">: the index must be a positive whole number (InvalidIndex)`);
  const parts = readKey(op, problems);
  return (ctx, map) => {
    const key = keyOf(ctx, parts);
    const value = key === null ? undefined : map.get(key);
    // Entries hold one value: it is index 1, and any other index finds nothing.
    if (value === undefined || (indexText !== null && Number(indexText) !== 1)) return;
    if (!assignTo!.startsWith("private.")) throw fault("SetVariableFailed", `Failed to set variable ${assignTo} in KeyValueMapStepDefinition ${policy}`);
    ctx.set(assignTo!, value);
  };
}

function putOp(op: XmlNode, problems: ProblemList): Operation {
  allowOnly(op, problems, ["Key", "Value"], ["override"]);
  const override = booleanAttr(op, "override", false, problems);
  const parts = readKey(op, problems);
  const value = readValue(op, problems);
  return (ctx, map) => {
    const key = keyOf(ctx, parts);
    const v = resolveValue(ctx, value);
    if (key === null || v === null || (!override && map.has(key))) return;
    map.set(key, v);
  };
}

function deleteOp(op: XmlNode, problems: ProblemList): Operation {
  allowOnly(op, problems, ["Key"]);
  const parts = readKey(op, problems);
  return (ctx, map) => {
    const key = keyOf(ctx, parts);
    if (key !== null) map.delete(key);
  };
}

/** <InitialEntries>: entries a map starts with, written once where the key is still absent. */
function initialEntries(node: XmlNode | null, problems: ProblemList): Operation[] {
  if (!node) return [];
  allowOnly(node, problems, ["Entry"]);
  return elements(node, "Entry").map((entry) => {
    allowOnly(entry, problems, ["Key", "Value"]);
    const parts = readKey(entry, problems);
    const value = readValue(entry, problems);
    return (ctx, map) => {
      const key = keyOf(ctx, parts);
      const v = resolveValue(ctx, value);
      if (key !== null && v !== null && !map.has(key)) map.set(key, v);
    };
  });
}

function readMap(def: PolicyDefinition, problems: ProblemList): MapRef {
  const scopeNode = child(def.node, "Scope");
  const scopeText = childText(def.node, "Scope") ?? "environment";
  const scope = SCOPES.find((s) => s === scopeText);
  if (!scope) problems.add(def.file, lineOf(scopeNode!), `<Scope>${scopeText}</Scope> is not a KVM scope (known: ${SCOPES.join(", ")})`);
  const mapNameNode = child(def.node, "MapName");
  if (mapNameNode) allowOnly(mapNameNode, problems, [], ["ref"]);
  const mapName = valueSource(mapNameNode);
  const identifier = attr(def.node, "mapIdentifier");
  return {
    scope: scope ?? "environment",
    name: (ctx) => (mapName ? resolveValue(ctx, mapName) : identifier ?? DEFAULT_MAP)
  };
}

function owner(ctx: ExecutionContext, scope: KvmScope, policy: string): string {
  const proxy = ctx.getString("apiproxy.name") ?? ctx.bundle.name;
  return scope === "policy" ? `${proxy}/${policy}` : proxy;
}

export function compileKeyValueMapOperations(def: PolicyDefinition, problems: ProblemList): CompiledPolicy {
  const node = def.node;
  allowOnly(
    node,
    problems,
    // The KeyValueMapOperations reference names the cache lifetime <ExpiryTimeInSecs> only.
    [...COMMON_ELEMENTS, "Scope", "MapName", "ExpiryTimeInSecs", "ExclusiveCache", "InitialEntries", "Get", "Put", "Delete"],
    [...COMMON_ATTRIBUTES, "mapIdentifier"]
  );
  for (const name of ["ExpiryTimeInSecs"]) {
    const c = child(node, name);
    if (c) allowOnly(c, problems, [], ["ref"]);
    if (c && !attr(c, "ref")) integerText(c, 300, problems);
  }
  booleanText(child(node, "ExclusiveCache"), false, problems);
  const map = readMap(def, problems);
  const seed = initialEntries(child(node, "InitialEntries"), problems);
  const ops: Operation[] = [];
  for (const op of elements(node)) {
    if (op.el.tagName === "Get") ops.push(getOp(op, def.name, problems));
    else if (op.el.tagName === "Put") ops.push(putOp(op, problems));
    else if (op.el.tagName === "Delete") ops.push(deleteOp(op, problems));
  }
  if (!ops.length) problems.add(def.file, def.line, "<KeyValueMapOperations> has no <Get>, <Put> or <Delete>");
  return {
    ...policyBase(def),
    async execute(ctx) {
      const name = map.name(ctx);
      if (!name) throw fault("UnsupportedOperationException", `java.lang.UnsupportedOperationException: KeyValueMapOperations ${def.name} names no map (mapIdentifier or MapName is empty)`);
      const entries = ctx.services.kvm.map(map.scope, name, owner(ctx, map.scope, def.name));
      for (const op of [...seed, ...ops]) op(ctx, entries);
    }
  };
}

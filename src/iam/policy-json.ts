// The bytes of every JSON document the AWS side writes. Same value, same
// bytes: policy documents keep IAM's conventional element order (Version,
// Statement; Sid, Effect, Principal, Action, Resource, Condition), which is
// how AWS's own examples and console print them, and every other object's
// keys are sorted by UTF-16 code unit, so no output depends on insertion order or
// on the locale. Two-space indent, trailing newline.

import type { PolicyDocument, PolicyStatement } from "./document";

const DOCUMENT_ORDER = ["Version", "Id", "Statement"];
const STATEMENT_ORDER = ["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"];

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** A policy document as written to disk. */
export function policyJson(document: PolicyDocument): string {
  const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
  const ordered = inOrder(document as unknown as Record<string, Json>, DOCUMENT_ORDER, (key, value) =>
    key === "Statement" ? statements.map(orderedStatement) : sortedKeys(value)
  );
  return serialize(ordered);
}

/** Any other JSON document (role.json): every object's keys sorted. */
export function sortedJson(value: unknown): string {
  return serialize(sortedKeys(value as Json));
}

/** IAM's size limits count the policy without whitespace. */
export function policySizeWithoutWhitespace(document: PolicyDocument): number {
  return policyJson(document).replace(/\s+/g, "").length;
}

function orderedStatement(statement: PolicyStatement): Json {
  return inOrder(statement as unknown as Record<string, Json>, STATEMENT_ORDER, (_key, value) => sortedKeys(value));
}

/** Known keys first in the given order, any others after them sorted; values mapped by `valueOf`. */
function inOrder(object: Record<string, Json>, order: string[], valueOf: (key: string, value: Json) => Json): Json {
  const keys = Object.keys(object).filter((k) => object[k] !== undefined);
  const known = order.filter((k) => keys.includes(k));
  const others = keys.filter((k) => !order.includes(k)).sort(byCodeUnit);
  const result: Record<string, Json> = {};
  for (const key of [...known, ...others]) result[key] = valueOf(key, object[key]);
  return result;
}

function sortedKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== "object") return value;
  const result: Record<string, Json> = {};
  for (const key of Object.keys(value).sort(byCodeUnit)) {
    if (value[key] !== undefined) result[key] = sortedKeys(value[key]);
  }
  return result;
}

function serialize(value: Json): string {
  assertKeysKeepTheirOrder(value);
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * JavaScript objects enumerate integer-like keys ("12") before all others,
 * whatever order they were added in, so such a key would silently reorder
 * the output. No IAM element or condition key looks like that; refuse one
 * rather than write bytes that differ from the order promised above.
 */
function assertKeysKeepTheirOrder(value: Json): void {
  if (Array.isArray(value)) return value.forEach(assertKeysKeepTheirOrder);
  if (value === null || typeof value !== "object") return;
  for (const key of Object.keys(value)) {
    if (/^(0|[1-9]\d*)$/.test(key)) throw new Error(`JSON key "${key}" is an integer, which JavaScript would reorder; use a non-numeric key.`);
    assertKeysKeepTheirOrder(value[key]);
  }
}

/** UTF-16 code-unit order: the same on every machine, which localeCompare is not. */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

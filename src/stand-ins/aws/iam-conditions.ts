// The Condition element: operators, the ...IfExists suffix, the
// ForAnyValue:/ForAllValues: set prefixes and the Null check, following
// "IAM JSON policy elements: Condition operators" and "Conditions with
// multiple context keys or values":
// - operators AND together, keys within an operator AND together, the values
//   listed for one key OR together (NOR for a negated operator);
// - a key missing from the request makes the condition false, except for
//   negated operators (true), ...IfExists (true), ForAllValues (true) and Null.
// Policy variables (${aws:username}) are not substituted: a value is literal.

import { isIP, BlockList } from "node:net";
import { parseConditionOperatorName, type BaseConditionOperator, type SetQualifier } from "../../iam/condition-operators";
import type { PolicyStatement } from "../../iam/document";
import { PolicyDocumentError } from "../../iam/policy-document-error";
import { arnMatches, wildcardMatches } from "./iam-wildcard";

export type ConditionContext = Record<string, string | string[] | undefined>;
export type ConditionBlock = NonNullable<PolicyStatement["Condition"]>;

interface Operator {
  /** Whether the operator is the negation of a positive test (StringNotEquals, NotIpAddress...). */
  negated: boolean;
  /** The positive test of one request value against one policy value. */
  test(requestValue: string, policyValue: string): boolean;
}

const stringEquals = (a: string, b: string) => a === b;
const stringEqualsIgnoreCase = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const stringLike = (a: string, pattern: string) => wildcardMatches(pattern, a, false);
const arnLike = (arn: string, pattern: string) => arnMatches(pattern, arn);

function numeric(compare: (request: number, policy: number) => boolean) {
  return (a: string, b: string) => {
    const request = parseNumber(a);
    const policy = parseNumber(b);
    return request !== undefined && policy !== undefined && compare(request, policy);
  };
}

function parseNumber(text: string): number | undefined {
  if (!/^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(text)) return undefined;
  return Number(text);
}

function date(compare: (request: number, policy: number) => boolean) {
  return (a: string, b: string) => {
    const request = parseDate(a);
    const policy = parseDate(b);
    return request !== undefined && policy !== undefined && compare(request, policy);
  };
}

/** IAM dates are ISO 8601 strings or epoch seconds. */
function parseDate(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? undefined : parsed;
}

function ipAddressInRange(address: string, cidr: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  const [network, bitsText] = cidr.split("/");
  const networkFamily = isIP(network);
  if (networkFamily !== family) return false;
  const maxBits = family === 4 ? 32 : 128;
  const bits = bitsText === undefined ? maxBits : Number(bitsText);
  if (!Number.isInteger(bits) || bits < 0 || bits > maxBits) return false;
  const list = new BlockList();
  const type = family === 4 ? "ipv4" : "ipv6";
  list.addSubnet(network, bits, type);
  return list.check(address, type);
}

const positive = (test: Operator["test"]): Operator => ({ negated: false, test });
const negative = (test: Operator["test"]): Operator => ({ negated: true, test });

const OPERATORS: Record<BaseConditionOperator, Operator> = {
  StringEquals: positive(stringEquals),
  StringNotEquals: negative(stringEquals),
  StringEqualsIgnoreCase: positive(stringEqualsIgnoreCase),
  StringNotEqualsIgnoreCase: negative(stringEqualsIgnoreCase),
  StringLike: positive(stringLike),
  StringNotLike: negative(stringLike),
  NumericEquals: positive(numeric((a, b) => a === b)),
  NumericNotEquals: negative(numeric((a, b) => a === b)),
  NumericLessThan: positive(numeric((a, b) => a < b)),
  NumericLessThanEquals: positive(numeric((a, b) => a <= b)),
  NumericGreaterThan: positive(numeric((a, b) => a > b)),
  NumericGreaterThanEquals: positive(numeric((a, b) => a >= b)),
  DateEquals: positive(date((a, b) => a === b)),
  DateNotEquals: negative(date((a, b) => a === b)),
  DateLessThan: positive(date((a, b) => a < b)),
  DateLessThanEquals: positive(date((a, b) => a <= b)),
  DateGreaterThan: positive(date((a, b) => a > b)),
  DateGreaterThanEquals: positive(date((a, b) => a >= b)),
  Bool: positive(stringEqualsIgnoreCase),
  BinaryEquals: positive(stringEquals),
  IpAddress: positive(ipAddressInRange),
  NotIpAddress: negative(ipAddressInRange),
  ArnEquals: positive(arnLike),
  ArnLike: positive(arnLike),
  ArnNotEquals: negative(arnLike),
  ArnNotLike: negative(arnLike)
};

interface ParsedOperator {
  qualifier: SetQualifier;
  ifExists: boolean;
  /** undefined for the Null check. */
  operator: Operator | undefined;
}

/** The operator's parts and its test; undefined when IAM does not know the name. */
export function parseConditionOperator(name: string): ParsedOperator | undefined {
  const parsed = parseConditionOperatorName(name);
  if (!parsed) return undefined;
  return { qualifier: parsed.qualifier, ifExists: parsed.ifExists, operator: parsed.base === "Null" ? undefined : OPERATORS[parsed.base] };
}

/** Whether every operator and key of the block holds for the request. */
export function conditionBlockHolds(block: ConditionBlock | undefined, context: ConditionContext): boolean {
  if (!block) return true;
  const lookup = caseInsensitiveLookup(context);
  return Object.entries(block).every(([operatorName, keys]) => {
    const parsed = parseConditionOperator(operatorName);
    if (!parsed) throw new PolicyDocumentError(`Condition operator "${operatorName}" is not one IAM knows.`);
    return Object.entries(keys).every(([key, policyValue]) =>
      keyConditionHolds(parsed, lookup(key), toStrings(policyValue))
    );
  });
}

function keyConditionHolds(parsed: ParsedOperator, requestValues: string[] | undefined, policyValues: string[]): boolean {
  if (!parsed.operator) return nullCheckHolds(requestValues, policyValues);
  if (requestValues === undefined) {
    if (parsed.ifExists || parsed.qualifier === "ForAllValues") return true;
    if (parsed.qualifier === "ForAnyValue") return false;
    return parsed.operator.negated;
  }
  const { operator } = parsed;
  const matchesAnyPolicyValue = (value: string) => policyValues.some((p) => operator.test(value, p));
  // Per request value: does it satisfy the operator (for a negated one, match none of the policy values)?
  const satisfies = (value: string) => matchesAnyPolicyValue(value) !== operator.negated;
  if (parsed.qualifier === "ForAllValues") return requestValues.every(satisfies);
  if (parsed.qualifier === "ForAnyValue") return requestValues.some(satisfies);
  return requestValues.some(matchesAnyPolicyValue) !== operator.negated;
}

/** Null: "true" holds when the key is absent, "false" when it is present. */
function nullCheckHolds(requestValues: string[] | undefined, policyValues: string[]): boolean {
  const absent = requestValues === undefined;
  return policyValues.some((p) => (p.toLowerCase() === "true") === absent);
}

/** Condition keys are case-insensitive: "AWS:SecureTransport" finds "aws:securetransport". An empty list counts as absent. */
function caseInsensitiveLookup(context: ConditionContext): (key: string) => string[] | undefined {
  const byLowerKey = new Map<string, string[]>();
  for (const [key, value] of Object.entries(context)) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    if (values.length > 0) byLowerKey.set(key.toLowerCase(), values);
  }
  return (key) => byLowerKey.get(key.toLowerCase());
}

function toStrings(value: string | string[] | boolean | number | (string | boolean | number)[]): string[] {
  return (Array.isArray(value) ? value : [value]).map((v) => String(v));
}

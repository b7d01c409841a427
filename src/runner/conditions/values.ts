// Comparing two operand values the way the Apigee conditions reference
// describes: null operands by its table, everything else adapted to a common
// type first.
//
// Coercion. Two numbers (or booleans, as 1/0) compare numerically. A number
// against text compares numerically when the text reads as a number
// (`response.status.code = "404"` and `= 404` agree, as the reference says),
// and as text otherwise. Booleans against text compare as "true"/"false". Text
// against text compares by UTF-16 code units, as Java's String.compareTo;
// only := ignores case. Note: the reference's coercion table lists String as
// the common type of String and Integer, which would order "10" before "9";
// this runner compares such pairs numerically instead (a deliberate choice
// recorded in the report; equality is unaffected).

import type { FlowValue } from "../../flow/flow-variables";
import type { ComparisonOperator } from "./ast";

type Scalar = string | number | boolean;

/** What `left op right` gives when an operand is null (reference: "Behavior of null operands"). */
interface NullResults {
  leftNull: boolean;
  rightNull: boolean;
  bothNull: boolean;
}

const NULL_RESULTS: Record<ComparisonOperator, NullResults> = {
  Equals: { leftNull: false, rightNull: false, bothNull: true },
  EqualsCaseInsensitive: { leftNull: false, rightNull: false, bothNull: true },
  StartsWith: { leftNull: false, rightNull: false, bothNull: false },
  NotEquals: { leftNull: true, rightNull: true, bothNull: false },
  GreaterThan: { leftNull: true, rightNull: false, bothNull: false },
  GreaterThanOrEquals: { leftNull: false, rightNull: true, bothNull: true },
  LesserThan: { leftNull: true, rightNull: false, bothNull: false },
  LesserThanOrEquals: { leftNull: true, rightNull: false, bothNull: true },
  Matches: { leftNull: false, rightNull: false, bothNull: false },
  JavaRegex: { leftNull: false, rightNull: false, bothNull: false },
  MatchesPath: { leftNull: false, rightNull: false, bothNull: false }
};

/** The reference's "!~" row, used for any operator written with an infix not. */
const NEGATED_NULL_RESULTS: NullResults = { leftNull: true, rightNull: false, bothNull: false };

export function nullComparison(op: ComparisonOperator, negated: boolean, left: FlowValue, right: FlowValue): boolean {
  const row = negated ? NEGATED_NULL_RESULTS : NULL_RESULTS[op];
  if (left === null && right === null) return row.bothNull;
  return left === null ? row.leftNull : row.rightNull;
}

/** A looked-up value as conditions see it: a list (multi-valued header) as its comma-joined text. */
export function normalize(v: FlowValue | string[] | undefined): FlowValue {
  if (v === undefined) return null;
  return Array.isArray(v) ? v.join(",") : v;
}

export function textOf(v: Scalar): string {
  return String(v);
}

/** A lone operand holds when it is true or reads "true" in any case, as Java's Boolean.parseBoolean. */
export function isTruthy(v: FlowValue): boolean {
  return v === true || (typeof v === "string" && v.toLowerCase() === "true");
}

/** Equality and ordering operators, for non-null operands. */
export function compareScalars(op: ComparisonOperator, left: Scalar, right: Scalar): boolean {
  const order = compareOrder(left, right, op === "EqualsCaseInsensitive");
  switch (op) {
    case "Equals":
    case "EqualsCaseInsensitive":
      return order === 0;
    case "NotEquals":
      return order !== 0;
    case "GreaterThan":
      return order > 0;
    case "GreaterThanOrEquals":
      return order >= 0;
    case "LesserThan":
      return order < 0;
    case "LesserThanOrEquals":
      return order <= 0;
    default:
      throw new Error(`${op} is not an equality or ordering operator`);
  }
}

/** Negative, zero or positive, after adapting both sides to a common type. */
function compareOrder(left: Scalar, right: Scalar, ignoreCase: boolean): number {
  const l = numericOperand(left, right);
  const r = numericOperand(right, left);
  if (l !== null && r !== null) return l === r ? 0 : l < r ? -1 : 1;
  const ls = ignoreCase ? textOf(left).toLowerCase() : textOf(left);
  const rs = ignoreCase ? textOf(right).toLowerCase() : textOf(right);
  return ls === rs ? 0 : ls < rs ? -1 : 1;
}

const NUMERIC_TEXT = /^\s*[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?\s*$/;

/** `v` as a number when the pair compares numerically, else null. */
function numericOperand(v: Scalar, other: Scalar): number | null {
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return typeof other === "string" ? null : v ? 1 : 0;
  return typeof other === "number" && NUMERIC_TEXT.test(v) ? Number(v) : null;
}

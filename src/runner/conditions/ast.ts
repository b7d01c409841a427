// The parsed form of a condition: a tree of boolean connectives over
// comparisons, whose operands are variables, literals or parenthesised groups.

import type { FlowValue } from "../../flow/flow-variables";

/** A binary comparison, named by its word form in the Apigee reference. */
export type ComparisonOperator =
  | "Equals"
  | "NotEquals"
  | "EqualsCaseInsensitive"
  | "GreaterThan"
  | "GreaterThanOrEquals"
  | "LesserThan"
  | "LesserThanOrEquals"
  | "Matches"
  | "MatchesPath"
  | "JavaRegex"
  | "StartsWith";

/** Operators that may be negated in place (`x not Matches "a*"`), as apigeelint's grammar allows. */
export const NEGATABLE_OPERATORS: ReadonlySet<ComparisonOperator> = new Set<ComparisonOperator>([
  "Matches",
  "MatchesPath",
  "JavaRegex",
  "StartsWith"
]);

export type ConditionNode =
  | { kind: "or"; left: ConditionNode; right: ConditionNode }
  | { kind: "and"; left: ConditionNode; right: ConditionNode }
  | { kind: "not"; operand: ConditionNode }
  | ComparisonNode
  | { kind: "variable"; name: string }
  | { kind: "literal"; value: FlowValue };

export interface ComparisonNode {
  kind: "compare";
  operator: ComparisonOperator;
  /** Written with an infix `not`, e.g. `x not StartsWith "a"`. */
  negated: boolean;
  left: ConditionNode;
  right: ConditionNode;
  /** The pattern, compiled when the right operand is a string literal. */
  pattern: RegExp | null;
}

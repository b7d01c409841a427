// Walks a parsed condition against the flow's variables.

import type { FlowValue } from "../../flow/flow-variables";
import type { ComparisonNode, ConditionNode } from "./ast";
import { isPatternOperator, PatternCache } from "./operator-patterns";
import { compareScalars, isTruthy, normalize, nullComparison, textOf } from "./values";

export type Lookup = (name: string) => FlowValue | string[];

export function evaluateNode(node: ConditionNode, lookup: Lookup, patterns: PatternCache): boolean {
  switch (node.kind) {
    case "or":
      return evaluateNode(node.left, lookup, patterns) || evaluateNode(node.right, lookup, patterns);
    case "and":
      return evaluateNode(node.left, lookup, patterns) && evaluateNode(node.right, lookup, patterns);
    case "not":
      return !evaluateNode(node.operand, lookup, patterns);
    case "compare":
      return evaluateComparison(node, lookup, patterns);
    default:
      return isTruthy(operandValue(node, lookup, patterns));
  }
}

/** An operand's value: a variable's, a literal's, or a parenthesised group's truth. */
function operandValue(node: ConditionNode, lookup: Lookup, patterns: PatternCache): FlowValue {
  if (node.kind === "variable") return normalize(lookup(node.name));
  if (node.kind === "literal") return node.value;
  return evaluateNode(node, lookup, patterns);
}

function evaluateComparison(node: ComparisonNode, lookup: Lookup, patterns: PatternCache): boolean {
  const left = operandValue(node.left, lookup, patterns);
  const right = operandValue(node.right, lookup, patterns);
  if (left === null || right === null) return nullComparison(node.operator, node.negated, left, right);
  const op = node.operator;
  let holds: boolean;
  if (isPatternOperator(op)) {
    const pattern = node.pattern ?? runtimePattern(node, textOf(right), patterns);
    holds = pattern.test(textOf(left));
  } else if (op === "StartsWith") {
    holds = textOf(left).startsWith(textOf(right));
  } else {
    holds = compareScalars(op, left, right);
  }
  return node.negated ? !holds : holds;
}

function runtimePattern(node: ComparisonNode, text: string, patterns: PatternCache): RegExp {
  const op = node.operator;
  if (!isPatternOperator(op)) throw new Error(`${op} takes no pattern`);
  try {
    return patterns.get(op, text);
  } catch (e) {
    const from = node.right.kind === "variable" ? ` (from variable ${node.right.name})` : "";
    throw new Error(`${op} pattern "${text}"${from} cannot be used: ${(e as Error).message}`);
  }
}

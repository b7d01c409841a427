// The names IAM accepts in a Condition block ("IAM JSON policy elements:
// Condition operators"): a base operator, an optional IfExists suffix and an
// optional ForAnyValue:/ForAllValues: set qualifier; Null takes neither. The
// validator checks names with it; the stand-ins' evaluator gives each base
// operator its test.

export const BASE_CONDITION_OPERATORS = [
  "StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike",
  "NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals",
  "DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals",
  "Bool", "BinaryEquals", "IpAddress", "NotIpAddress", "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike"
] as const;

export type BaseConditionOperator = (typeof BASE_CONDITION_OPERATORS)[number];
export type SetQualifier = "ForAnyValue" | "ForAllValues" | undefined;

export interface ConditionOperatorName {
  qualifier: SetQualifier;
  ifExists: boolean;
  /** "Null" for the Null check. */
  base: BaseConditionOperator | "Null";
}

/** Splits "ForAnyValue:StringLikeIfExists" into its parts; undefined when IAM does not know the name. */
export function parseConditionOperatorName(name: string): ConditionOperatorName | undefined {
  let rest = name;
  let qualifier: SetQualifier;
  const colon = rest.indexOf(":");
  if (colon >= 0) {
    const prefix = rest.slice(0, colon);
    if (prefix !== "ForAnyValue" && prefix !== "ForAllValues") return undefined;
    qualifier = prefix;
    rest = rest.slice(colon + 1);
  }
  if (rest === "Null") return qualifier ? undefined : { qualifier, ifExists: false, base: "Null" };
  const ifExists = rest.endsWith("IfExists");
  if (ifExists) rest = rest.slice(0, -"IfExists".length);
  return (BASE_CONDITION_OPERATORS as readonly string[]).includes(rest) ? { qualifier, ifExists, base: rest as BaseConditionOperator } : undefined;
}

// An IAM policy document, as apigee-aws writes it and AWS stores it: the one
// shape the emitters build, the validator checks, explain reads and the AWS
// stand-ins evaluate.

export const POLICY_VERSION = "2012-10-17";

export interface PolicyDocument {
  Version?: string;
  Statement: PolicyStatement | PolicyStatement[];
}

export type ConditionValue = string | string[] | boolean | number;

export interface PolicyStatement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Principal?: "*" | { [kind: string]: string | string[] };
  NotPrincipal?: { [kind: string]: string | string[] };
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: { [operator: string]: { [key: string]: ConditionValue } };
}

/** A trust policy is attached to a role (who may assume it); a permissions policy is what the role may do. */
export type PolicyKind = "trust" | "permissions";

/** The statements of a document, whether it holds one or a list. */
export function statementsOf(document: PolicyDocument): PolicyStatement[] {
  return Array.isArray(document.Statement) ? document.Statement : [document.Statement];
}

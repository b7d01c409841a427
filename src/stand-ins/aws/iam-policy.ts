// IAM policy evaluation for the stand-ins: identity-based permissions
// policies (S3, SSM) and role trust policies (STS). Follows "Policy
// evaluation logic" for a single account: an explicit Deny in any statement
// wins, else any Allow, else the request is implicitly denied.
// Out of scope: policy variables (${aws:username} is compared literally),
// resource-based policies, permissions boundaries, SCPs and session policies.

import type { PolicyDocument, PolicyKind, PolicyStatement } from "../../iam/document";
import { PolicyDocumentError } from "../../iam/policy-document-error";
import { assertEvaluable } from "../../iam/validate";
import { conditionBlockHolds, type ConditionContext } from "./iam-conditions";
import { arnMatches, wildcardMatches } from "./iam-wildcard";

export type { ConditionContext };

export type Decision = "Allow" | "ExplicitDeny" | "ImplicitDeny";

export interface AuthorizationRequest {
  /** "s3:GetObject" */
  action: string;
  /** arn:aws:s3:::bucket/key */
  resource: string;
  context: ConditionContext;
}

export interface TrustRequest {
  /** "sts:AssumeRoleWithWebIdentity" */
  action: string;
  /** "accounts.google.com" or "arn:aws:iam::ACCOUNT:oidc-provider/HOST/PATH" */
  federatedPrincipal: string;
  context: ConditionContext;
}

export function evaluatePolicies(policies: PolicyDocument[], request: AuthorizationRequest): Decision {
  const statements = policies.flatMap((policy) => statementsOf(policy, "permissions"));
  return decide(statements, (s) =>
    actionApplies(s, request.action) && resourceApplies(s, request.resource) && conditionBlockHolds(s.Condition, request.context)
  );
}

export function evaluateTrust(trust: PolicyDocument, request: TrustRequest): Decision {
  return decide(statementsOf(trust, "trust"), (s) =>
    principalApplies(s, request.federatedPrincipal) && actionApplies(s, request.action) && conditionBlockHolds(s.Condition, request.context)
  );
}

function decide(statements: PolicyStatement[], applies: (s: PolicyStatement) => boolean): Decision {
  const applying = statements.filter(applies);
  if (applying.some((s) => s.Effect === "Deny")) return "ExplicitDeny";
  if (applying.some((s) => s.Effect === "Allow")) return "Allow";
  return "ImplicitDeny";
}

function statementsOf(policy: PolicyDocument, kind: PolicyKind): PolicyStatement[] {
  if (!policy || policy.Statement === undefined) throw new PolicyDocumentError(`The ${kind} policy has no "Statement".`);
  const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
  statements.forEach((s, i) => assertEvaluable(s, i, kind));
  return statements;
}

/** Action names are case-insensitive ("S3:getobject" is s3:GetObject). */
function actionApplies(s: PolicyStatement, action: string): boolean {
  const matches = (patterns: string | string[]) => list(patterns).some((p) => wildcardMatches(p, action, true));
  return s.Action !== undefined ? matches(s.Action) : !matches(s.NotAction ?? []);
}

/** Resource ARNs are case-sensitive. */
function resourceApplies(s: PolicyStatement, resource: string): boolean {
  const matches = (patterns: string | string[]) => list(patterns).some((p) => arnMatches(p, resource));
  return s.Resource !== undefined ? matches(s.Resource) : !matches(s.NotResource ?? []);
}

/** Principal "*" (or {"AWS": "*"}) is everyone; otherwise the federated provider must be named exactly. */
function principalApplies(s: PolicyStatement, federatedPrincipal: string): boolean {
  const names = (principal: NonNullable<PolicyStatement["Principal"]>): boolean => {
    if (principal === "*") return true;
    if (principal.AWS !== undefined && list(principal.AWS).includes("*")) return true;
    return principal.Federated !== undefined && list(principal.Federated).includes(federatedPrincipal);
  };
  if (s.Principal !== undefined) return names(s.Principal);
  return s.NotPrincipal !== undefined && !names(s.NotPrincipal);
}

function list(value: string | string[]): string[] {
  return Array.isArray(value) ? value : [value];
}

// Authorisation of an authenticated request against the permissions policies
// of the role the session was issued for, with the condition keys S3 and IAM
// put in the request context.

import { isoSeconds } from "./aws-errors";
import { evaluatePolicies, type ConditionContext, type Decision } from "./iam-policy";
import type { AwsWorld, Session } from "./world";

export interface AccessQuestion {
  /** "s3:GetObject", "ssm:GetParameter", "kms:Decrypt"... */
  action: string;
  resource: string;
  /** Service-specific keys (s3:prefix...), added to the global ones. */
  context?: ConditionContext;
}

export interface CallerContext {
  world: AwsWorld;
  session: Session;
  region: string;
  /** aws:SecureTransport: whether the caller reached the service over TLS. */
  secureTransport: boolean;
}

/** The global condition keys IAM sets for a role session. */
export function globalContext(caller: CallerContext): ConditionContext {
  const now = caller.world.now();
  return {
    "aws:PrincipalArn": caller.session.roleArn,
    "aws:PrincipalAccount": caller.world.accountId,
    "aws:PrincipalType": "AssumedRole",
    "aws:SecureTransport": String(caller.secureTransport),
    "aws:RequestedRegion": caller.region,
    "aws:CurrentTime": isoSeconds(now),
    "aws:EpochTime": String(Math.floor(now / 1000)),
    "aws:SourceIdentity": caller.session.sourceIdentity ?? undefined
  };
}

export function decide(caller: CallerContext, question: AccessQuestion): Decision {
  const role = caller.world.roles.get(caller.session.roleArn);
  if (!role) return "ImplicitDeny";
  return evaluatePolicies(role.permissionsPolicies, {
    action: question.action,
    resource: question.resource,
    context: { ...globalContext(caller), ...question.context }
  });
}

/** IAM's wording of a denial, which S3 and SSM both put in their AccessDenied messages. */
export function denialMessage(session: Session, question: AccessQuestion, decision: Decision, quoteResource: boolean): string {
  const resource = quoteResource ? `"${question.resource}"` : question.resource;
  const reason =
    decision === "ExplicitDeny" ? "with an explicit deny in an identity-based policy" : `because no identity-based policy allows the ${question.action} action`;
  return `User: ${session.assumedRoleArn} is not authorized to perform: ${question.action} on resource: ${resource} ${reason}`;
}

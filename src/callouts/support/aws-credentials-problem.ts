// RFC 9457 problem details for aws-credentials failures. The flow's RaiseFault
// policies send them: status, reason phrase, body and (for 503) Retry-After
// come from the variables set here. The detail names the role ARN and the
// upstream error code, for aws.credentials.fault.detail (the audit record,
// Debug) only; it never carries a token or a key.

import { FLOW } from "./aws-credentials-names";
import { problem, Problem } from "./problem";
import { setProblemVariables } from "./problem-flow";

export type { Problem };
export { problem };

var TYPE_PREFIX = "urn:apigee-aws:problem:aws-credentials:";

var JWT_SHAPED = /[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}/g;

/** An upstream (STS, Google) message safe to show: no token-shaped text, at most 300 characters. */
export function scrubMessage(message: string): string {
  var text = message.replace(JWT_SHAPED, "<token>").replace(/\s+/g, " ");
  return text.length > 300 ? text.substring(0, 300) + "..." : text;
}

/** A misconfigured FlowCallout: always 500, naming the parameter to fix. */
export function misconfigured(parameter: string, detail: string): Problem {
  var p = problem("misconfigured", 500, "The aws-credentials shared flow is misconfigured", detail);
  p.members.parameter = parameter;
  return p;
}

/** Sets the variables the flow's RaiseFault policies answer with. */
export function setFault(p: Problem): void {
  setProblemVariables({ status: FLOW.faultStatus, reason: FLOW.faultReason, body: FLOW.faultBody, detail: FLOW.faultDetail, retryAfter: FLOW.faultRetryAfter }, TYPE_PREFIX, p);
}

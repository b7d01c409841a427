// RFC 9457 problem details for aws-credentials failures. The flow's RaiseFault
// policies send them: status, reason phrase, body and (for 503) Retry-After
// come from the variables set here. A detail names the role ARN and the
// upstream error code; it never carries a token or a key.

import { FLOW } from "./aws-credentials-names";

export interface Problem {
  /** The last part of the type URN: misconfigured, sts-access-denied, ... */
  kind: string;
  status: number;
  title: string;
  detail: string;
  /** Extension members: roleArn, stsErrorCode, parameter, ... */
  members: { [name: string]: string | number };
  /** Seconds, for 503. */
  retryAfter: number;
}

var TYPE_PREFIX = "urn:apigee-aws:problem:aws-credentials:";

var REASONS: { [status: number]: string } = {
  401: "Unauthorized",
  403: "Forbidden",
  500: "Internal Server Error",
  503: "Service Unavailable"
};

var JWT_SHAPED = /[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}/g;

/** An upstream (STS, Google) message safe to show: no token-shaped text, at most 300 characters. */
export function scrubMessage(message: string): string {
  var text = message.replace(JWT_SHAPED, "<token>").replace(/\s+/g, " ");
  return text.length > 300 ? text.substring(0, 300) + "..." : text;
}

export function problem(kind: string, status: number, title: string, detail: string): Problem {
  return { kind: kind, status: status, title: title, detail: detail, members: {}, retryAfter: 0 };
}

/** A misconfigured FlowCallout: always 500, naming the parameter to fix. */
export function misconfigured(parameter: string, detail: string): Problem {
  var p = problem("misconfigured", 500, "The aws-credentials shared flow is misconfigured", detail);
  p.members.parameter = parameter;
  return p;
}

export function problemBody(p: Problem): string {
  var body: { [name: string]: string | number } = { type: TYPE_PREFIX + p.kind, title: p.title, status: p.status, detail: p.detail };
  for (var name in p.members) {
    if (Object.prototype.hasOwnProperty.call(p.members, name)) body[name] = p.members[name];
  }
  return JSON.stringify(body);
}

/** Sets the variables the flow's RaiseFault policies answer with. */
export function setFault(p: Problem): void {
  context.setVariable(FLOW.faultStatus, p.status);
  context.setVariable(FLOW.faultReason, REASONS[p.status] || "Error");
  context.setVariable(FLOW.faultBody, problemBody(p));
  if (p.retryAfter > 0) context.setVariable(FLOW.faultRetryAfter, String(p.retryAfter));
  else context.removeVariable(FLOW.faultRetryAfter);
}

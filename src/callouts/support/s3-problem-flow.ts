// Puts a problem in the flow, where the answering policy (RaiseFault or
// AssignMessage) reads it: status, reason phrase, body, Retry-After.

import { problemBody, S3Problem } from "./s3-problem";

export var S3_PROBLEM = {
  status: "s3.problem.status",
  reason: "s3.problem.reason",
  body: "s3.problem.body",
  retryAfter: "s3.problem.retryAfter",
  requestId: "s3.problem.requestId"
};

var REASONS: { [status: number]: string } = {
  304: "Not Modified",
  400: "Bad Request",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  411: "Length Required",
  412: "Precondition Failed",
  413: "Content Too Large",
  416: "Range Not Satisfiable",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout"
};

/** Sets the variables the answering policy reads. */
export function setS3Problem(p: S3Problem): void {
  context.setVariable(S3_PROBLEM.status, p.status);
  context.setVariable(S3_PROBLEM.reason, REASONS[p.status] || "Error");
  context.setVariable(S3_PROBLEM.body, problemBody(p));
  if (p.retryAfter > 0) context.setVariable(S3_PROBLEM.retryAfter, String(p.retryAfter));
  else context.removeVariable(S3_PROBLEM.retryAfter);
}

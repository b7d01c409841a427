// Puts a problem in flow variables, where the answering RaiseFault or
// AssignMessage policy reads its status, reason phrase, body and Retry-After,
// and the full problem (extension members, upstream codes) where the audit
// record and Debug read it.

import { readString } from "./flow";
import { clientProblemBody, Problem, problemBody } from "./problem";

/** Where a flow's answering policy reads the problem. Without `reason`/`retryAfter` those are not set. */
export interface ProblemVariables {
  status: string;
  /** What the caller gets. */
  body: string;
  /** The full problem, never sent to the caller. */
  detail: string;
  reason?: string;
  retryAfter?: string;
}

var REASONS: { [status: number]: string } = {
  304: "Not Modified",
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  411: "Length Required",
  412: "Precondition Failed",
  413: "Content Too Large",
  416: "Range Not Satisfiable",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout"
};

export function setProblemVariables(names: ProblemVariables, typePrefix: string, p: Problem): void {
  context.setVariable(names.status, p.status);
  if (names.reason) context.setVariable(names.reason, REASONS[p.status] || "Error");
  var messageId = readString("messageid") || "";
  context.setVariable(names.body, clientProblemBody(typePrefix, p, messageId));
  context.setVariable(names.detail, problemBody(typePrefix, p, messageId));
  if (!names.retryAfter) return;
  if (p.retryAfter > 0) context.setVariable(names.retryAfter, String(p.retryAfter));
  else context.removeVariable(names.retryAfter);
}

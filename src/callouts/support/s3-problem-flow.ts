// Puts a problem in the flow, where the answering policy (RaiseFault or
// AssignMessage) reads it: status, reason phrase, body, Retry-After.

import { setProblemVariables } from "./problem-flow";
import { S3_TYPE_PREFIX, S3Problem } from "./s3-problem";

export var S3_PROBLEM = {
  status: "s3.problem.status",
  reason: "s3.problem.reason",
  body: "s3.problem.body",
  detail: "s3.problem.detail",
  retryAfter: "s3.problem.retryAfter",
  requestId: "s3.problem.requestId"
};

/** Sets the variables the answering policy reads. */
export function setS3Problem(p: S3Problem): void {
  setProblemVariables({ status: S3_PROBLEM.status, reason: S3_PROBLEM.reason, body: S3_PROBLEM.body, detail: S3_PROBLEM.detail, retryAfter: S3_PROBLEM.retryAfter }, S3_TYPE_PREFIX, p);
}

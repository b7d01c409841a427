// RFC 9457 problem details for the answers the generated S3 proxies give
// themselves (a bad key, an S3 error turned into a sensible status). A
// problem never carries S3's own Message or diagnostics (StringToSign,
// CanonicalRequest): only our wording, S3's error code and request id.
// Pure: s3-problem-flow.ts puts a problem in the flow.

import { callerProblem, problem, Problem } from "./problem";

export var S3_TYPE_PREFIX = "urn:apigee-aws:problem:s3:";

export type S3Problem = Problem;

export function s3Problem(kind: string, status: number, title: string, detail: string): S3Problem {
  return problem(kind, status, title, detail);
}

/** A problem with the caller's own request (its key, query or framing): the caller reads the detail. */
export function s3RequestProblem(kind: string, status: number, title: string, detail: string): S3Problem {
  return callerProblem(kind, status, title, detail);
}

// The S3-specific policies: the key callout and its refusal, the target URL,
// SigV4 for s3, the list transformation, the response-header filter, and the
// S3 error answer. Callout contracts are in src/callouts/s3-*.ts.

import type { S3Target } from "../../intent/model";
import { comment } from "../xml";
import { assignMessage } from "../policies/assign-message";
import { flowCallout } from "../policies/flow-callout";
import { javascriptPolicy } from "../policies/javascript";
import { raiseFault } from "../policies/raise-fault";
import { HEADERS_SCRIPT } from "../aws-policies";
import type { Policy } from "../parts";

export const S3_SCRIPTS = { key: "s3-key.js", list: "s3-list.js", error: "s3-error.js", headers: HEADERS_SCRIPT };

/** What s3-key.js and s3-error.js set (src/callouts/support/s3-problem.ts). */
export const S3_VARIABLES = {
  operation: "s3.operation",
  url: "s3.url",
  problemStatus: "s3.problem.status",
  problemReason: "s3.problem.reason",
  problemBody: "s3.problem.body",
  retryAfter: "s3.problem.retryAfter",
  requestId: "s3.problem.requestId"
};

/** The list page size when the client sends no ?limit=. */
export const DEFAULT_PAGE_SIZE = 1000;

export function keyPolicy(endpoint: string, target: S3Target): Policy {
  return javascriptPolicy("JS-S3-Key", S3_SCRIPTS.key, [
    ["endpoint", endpoint],
    ["prefix", target.prefix],
    ["pageSize", String(DEFAULT_PAGE_SIZE)]
  ]);
}

/** Answers the problem s3-key.js found (400 and a problem body). */
export function invalidRequestPolicy(): Policy {
  return raiseFault({
    name: "RF-S3-InvalidRequest",
    status: `{${S3_VARIABLES.problemStatus}}`,
    reason: `{${S3_VARIABLES.problemReason}}`,
    payload: { contentType: "application/problem+json", text: `{${S3_VARIABLES.problemBody}}` }
  });
}

/**
 * target.url as s3-key.js built it. It is set here because target.url is in
 * scope only in the TargetEndpoint's request flow; the path suffix and the
 * client's query must not be appended to it.
 */
export function targetUrlPolicy(): Policy {
  return assignMessage({
    name: "AM-S3-TargetUrl",
    variables: [
      ["target.url", { ref: S3_VARIABLES.url }],
      ["target.copy.pathsuffix", { value: "false" }],
      ["target.copy.queryparams", { value: "false" }]
    ]
  });
}

export function signPolicy(region: string): Policy {
  return flowCallout(
    "FC-SigV4",
    "aws-sigv4",
    [
      ["aws.sigv4.service", { value: "s3" }],
      ["aws.sigv4.region", { value: region }]
    ],
    comment("Signs the target request as sent: target.url in full, UNSIGNED-PAYLOAD (the body streams)."),
  );
}

export function listPolicy(target: S3Target): Policy {
  return javascriptPolicy("JS-S3-List", S3_SCRIPTS.list, [["prefix", target.prefix]]);
}

/** S3's x-amz-* response headers (ids, metadata, encryption, versions) stay inside; the request id is kept for support. */
export function stripResponseHeadersPolicy(): Policy {
  return javascriptPolicy("JS-S3-StripResponseHeaders", S3_SCRIPTS.headers, [
    ["message", "response"],
    ["prefix", "x-amz-"],
    ["keep", "x-amz-request-id"]
  ]);
}

export function errorPolicy(): Policy {
  return javascriptPolicy("JS-S3-Error", S3_SCRIPTS.error);
}

/** The problem answer for an S3 error; every S3 header is dropped first. */
export function problemAnswerPolicy(): Policy {
  return assignMessage({
    name: "AM-S3-Problem",
    assignTo: "response",
    removeHeaders: [],
    set: {
      status: `{${S3_VARIABLES.problemStatus}}`,
      reason: `{${S3_VARIABLES.problemReason}}`,
      payload: { contentType: "application/problem+json", text: `{${S3_VARIABLES.problemBody}}` }
    }
  });
}

export function retryAfterPolicy(): Policy {
  return assignMessage({ name: "AM-S3-RetryAfter", assignTo: "response", set: { headers: [["Retry-After", `{${S3_VARIABLES.retryAfter}}`]] } });
}

export function requestIdPolicy(): Policy {
  return assignMessage({ name: "AM-S3-RequestId", assignTo: "response", set: { headers: [["x-amz-request-id", `{${S3_VARIABLES.requestId}}`]] } });
}

// The S3-specific policies: the key callout and its refusal, the target URL,
// SigV4 for s3, the list transformation, the response-header filter, and the
// S3 error answer. Callout contracts are in src/callouts/s3-*.ts. Those the
// same in every bundle are copied from policies/ (src/generator/fixed-policies.ts).

import type { S3Target } from "../../intent/model";
import { comment } from "../xml";
import { flowCallout } from "../policies/flow-callout";
import { javascriptPolicy } from "../policies/javascript";
import { HEADERS_SCRIPT } from "../aws-policies";
import { fixedPolicy } from "../fixed-policies";
import type { Policy } from "../parts";
import type { BundleValue } from "../../plan/model";

export const S3_SCRIPTS = { key: "s3-key.js", list: "s3-list.js", error: "s3-error.js", download: "s3-download.js", headers: HEADERS_SCRIPT };

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
  return fixedPolicy("RF-S3-InvalidRequest");
}

/**
 * target.url as s3-key.js built it. It is set here because target.url is in
 * scope only in the TargetEndpoint's request flow; the path suffix and the
 * client's query must not be appended to it.
 */
export function targetUrlPolicy(): Policy {
  return fixedPolicy("AM-S3-TargetUrl");
}

export function signPolicy(region: BundleValue): Policy {
  return flowCallout(
    "FC-SigV4",
    "aws-sigv4",
    [
      ["aws.sigv4.service", { value: "s3" }],
      ["aws.sigv4.region", region]
    ],
    comment("Signs the target request as sent: target.url in full, UNSIGNED-PAYLOAD (the body streams)."),
  );
}

export function listPolicy(target: S3Target): Policy {
  return javascriptPolicy("JS-S3-List", S3_SCRIPTS.list, [["prefix", target.prefix]]);
}

/** S3's x-amz-* response headers (ids, metadata, encryption, versions) stay inside; the request id is kept for support. */
export function stripResponseHeadersPolicy(): Policy {
  return fixedPolicy("JS-S3-StripResponseHeaders");
}

/** Objects of a type the intent does not serve inline get Content-Disposition: attachment (src/callouts/s3-download.ts). */
export function downloadPolicy(inlineTypes: string[]): Policy {
  return javascriptPolicy("JS-S3-Download", S3_SCRIPTS.download, [["inline", inlineTypes.join(",")]]);
}

export function errorPolicy(): Policy {
  return fixedPolicy("JS-S3-Error");
}

/** The problem answer for an S3 error; every S3 header is dropped first. */
export function problemAnswerPolicy(): Policy {
  return fixedPolicy("AM-S3-Problem");
}

export function retryAfterPolicy(): Policy {
  return fixedPolicy("AM-S3-RetryAfter");
}

export function requestIdPolicy(): Policy {
  return fixedPolicy("AM-S3-RequestId");
}

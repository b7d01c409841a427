// After STS (or Google) kept failing, the flow stops calling them for this
// cache key until Retry-After has passed: clients are told to wait that
// long, and an outage does not turn every request into three STS calls.
// PC-AwsCredentials-Backoff stores the marker; LC-AwsCredentials-Backoff
// reads it back on the next miss, and AM-AwsCredentials-Backoff then sets
// the state to backing-off.

import { FLOW } from "./aws-credentials-names";
import { problem, Problem } from "./aws-credentials-problem";
import { isoSeconds } from "./iso-time";
import { readString } from "./flow";

interface BackoffMarker {
  until: number;
  /** The failure's problem kind and title, and STS's error code or the kind. */
  kind: string;
  title: string;
  code: string;
}

export function setBackoff(p: Problem, now: number): void {
  var marker: BackoffMarker = { until: now + p.retryAfter * 1000, kind: p.kind, title: p.title, code: String(p.members.stsErrorCode || p.kind) };
  context.setVariable(FLOW.backoffEntry, JSON.stringify(marker));
  context.setVariable(FLOW.backoffTtl, String(p.retryAfter));
}

function parseMarker(text: string | null): BackoffMarker | null {
  var marker: BackoffMarker;
  try {
    marker = JSON.parse(text || "");
  } catch (e) {
    return null;
  }
  if (!marker || typeof marker.until !== "number" || typeof marker.kind !== "string" || typeof marker.title !== "string") return null;
  return { until: marker.until, kind: marker.kind, title: marker.title, code: String(marker.code) };
}

/** The 503 to answer while a backoff marker for this key is live (AM-AwsCredentials-Backoff saw one). */
export function backoffProblem(roleArn: string, now: number): Problem {
  var marker = parseMarker(readString(FLOW.backoff)) || { until: now, kind: "sts-unavailable", title: "AWS STS is unavailable", code: "unknown" };
  var retryAfter = Math.max(1, Math.ceil((marker.until - now) / 1000));
  var detail = "getting credentials for " + roleArn + " failed moments ago (" + marker.code + "); not retried before " + isoSeconds(now + retryAfter * 1000);
  var p = problem(marker.kind, 503, marker.title, detail);
  p.members.roleArn = roleArn;
  p.members.stsErrorCode = marker.code;
  p.retryAfter = retryAfter;
  return p;
}

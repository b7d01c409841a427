// JavaScript policy resource of the generated S3 proxies (TargetEndpoint
// FaultRule): turns a failed S3 call into s3.problem.* for the AssignMessage
// that answers with an application/problem+json body (support/s3-error-codes.ts
// says which status). It reads S3's XML <Error> for the Code only: S3's
// Message, StringToSign, CanonicalRequest and HostId never reach the client.
// The body of an error from a streamed TargetEndpoint is read too: Apigee
// buffers a streamed body a policy reads, and S3's error bodies are small. A
// HEAD error has no body; then the status decides.

import { readString } from "./support/flow";
import { answerFor } from "./support/s3-error-codes";
import { s3Problem, S3Problem } from "./support/s3-problem";
import { S3_PROBLEM, setS3Problem } from "./support/s3-problem-flow";
import { firstElementText } from "./support/s3-xml";

function unreachable(faultName: string): S3Problem {
  var timeout = faultName === "GatewayTimeout";
  return s3Problem(
    timeout ? "upstream-timeout" : "upstream-unavailable",
    timeout ? 504 : 502,
    timeout ? "S3 did not answer in time" : "S3 could not be reached",
    "The proxy's request to S3 failed (" + faultName + ")."
  );
}

/** S3's own Retry-After in seconds when it sends a plausible one (1 to 300), else 0. */
function s3RetryAfter(): number {
  var seconds = Number(readString("response.header.retry-after") || "");
  return seconds >= 1 && seconds <= 300 && Math.floor(seconds) === seconds ? seconds : 0;
}

function isObjectRead(): boolean {
  var verb = readString("request.verb") || "";
  return (verb === "GET" || verb === "HEAD") && readString("s3.operation") !== "list";
}

function fromS3(status: number, content: string): S3Problem {
  var code = content.indexOf("<Error>") >= 0 ? firstElementText(content, "Code") || "" : "";
  var argument = code === "InvalidArgument" ? firstElementText(content, "ArgumentName") || "" : "";
  var a = answerFor(code, status, argument, isObjectRead());
  var p = s3Problem(a.kind, a.status, a.title, "S3 answered " + status + (code ? " " + code : "") + ".");
  if (code) p.members.s3ErrorCode = code;
  // When S3 says how long to wait (a SlowDown may), the client is told the same; else the table's default.
  p.retryAfter = a.retryAfter > 0 ? s3RetryAfter() || a.retryAfter : 0;
  return p;
}

function main(): void {
  var faultName = readString("fault.name") || "";
  var requestId = readString("response.header.x-amz-request-id");
  var p =
    faultName === "ErrorResponseCode"
      ? fromS3(Number(readString("response.status.code") || 0), readString("response.content") || "")
      : unreachable(faultName);
  if (requestId) {
    p.members.s3RequestId = requestId;
    context.setVariable(S3_PROBLEM.requestId, requestId);
  } else context.removeVariable(S3_PROBLEM.requestId);
  setS3Problem(p);
}

main();

// What a failed AssumeRoleWithWebIdentity means for the caller:
//   InvalidIdentityToken, ExpiredTokenException  401 in caller mode (the
//     caller's token); 502 in gateway mode, where the token is the proxy's
//     own Google ID token and the caller did nothing wrong
//   AccessDenied                                 403
//   transient (5xx, IDPCommunicationError, throttling, timeouts), still failing  503 + Retry-After
//   any other STS 4xx (ValidationError, ...)     500: the proxy or role is misconfigured
// The detail names the role ARN and STS's code; STS's message is kept but
// anything shaped like a JWT is cut out of it.

import { problem, Problem, scrubMessage } from "./aws-credentials-problem";
import { StsAnswer } from "./sts-answer";
import { isRetryable } from "./sts-exchange";

function kindOf(answer: StsAnswer, mode: string): [string, number, string] {
  var code = answer.code;
  if ((code === "InvalidIdentityToken" || code === "ExpiredTokenException") && mode === "gateway") {
    return ["sts-rejected-gateway-token", 502, "AWS STS rejected the proxy's own identity token"];
  }
  if (code === "InvalidIdentityToken") return ["sts-invalid-identity-token", 401, "AWS STS rejected the web identity token"];
  if (code === "ExpiredTokenException") return ["sts-expired-token", 401, "AWS STS rejected the web identity token as expired"];
  if (code === "AccessDenied") return ["sts-access-denied", 403, "The role's trust policy does not allow this identity"];
  if (isRetryable(answer)) return ["sts-unavailable", 503, "AWS STS is unavailable"];
  return ["sts-request-rejected", 500, "AWS STS rejected the request"];
}

/** `mode` is whose token STS judged: gateway (the proxy's) or caller (the API caller's). */
export function stsProblem(answer: StsAnswer, roleArn: string, attempts: number, retryAfterSeconds: number, mode: string): Problem {
  var kind = kindOf(answer, mode);
  var http = answer.status === 0 ? "no response" : "HTTP " + answer.status;
  var message = answer.message === "" ? "" : ": " + scrubMessage(answer.message);
  var detail = "AssumeRoleWithWebIdentity for " + roleArn + " failed with " + answer.code + " (" + http + ") after " + attempts + (attempts === 1 ? " attempt" : " attempts") + message;
  var p = problem(kind[0], kind[1], kind[2], detail);
  p.members.roleArn = roleArn;
  p.members.stsErrorCode = answer.code;
  p.members.attempts = attempts;
  if (p.status === 503) p.retryAfter = retryAfterSeconds;
  return p;
}

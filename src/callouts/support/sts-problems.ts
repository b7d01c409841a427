// What a failed AssumeRoleWithWebIdentity means for the caller:
//   InvalidIdentityToken, ExpiredTokenException  401
//   AccessDenied                                 403
//   transient (5xx, IDPCommunicationError, throttling, timeouts), still failing  503 + Retry-After
//   any other STS 4xx (ValidationError, ...)     500: the proxy or role is misconfigured
// The detail names the role ARN and STS's code; STS's message is kept but
// anything shaped like a JWT is cut out of it.

import { problem, Problem, scrubMessage } from "./aws-credentials-problem";
import { StsAnswer } from "./sts-answer";
import { isRetryable } from "./sts-exchange";

function kindOf(answer: StsAnswer): [string, number, string] {
  var code = answer.code;
  if (code === "InvalidIdentityToken") return ["sts-invalid-identity-token", 401, "AWS STS rejected the web identity token"];
  if (code === "ExpiredTokenException") return ["sts-expired-token", 401, "AWS STS rejected the web identity token as expired"];
  if (code === "AccessDenied") return ["sts-access-denied", 403, "The role's trust policy does not allow this identity"];
  if (isRetryable(answer)) return ["sts-unavailable", 503, "AWS STS is unavailable"];
  return ["sts-request-rejected", 500, "AWS STS rejected the request"];
}

export function stsProblem(answer: StsAnswer, roleArn: string, attempts: number, retryAfterSeconds: number): Problem {
  var kind = kindOf(answer);
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

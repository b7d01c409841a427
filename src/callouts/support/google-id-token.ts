// The Google ID token the generateIdToken ServiceCallout fetched (gateway
// mode). The token is read once and the response message's content blanked
// at once, so it never lingers in a readable variable; the Authorization
// header Apigee's <GoogleAccessToken> put on the request goes too.
//   transport failure, 429, 5xx or no token  503 (transient)
//   any other status (401, 403, 404, ...)     500: the runtime service account cannot mint ID tokens

import { ID_TOKEN_CALLOUT } from "./aws-credentials-names";
import { misconfigured, problem, Problem, scrubMessage } from "./aws-credentials-problem";
import { readFlag, readString } from "./flow";

export interface TokenOrProblem {
  token: string;
  problem: Problem | null;
}

function takeResponse(): { status: number; content: string } {
  var status = Number(readString(ID_TOKEN_CALLOUT.response + ".status.code") || 0);
  var content = readString(ID_TOKEN_CALLOUT.response + ".content") || "";
  context.setVariable(ID_TOKEN_CALLOUT.response + ".content", "");
  context.removeVariable(ID_TOKEN_CALLOUT.request + ".header.Authorization");
  return { status: status, content: content };
}

function parseJson(text: string): any {
  try {
    return JSON.parse(text);
  } catch (e) {
    return null;
  }
}

/** Google's error: "403 PERMISSION_DENIED: Permission ... denied". */
function googleError(status: number, doc: any): string {
  var error = (doc && doc.error) || {};
  var message = typeof error.message === "string" ? ": " + scrubMessage(error.message) : "";
  return status + (typeof error.status === "string" ? " " + error.status : "") + message;
}

function failure(status: number, doc: any, serviceAccount: string, roleArn: string): Problem {
  var transient = status === 0 || status === 429 || status >= 500 || status === 200;
  var what = status === 0 ? "the request failed" : status === 200 ? "the answer held no token" : "Google answered " + googleError(status, doc);
  var p = transient
    ? problem("id-token-unavailable", 503, "Google could not issue an ID token for the runtime service account", "generateIdToken for " + serviceAccount + " (to assume " + roleArn + "): " + what)
    : problem("id-token-denied", 500, "The runtime service account cannot get an ID token", "generateIdToken for " + serviceAccount + " (to assume " + roleArn + "): " + what);
  p.members.serviceAccount = serviceAccount;
  p.members.roleArn = roleArn;
  if (status !== 0) p.members.googleStatus = status;
  return p;
}

/**
 * The proxy never minted the token: gateway mode is two calls, aws.credentials.stage
 * lookup then exchange, with the proxy's own generateIdToken ServiceCallout between.
 */
function notMinted(serviceAccount: string, roleArn: string): Problem {
  var p = misconfigured(
    "aws.credentials.stage",
    "gateway mode needs the proxy's own Google ID token: call aws-credentials with aws.credentials.stage lookup, then run SC-AwsCredentials-GenerateIdToken in the proxy (deployed with " + serviceAccount + "), then call it with stage exchange; docs/runtime-contract.md"
  );
  p.members.roleArn = roleArn;
  return p;
}

/** The ID token, or the problem; `retryAfterSeconds` for the transient case. */
export function takeGatewayIdToken(serviceAccount: string, roleArn: string, retryAfterSeconds: number): TokenOrProblem {
  var failed = readFlag(ID_TOKEN_CALLOUT.failed, false);
  if (!failed && readString(ID_TOKEN_CALLOUT.response + ".status.code") === null) return { token: "", problem: notMinted(serviceAccount, roleArn) };
  var response = takeResponse();
  var status = failed ? 0 : response.status;
  var doc = status === 0 ? null : parseJson(response.content);
  if (status === 200 && doc && typeof doc.token === "string" && doc.token !== "") return { token: doc.token, problem: null };
  var p = failure(status, doc, serviceAccount, roleArn);
  if (p.status === 503) p.retryAfter = retryAfterSeconds;
  return { token: "", problem: p };
}

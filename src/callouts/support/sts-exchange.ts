// AssumeRoleWithWebIdentity over Apigee's httpClient, retried.
//
// Rhino has no sleep and Apigee's JavaScript has no timers, so the backoff
// between attempts is a short, bounded spin on the wall clock (100 ms then
// 200 ms, each with 50 % jitter): it only happens while STS is failing, at
// most (attempts - 1) times, and never past the retry budget, which sits
// inside the policy's timeLimit. Each attempt waits at most
// attemptTimeoutMs (waitForComplete(ms)), and a slow answer counts as a
// timeout. Elapsed time uses the wall clock, not system.timestamp, which
// stands still while a policy runs.

import { parseStsAnswer, StsAnswer, transportFailure } from "./sts-answer";

export interface RetryPolicy {
  maxAttempts: number;
  attemptTimeoutMs: number;
  /** No attempt starts, and no backoff ends, after this many ms. */
  budgetMs: number;
  backoffBaseMs: number;
}

export interface AssumeRoleInput {
  roleArn: string;
  sessionName: string;
  durationSeconds: number;
  sourceIdentity: string;
}

export interface ExchangeResult {
  answer: StsAnswer;
  attempts: number;
}

/** An attempt with less time than this left is not worth starting. */
var MIN_ATTEMPT_MS = 300;

var HEADERS = { "Content-Type": "application/x-www-form-urlencoded; charset=utf-8", Accept: "application/json" };

function wallClock(): number {
  return new Date().getTime();
}

export function assumeRoleForm(input: AssumeRoleInput, token: string): string {
  var pairs = [
    ["Action", "AssumeRoleWithWebIdentity"],
    ["Version", "2011-06-15"],
    ["RoleArn", input.roleArn],
    ["RoleSessionName", input.sessionName],
    ["DurationSeconds", String(input.durationSeconds)],
    ["WebIdentityToken", token]
  ];
  if (input.sourceIdentity !== "") pairs.push(["SourceIdentity", input.sourceIdentity]);
  var out: string[] = [];
  for (var i = 0; i < pairs.length; i++) out.push(encodeURIComponent(pairs[i][0]) + "=" + encodeURIComponent(pairs[i][1]));
  return out.join("&");
}

/** Transient failures worth another attempt. */
export function isRetryable(answer: StsAnswer): boolean {
  var code = answer.code;
  if (answer.credentials !== null) return false;
  if (answer.status === 0 || answer.status === 429 || answer.status >= 500 || code === "MalformedResponse") return true;
  if (code === "IDPCommunicationError" || code === "Throttling" || code === "ThrottlingException" || code === "RequestLimitExceeded") return true;
  // STS could not fetch the provider's keys: transient (the AWS SDKs for Go and Java retry it).
  return code === "InvalidIdentityToken" && /verification key/i.test(answer.message);
}

function statusOf(response: ApigeeResponseObject): number {
  var status = response.status as unknown as { code?: unknown };
  return Number(status && status.code !== undefined ? status.code : status);
}

function sendOnce(url: string, body: string, timeoutMs: number): StsAnswer {
  var exchange = httpClient.send(new Request(url, "POST", HEADERS, body));
  exchange.waitForComplete(timeoutMs);
  if (!exchange.isComplete()) return transportFailure("Timeout", "no answer within " + timeoutMs + " ms");
  if (exchange.isError()) return transportFailure("NetworkError", String(exchange.getError()));
  var response = exchange.getResponse();
  return parseStsAnswer(statusOf(response), String(response.content));
}

function pause(ms: number): void {
  var until = wallClock() + ms;
  var spins = 0;
  while (wallClock() < until) spins++;
}

export function exchangeWithRetries(url: string, body: string, policy: RetryPolicy): ExchangeResult {
  var started = wallClock();
  var attempts = 0;
  var answer: StsAnswer;
  for (;;) {
    attempts++;
    var left = policy.budgetMs - (wallClock() - started);
    answer = sendOnce(url, body, Math.max(MIN_ATTEMPT_MS, Math.min(policy.attemptTimeoutMs, left)));
    if (attempts >= policy.maxAttempts || !isRetryable(answer)) break;
    var wait = Math.round(policy.backoffBaseMs * Math.pow(2, attempts - 1) * ((1 + Math.random()) / 2));
    if (wallClock() - started + wait + MIN_ATTEMPT_MS > policy.budgetMs) break;
    pause(wait);
  }
  return { answer: answer, attempts: attempts };
}

// JavaScript policy JS-AwsCredentials-Exchange: exchanges the web identity
// token (the Google ID token in gateway mode, the caller's JWT in caller
// mode) for temporary credentials with STS AssumeRoleWithWebIdentity, and
// offers them to PC-AwsCredentials. On failure it sets the problem the
// flow's RaiseFault answers with, except while refreshing: then the cached
// credentials, still valid, stay in use.
// Contract: docs/runtime-contract.md.

import { FLOW, OUT, PARAM } from "./support/aws-credentials-names";
import { backoffProblem, setBackoff } from "./support/aws-credentials-backoff";
import { newEntry } from "./support/aws-credentials-entry";
import { offerToCache, publish, withdraw } from "./support/aws-credentials-output";
import { misconfigured, Problem, setFault } from "./support/aws-credentials-problem";
import { nowMillis } from "./support/flow-clock";
import { readRequired, readString } from "./support/flow";
import { takeGatewayIdToken, TokenOrProblem } from "./support/google-id-token";
import { StsCredentials } from "./support/sts-answer";
import { assumeRoleForm, AssumeRoleInput, exchangeWithRetries, RetryPolicy } from "./support/sts-exchange";
import { stsProblem } from "./support/sts-problems";

interface ExchangeInput extends AssumeRoleInput {
  mode: string;
  serviceAccount: string;
  tokenVariable: string;
  stsUrl: string;
}

function setting(name: string, fallback: number): number {
  var value = Number(typeof properties === "undefined" || properties[name] === undefined ? NaN : String(properties[name]));
  return value > 0 ? value : fallback;
}

/** A refresh gets one attempt: the cached credentials still serve, and the lock lets another request retry later. */
function retryPolicy(refreshing: boolean): RetryPolicy {
  return {
    maxAttempts: refreshing ? setting("refreshAttempts", 1) : setting("maxAttempts", 3),
    attemptTimeoutMs: setting("attemptTimeoutMs", 2500),
    budgetMs: setting("budgetMs", 8000),
    backoffBaseMs: setting("backoffBaseMs", 100)
  };
}

function webIdentityToken(input: ExchangeInput, retryAfter: number): TokenOrProblem {
  if (input.mode === "gateway") return takeGatewayIdToken(input.serviceAccount, input.roleArn, retryAfter);
  var token = readString(input.tokenVariable) || "";
  return { token: token, problem: token === "" ? misconfigured(PARAM.callerTokenVariable, input.tokenVariable + " is empty") : null };
}

function succeed(credentials: StsCredentials, now: number): void {
  var entry = newEntry(credentials.accessKeyId, credentials.secretAccessKey, credentials.sessionToken, credentials.expiresAt, now);
  publish(entry, "sts");
  context.setVariable(FLOW.state, offerToCache(entry, now) ? "issued" : "issued-uncached");
}

function fail(p: Problem, refreshing: boolean, now: number): void {
  context.setVariable(OUT.error, p.kind + (p.members.stsErrorCode ? ":" + p.members.stsErrorCode : ""));
  if (refreshing) {
    context.setVariable(OUT.source, "cache-after-refresh-failure");
    context.setVariable(FLOW.state, "stale");
    return;
  }
  withdraw();
  setFault(p);
  if (p.status === 503) setBackoff(p, now);
  context.setVariable(FLOW.state, p.status === 503 ? "unavailable" : "failed");
}

function exchange(input: ExchangeInput, refreshing: boolean, now: number): void {
  var retryAfter = setting("retryAfterSeconds", 5);
  var token = webIdentityToken(input, retryAfter);
  if (token.problem !== null) return fail(token.problem, refreshing, now);
  var result = exchangeWithRetries(input.stsUrl, assumeRoleForm(input, token.token), retryPolicy(refreshing));
  context.setVariable(OUT.attempts, result.attempts);
  if (result.answer.credentials !== null) succeed(result.answer.credentials, now);
  else fail(stsProblem(result.answer, input.roleArn, result.attempts, retryAfter, input.mode), refreshing, now);
}

var input: ExchangeInput = JSON.parse(readRequired(FLOW.exchange));
var now = nowMillis();
var state = readString(FLOW.state);
if (state === "backing-off") {
  withdraw();
  setFault(backoffProblem(input.roleArn, now));
} else {
  exchange(input, state === "refreshing", now);
}

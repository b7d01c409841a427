// apigee-aws 0.1.0: src/callouts/aws-credentials-exchange.ts - generated, edit the source and rebuild (npm run build)
/* eslint-disable strict -- not strict on purpose: Rhino runs strict functions ~5x slower (apigee-aws docs/performance.md) */
// src/callouts/support/aws-credentials-names.ts
var PARAM = {
  roleArn: "aws.credentials.roleArn",
  mode: "aws.credentials.mode",
  serviceAccount: "aws.credentials.serviceAccount",
  audience: "aws.credentials.audience",
  callerTokenVariable: "aws.credentials.callerTokenVariable",
  region: "aws.credentials.region",
  stsEndpoint: "aws.credentials.stsEndpoint",
  durationSeconds: "aws.credentials.durationSeconds",
  sourceIdentity: "aws.credentials.sourceIdentity",
  sessionName: "aws.credentials.sessionName",
  /** lookup, exchange, or all (the default): gateway mode calls the flow twice, minting its ID token between. */
  stage: "aws.credentials.stage"
};
var OUT = {
  accessKeyId: "private.aws.credentials.accessKeyId",
  secretAccessKey: "private.aws.credentials.secretAccessKey",
  sessionToken: "private.aws.credentials.sessionToken",
  expiration: "aws.credentials.expiration",
  source: "aws.credentials.source",
  sessionName: "aws.credentials.sessionName",
  attempts: "aws.credentials.attempts",
  error: "aws.credentials.error"
};
var FLOW = {
  state: "aws.credentials.state",
  cacheKey: "aws.credentials.cacheKey",
  exchange: "aws.credentials.exchange",
  resolvedMode: "aws.credentials.resolvedMode",
  idTokenRequestBody: "aws.credentials.idTokenRequestBody",
  cached: "private.aws.credentials.cached",
  refreshLock: "aws.credentials.refreshLock",
  refreshLockHolder: "aws.credentials.refreshLockHolder",
  backoff: "aws.credentials.backoff",
  entry: "private.aws.credentials.entry",
  cacheTtl: "aws.credentials.cacheTtl",
  backoffEntry: "aws.credentials.backoffEntry",
  backoffTtl: "aws.credentials.backoffTtl",
  faultStatus: "aws.credentials.fault.status",
  faultReason: "aws.credentials.fault.reason",
  faultBody: "aws.credentials.fault.body",
  faultDetail: "aws.credentials.fault.detail",
  faultRetryAfter: "aws.credentials.fault.retryAfter"
};
var ID_TOKEN_CALLOUT = {
  failed: "servicecallout.SC-AwsCredentials-GenerateIdToken.failed",
  request: "awsCredentialsIdTokenRequest",
  response: "awsCredentialsIdTokenResponse"
};
var SAFETY_MARGIN_MS = 3e5;
var MIN_REFRESH_LEAD_MS = 6e4;

// src/callouts/support/problem.ts
function problem(kind, status, title, detail) {
  return { kind: kind, status: status, title: title, detail: detail, members: {}, retryAfter: 0, callerDetail: false };
}
function problemBody(typePrefix, p, messageId) {
  var body = { type: typePrefix + p.kind, title: p.title, status: p.status, detail: p.detail };
  for (var name in p.members) {
    if (Object.prototype.hasOwnProperty.call(p.members, name)) body[name] = p.members[name];
  }
  if (messageId) body.messageId = messageId;
  return JSON.stringify(body);
}
function clientProblemBody(typePrefix, p, messageId) {
  var body = { type: typePrefix + p.kind, title: p.title, status: p.status };
  if (p.callerDetail) body.detail = p.detail;
  if (messageId) body.messageId = messageId;
  return JSON.stringify(body);
}

// src/callouts/support/flow.ts
function readString(name) {
  var value = context.getVariable(name);
  return value === null || value === void 0 ? null : String(value);
}
function readRequired(name) {
  var value = readString(name);
  if (value === null || value === "") throw new Error("flow variable " + name + " is not set");
  return value;
}
function readFlag(name, fallback) {
  var value = readString(name);
  if (value === null || value === "") return fallback;
  return value.toLowerCase() === "true";
}

// src/callouts/support/problem-flow.ts
var REASONS = {
  304: "Not Modified",
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  411: "Length Required",
  412: "Precondition Failed",
  413: "Content Too Large",
  416: "Range Not Satisfiable",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout"
};
function setProblemVariables(names, typePrefix, p) {
  context.setVariable(names.status, p.status);
  if (names.reason) context.setVariable(names.reason, REASONS[p.status] || "Error");
  var messageId = readString("messageid") || "";
  context.setVariable(names.body, clientProblemBody(typePrefix, p, messageId));
  context.setVariable(names.detail, problemBody(typePrefix, p, messageId));
  if (!names.retryAfter) return;
  if (p.retryAfter > 0) context.setVariable(names.retryAfter, String(p.retryAfter));
  else context.removeVariable(names.retryAfter);
}

// src/callouts/support/aws-credentials-problem.ts
var TYPE_PREFIX = "urn:apigee-aws:problem:aws-credentials:";
var JWT_SHAPED = /[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}/g;
function scrubMessage(message) {
  var text = message.replace(JWT_SHAPED, "<token>").replace(/\s+/g, " ");
  return text.length > 300 ? text.substring(0, 300) + "..." : text;
}
function misconfigured(parameter, detail) {
  var p = problem("misconfigured", 500, "The aws-credentials shared flow is misconfigured", detail);
  p.members.parameter = parameter;
  return p;
}
function setFault(p) {
  setProblemVariables({ status: FLOW.faultStatus, reason: FLOW.faultReason, body: FLOW.faultBody, detail: FLOW.faultDetail, retryAfter: FLOW.faultRetryAfter }, TYPE_PREFIX, p);
}

// src/callouts/support/iso-time.ts
var ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;
function parseIso(text) {
  var m = ISO.exec(text);
  if (!m) return NaN;
  var millis = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  if (m[7]) millis += Math.floor(Number("0" + m[7]) * 1e3);
  if (m[8] === "Z") return millis;
  var sign = m[8].charAt(0) === "-" ? -1 : 1;
  var digits = m[8].replace(/[^\d]/g, "");
  return millis - sign * (Number(digits.substring(0, 2)) * 60 + Number(digits.substring(2))) * 6e4;
}
function isoSeconds(millis) {
  return new Date(Math.floor(millis / 1e3) * 1e3).toISOString().replace(".000Z", "Z");
}

// src/callouts/support/aws-credentials-backoff.ts
function setBackoff(p, now2) {
  var marker = { until: now2 + p.retryAfter * 1e3, kind: p.kind, title: p.title, code: String(p.members.stsErrorCode || p.kind) };
  context.setVariable(FLOW.backoffEntry, JSON.stringify(marker));
  context.setVariable(FLOW.backoffTtl, String(p.retryAfter));
}
function parseMarker(text) {
  var marker;
  try {
    marker = JSON.parse(text || "");
  } catch (e) {
    return null;
  }
  if (!marker || typeof marker.until !== "number" || typeof marker.kind !== "string" || typeof marker.title !== "string") return null;
  return { until: marker.until, kind: marker.kind, title: marker.title, code: String(marker.code) };
}
function backoffProblem(roleArn, now2) {
  var marker = parseMarker(readString(FLOW.backoff)) || { until: now2, kind: "sts-unavailable", title: "AWS STS is unavailable", code: "unknown" };
  var retryAfter = Math.max(1, Math.ceil((marker.until - now2) / 1e3));
  var detail = "getting credentials for " + roleArn + " failed moments ago (" + marker.code + "); not retried before " + isoSeconds(now2 + retryAfter * 1e3);
  var p = problem(marker.kind, 503, marker.title, detail);
  p.members.roleArn = roleArn;
  p.members.stsErrorCode = marker.code;
  p.retryAfter = retryAfter;
  return p;
}

// src/callouts/support/aws-credentials-entry.ts
function newEntry(accessKeyId, secretAccessKey, sessionToken, expiresAt, now2) {
  var usableUntil = expiresAt - SAFETY_MARGIN_MS;
  var lead = Math.max(MIN_REFRESH_LEAD_MS, Math.floor((expiresAt - now2) / 10));
  return {
    accessKeyId: accessKeyId,
    secretAccessKey: secretAccessKey,
    sessionToken: sessionToken,
    expiresAt: expiresAt,
    refreshAt: Math.max(now2, usableUntil - lead)
  };
}
function cacheTtlSeconds(entry, now2) {
  return Math.floor((entry.expiresAt - SAFETY_MARGIN_MS - now2) / 1e3);
}
function serializeEntry(entry) {
  return JSON.stringify(entry);
}

// src/callouts/support/aws-credentials-output.ts
function publish(entry, source) {
  context.setVariable(OUT.accessKeyId, entry.accessKeyId);
  context.setVariable(OUT.secretAccessKey, entry.secretAccessKey);
  if (entry.sessionToken !== "") context.setVariable(OUT.sessionToken, entry.sessionToken);
  else context.removeVariable(OUT.sessionToken);
  context.setVariable(OUT.expiration, isoSeconds(entry.expiresAt));
  context.setVariable(OUT.source, source);
}
function withdraw() {
  context.removeVariable(OUT.accessKeyId);
  context.removeVariable(OUT.secretAccessKey);
  context.removeVariable(OUT.sessionToken);
  context.removeVariable(OUT.expiration);
  context.removeVariable(OUT.source);
}
function offerToCache(entry, now2) {
  var ttl = cacheTtlSeconds(entry, now2);
  if (ttl < 1) return false;
  context.setVariable(FLOW.entry, serializeEntry(entry));
  context.setVariable(FLOW.cacheTtl, String(ttl));
  return true;
}

// src/callouts/support/flow-clock.ts
function nowMillis() {
  var value = Number(context.getVariable("system.timestamp"));
  return value > 0 ? value : (/* @__PURE__ */ new Date()).getTime();
}

// src/callouts/support/google-id-token.ts
function takeResponse() {
  var status = Number(readString(ID_TOKEN_CALLOUT.response + ".status.code") || 0);
  var content = readString(ID_TOKEN_CALLOUT.response + ".content") || "";
  context.setVariable(ID_TOKEN_CALLOUT.response + ".content", "");
  context.removeVariable(ID_TOKEN_CALLOUT.request + ".header.Authorization");
  return { status: status, content: content };
}
function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch (e) {
    return null;
  }
}
function googleError(status, doc) {
  var error = doc && doc.error || {};
  var message = typeof error.message === "string" ? ": " + scrubMessage(error.message) : "";
  return status + (typeof error.status === "string" ? " " + error.status : "") + message;
}
function failure(status, doc, serviceAccount, roleArn) {
  var transient = status === 0 || status === 429 || status >= 500 || status === 200;
  var what = status === 0 ? "the request failed" : status === 200 ? "the answer held no token" : "Google answered " + googleError(status, doc);
  var p = transient ? problem("id-token-unavailable", 503, "Google could not issue an ID token for the runtime service account", "generateIdToken for " + serviceAccount + " (to assume " + roleArn + "): " + what) : problem("id-token-denied", 500, "The runtime service account cannot get an ID token", "generateIdToken for " + serviceAccount + " (to assume " + roleArn + "): " + what);
  p.members.serviceAccount = serviceAccount;
  p.members.roleArn = roleArn;
  if (status !== 0) p.members.googleStatus = status;
  return p;
}
function notMinted(serviceAccount, roleArn) {
  var p = misconfigured(
    "aws.credentials.stage",
    "gateway mode needs the proxy's own Google ID token: call aws-credentials with aws.credentials.stage lookup, then run SC-AwsCredentials-GenerateIdToken in the proxy (deployed with " + serviceAccount + "), then call it with stage exchange; docs/runtime-contract.md"
  );
  p.members.roleArn = roleArn;
  return p;
}
function takeGatewayIdToken(serviceAccount, roleArn, retryAfterSeconds) {
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

// src/callouts/support/sts-answer.ts
function expirationMillis(value) {
  if (typeof value === "string" && !/^[\d.eE+-]+$/.test(value)) return parseIso(value);
  var n = Number(value);
  if (isNaN(n) || n <= 0) return NaN;
  return n > 1e11 ? n : Math.round(n * 1e3);
}
function credentials(accessKeyId, secret, token, expiration) {
  if (typeof accessKeyId !== "string" || accessKeyId === "" || typeof secret !== "string" || secret === "") return null;
  var expiresAt = expirationMillis(expiration);
  if (isNaN(expiresAt)) return null;
  return { accessKeyId: accessKeyId, secretAccessKey: secret, sessionToken: typeof token === "string" ? token : "", expiresAt: expiresAt };
}
function fromJson(status, doc) {
  var result = doc && doc.AssumeRoleWithWebIdentityResponse && doc.AssumeRoleWithWebIdentityResponse.AssumeRoleWithWebIdentityResult;
  var c = result && result.Credentials;
  if (c) return answer(status, credentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken, c.Expiration), "", "");
  var error = doc && doc.Error || {};
  var code = error.Code || (doc && typeof doc.__type === "string" ? doc.__type.replace(/^.*#/, "") : "");
  return answer(status, null, String(code || ""), String(error.Message || doc && (doc.message || doc.Message) || ""));
}
function unescapeXml(text) {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, String.fromCharCode(34)).replace(/&apos;/g, "'").replace(/&#(\d+);/g, function(_m, d) {
    return String.fromCharCode(Number(d));
  }).replace(/&amp;/g, "&");
}
function xmlText(xml, name) {
  var m = new RegExp("<" + name + "(\\s[^>]*)?>([^<]*)</" + name + ">").exec(xml);
  return m ? unescapeXml(m[2]).replace(/^\s+|\s+$/g, "") : null;
}
function fromXml(status, xml) {
  var block = /<Credentials(\s[^>]*)?>([\s\S]*?)<\/Credentials>/.exec(xml);
  if (block) {
    var c = block[2];
    return answer(status, credentials(xmlText(c, "AccessKeyId"), xmlText(c, "SecretAccessKey"), xmlText(c, "SessionToken"), xmlText(c, "Expiration")), "", "");
  }
  return answer(status, null, xmlText(xml, "Code") || "", xmlText(xml, "Message") || "");
}
function answer(status, creds, code, message) {
  if (status === 200 && creds !== null) return { status: status, credentials: creds, code: "", message: "" };
  if (code === "") code = status === 200 ? "MalformedResponse" : "HTTP" + status;
  return { status: status, credentials: null, code: code, message: message };
}
function parseStsAnswer(status, body) {
  var text = body.replace(/^\s+/, "");
  if (text.charAt(0) === "{") {
    var doc;
    try {
      doc = JSON.parse(text);
    } catch (e) {
      return answer(status, null, "", "");
    }
    return fromJson(status, doc);
  }
  if (text.charAt(0) === "<") return fromXml(status, text);
  return answer(status, null, "", "");
}
function transportFailure(code, message) {
  return { status: 0, credentials: null, code: code, message: message };
}

// src/callouts/support/sts-exchange.ts
var MIN_ATTEMPT_MS = 300;
var HEADERS = { "Content-Type": "application/x-www-form-urlencoded; charset=utf-8", Accept: "application/json" };
function wallClock() {
  return (/* @__PURE__ */ new Date()).getTime();
}
function assumeRoleForm(input2, token) {
  var pairs = [
    ["Action", "AssumeRoleWithWebIdentity"],
    ["Version", "2011-06-15"],
    ["RoleArn", input2.roleArn],
    ["RoleSessionName", input2.sessionName],
    ["DurationSeconds", String(input2.durationSeconds)],
    ["WebIdentityToken", token]
  ];
  if (input2.sourceIdentity !== "") pairs.push(["SourceIdentity", input2.sourceIdentity]);
  var out = [];
  for (var i = 0; i < pairs.length; i++) out.push(encodeURIComponent(pairs[i][0]) + "=" + encodeURIComponent(pairs[i][1]));
  return out.join("&");
}
function isRetryable(answer2) {
  var code = answer2.code;
  if (answer2.credentials !== null) return false;
  if (answer2.status === 0 || answer2.status === 429 || answer2.status >= 500 || code === "MalformedResponse") return true;
  if (code === "IDPCommunicationError" || code === "Throttling" || code === "ThrottlingException" || code === "RequestLimitExceeded") return true;
  return code === "InvalidIdentityToken" && /verification key/i.test(answer2.message);
}
function statusOf(response) {
  var status = response.status;
  return Number(status && status.code !== void 0 ? status.code : status);
}
function sendOnce(url, body, timeoutMs) {
  var exchange2 = httpClient.send(new Request(url, "POST", HEADERS, body));
  exchange2.waitForComplete(timeoutMs);
  if (!exchange2.isComplete()) return transportFailure("Timeout", "no answer within " + timeoutMs + " ms");
  if (exchange2.isError()) return transportFailure("NetworkError", String(exchange2.getError()));
  var response = exchange2.getResponse();
  return parseStsAnswer(statusOf(response), String(response.content));
}
function pause(ms) {
  var until = wallClock() + ms;
  var spins = 0;
  while (wallClock() < until) spins++;
}
function exchangeWithRetries(url, body, policy) {
  var started = wallClock();
  var attempts = 0;
  var answer2;
  for (; ; ) {
    attempts++;
    var left = policy.budgetMs - (wallClock() - started);
    answer2 = sendOnce(url, body, Math.max(MIN_ATTEMPT_MS, Math.min(policy.attemptTimeoutMs, left)));
    if (attempts >= policy.maxAttempts || !isRetryable(answer2)) break;
    var wait = Math.round(policy.backoffBaseMs * Math.pow(2, attempts - 1) * ((1 + Math.random()) / 2));
    if (wallClock() - started + wait + MIN_ATTEMPT_MS > policy.budgetMs) break;
    pause(wait);
  }
  return { answer: answer2, attempts: attempts };
}

// src/callouts/support/sts-problems.ts
function kindOf(answer2, mode) {
  var code = answer2.code;
  if ((code === "InvalidIdentityToken" || code === "ExpiredTokenException") && mode === "gateway") {
    return ["sts-rejected-gateway-token", 502, "AWS STS rejected the proxy's own identity token"];
  }
  if (code === "InvalidIdentityToken") return ["sts-invalid-identity-token", 401, "AWS STS rejected the web identity token"];
  if (code === "ExpiredTokenException") return ["sts-expired-token", 401, "AWS STS rejected the web identity token as expired"];
  if (code === "AccessDenied") return ["sts-access-denied", 403, "The role's trust policy does not allow this identity"];
  if (isRetryable(answer2)) return ["sts-unavailable", 503, "AWS STS is unavailable"];
  return ["sts-request-rejected", 500, "AWS STS rejected the request"];
}
function stsProblem(answer2, roleArn, attempts, retryAfterSeconds, mode) {
  var kind = kindOf(answer2, mode);
  var http = answer2.status === 0 ? "no response" : "HTTP " + answer2.status;
  var message = answer2.message === "" ? "" : ": " + scrubMessage(answer2.message);
  var detail = "AssumeRoleWithWebIdentity for " + roleArn + " failed with " + answer2.code + " (" + http + ") after " + attempts + (attempts === 1 ? " attempt" : " attempts") + message;
  var p = problem(kind[0], kind[1], kind[2], detail);
  p.members.roleArn = roleArn;
  p.members.stsErrorCode = answer2.code;
  p.members.attempts = attempts;
  if (p.status === 503) p.retryAfter = retryAfterSeconds;
  return p;
}

// src/callouts/aws-credentials-exchange.ts
function setting(name, fallback) {
  var value = Number(typeof properties === "undefined" || properties[name] === void 0 ? NaN : String(properties[name]));
  return value > 0 ? value : fallback;
}
function retryPolicy(refreshing) {
  return {
    maxAttempts: refreshing ? setting("refreshAttempts", 1) : setting("maxAttempts", 3),
    attemptTimeoutMs: setting("attemptTimeoutMs", 2500),
    budgetMs: setting("budgetMs", 8e3),
    backoffBaseMs: setting("backoffBaseMs", 100)
  };
}
function webIdentityToken(input2, retryAfter) {
  if (input2.mode === "gateway") return takeGatewayIdToken(input2.serviceAccount, input2.roleArn, retryAfter);
  var token = readString(input2.tokenVariable) || "";
  return { token: token, problem: token === "" ? misconfigured(PARAM.callerTokenVariable, input2.tokenVariable + " is empty") : null };
}
function succeed(credentials2, now2) {
  var entry = newEntry(credentials2.accessKeyId, credentials2.secretAccessKey, credentials2.sessionToken, credentials2.expiresAt, now2);
  publish(entry, "sts");
  context.setVariable(FLOW.state, offerToCache(entry, now2) ? "issued" : "issued-uncached");
}
function fail(p, refreshing, now2) {
  context.setVariable(OUT.error, p.kind + (p.members.stsErrorCode ? ":" + p.members.stsErrorCode : ""));
  if (refreshing) {
    context.setVariable(OUT.source, "cache-after-refresh-failure");
    context.setVariable(FLOW.state, "stale");
    return;
  }
  withdraw();
  setFault(p);
  if (p.status === 503) setBackoff(p, now2);
  context.setVariable(FLOW.state, p.status === 503 ? "unavailable" : "failed");
}
function exchange(input2, refreshing, now2) {
  var retryAfter = setting("retryAfterSeconds", 5);
  var token = webIdentityToken(input2, retryAfter);
  if (token.problem !== null) return fail(token.problem, refreshing, now2);
  var result = exchangeWithRetries(input2.stsUrl, assumeRoleForm(input2, token.token), retryPolicy(refreshing));
  context.setVariable(OUT.attempts, result.attempts);
  if (result.answer.credentials !== null) succeed(result.answer.credentials, now2);
  else fail(stsProblem(result.answer, input2.roleArn, result.attempts, retryAfter, input2.mode), refreshing, now2);
}
var input = JSON.parse(readRequired(FLOW.exchange));
var now = nowMillis();
var state = readString(FLOW.state);
if (state === "backing-off") {
  withdraw();
  setFault(backoffProblem(input.roleArn, now));
} else {
  exchange(input, state === "refreshing", now);
}

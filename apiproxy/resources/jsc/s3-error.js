// apigee-aws 0.1.0: src/callouts/s3-error.ts - generated, edit the source and rebuild (npm run build)
/* eslint-disable strict -- not strict on purpose: Rhino runs strict functions ~5x slower (apigee-aws docs/performance.md) */
// src/callouts/support/flow.ts
function readString(name) {
  var value = context.getVariable(name);
  return value === null || value === void 0 ? null : String(value);
}

// src/callouts/support/s3-error-codes.ts
function answer(status, kind, title) {
  return { status: status, kind: kind, title: title, retryAfter: 0 };
}
var SIGNING_FAILURE = answer(502, "upstream-authentication", "The proxy's request to S3 was not accepted");
var THROTTLED = { status: 503, kind: "throttled", title: "S3 asks to slow down", retryAfter: 1 };
var BY_CODE = {
  NoSuchKey: answer(404, "not-found", "No such object"),
  AccessDenied: answer(403, "forbidden", "Access to this object is denied"),
  PreconditionFailed: answer(412, "precondition-failed", "A precondition failed"),
  InvalidRange: answer(416, "range-not-satisfiable", "The requested range is not satisfiable"),
  NotModified: answer(304, "not-modified", "Not modified"),
  EntityTooLarge: answer(413, "too-large", "The object is too large"),
  MissingContentLength: answer(411, "length-required", "Content-Length is required"),
  BadDigest: answer(400, "bad-digest", "A checksum sent with the body (Content-MD5 or x-amz-checksum-*) does not match it"),
  InvalidDigest: answer(400, "bad-digest", "The Content-MD5 is not valid"),
  KeyTooLongError: answer(400, "key-too-long", "The object key is too long"),
  SignatureDoesNotMatch: SIGNING_FAILURE,
  InvalidAccessKeyId: SIGNING_FAILURE,
  ExpiredToken: SIGNING_FAILURE,
  InvalidToken: SIGNING_FAILURE,
  TokenRefreshRequired: SIGNING_FAILURE,
  RequestTimeTooSkewed: SIGNING_FAILURE,
  AuthorizationHeaderMalformed: SIGNING_FAILURE,
  XAmzContentSHA256Mismatch: SIGNING_FAILURE,
  NoSuchBucket: answer(502, "upstream-misconfigured", "The proxy's bucket does not exist"),
  SlowDown: THROTTLED,
  ServiceUnavailable: THROTTLED
};
var BY_STATUS = {
  304: BY_CODE.NotModified,
  403: BY_CODE.AccessDenied,
  404: BY_CODE.NoSuchKey,
  411: BY_CODE.MissingContentLength,
  412: BY_CODE.PreconditionFailed,
  413: BY_CODE.EntityTooLarge,
  416: BY_CODE.InvalidRange,
  503: THROTTLED
};
var OTHER = answer(502, "upstream-error", "S3 could not complete the request");
function answerFor(code, status, argument, objectRead) {
  if (code === "InvalidArgument" && argument === "continuation-token") return answer(400, "invalid-query", "cursor is not one this API returned");
  if (objectRead && (code === "AccessDenied" || code === "" && status === 403)) return BY_CODE.NoSuchKey;
  if (code !== "") return Object.prototype.hasOwnProperty.call(BY_CODE, code) ? BY_CODE[code] : OTHER;
  return Object.prototype.hasOwnProperty.call(BY_STATUS, String(status)) ? BY_STATUS[status] : OTHER;
}

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

// src/callouts/support/s3-problem.ts
var S3_TYPE_PREFIX = "urn:apigee-aws:problem:s3:";
function s3Problem(kind, status, title, detail) {
  return problem(kind, status, title, detail);
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

// src/callouts/support/s3-problem-flow.ts
var S3_PROBLEM = {
  status: "s3.problem.status",
  reason: "s3.problem.reason",
  body: "s3.problem.body",
  detail: "s3.problem.detail",
  retryAfter: "s3.problem.retryAfter",
  requestId: "s3.problem.requestId"
};
function setS3Problem(p) {
  setProblemVariables({ status: S3_PROBLEM.status, reason: S3_PROBLEM.reason, body: S3_PROBLEM.body, detail: S3_PROBLEM.detail, retryAfter: S3_PROBLEM.retryAfter }, S3_TYPE_PREFIX, p);
}

// src/callouts/support/s3-xml.ts
function entity(match, body) {
  switch (body) {
    case "amp":
      return "&";
    case "lt":
      return "<";
    case "gt":
      return ">";
    case "quot":
      return String.fromCharCode(34);
    case "apos":
      return "'";
  }
  var code = body.charAt(1) === "x" || body.charAt(1) === "X" ? parseInt(body.substring(2), 16) : parseInt(body.substring(1), 10);
  if (isNaN(code) || code > 1114111) return match;
  if (code < 65536) return String.fromCharCode(code);
  code -= 65536;
  return String.fromCharCode(55296 + (code >> 10), 56320 + (code & 1023));
}
function unescapeXml(text) {
  return text.replace(/&(amp|lt|gt|quot|apos|#[0-9]+|#[xX][0-9a-fA-F]+);/g, entity);
}
function elementTexts(xml, name) {
  var pattern = new RegExp("<" + name + ">([\\s\\S]*?)</" + name + ">", "g");
  var out = [];
  var m;
  while ((m = pattern.exec(xml)) !== null) out.push(unescapeXml(m[1]));
  return out;
}
function firstElementText(xml, name) {
  var texts = elementTexts(xml, name);
  return texts.length ? texts[0] : null;
}

// src/callouts/s3-error.ts
function unreachable(faultName) {
  var timeout = faultName === "GatewayTimeout";
  return s3Problem(
    timeout ? "upstream-timeout" : "upstream-unavailable",
    timeout ? 504 : 502,
    timeout ? "S3 did not answer in time" : "S3 could not be reached",
    "The proxy's request to S3 failed (" + faultName + ")."
  );
}
function s3RetryAfter() {
  var seconds = Number(readString("response.header.retry-after") || "");
  return seconds >= 1 && seconds <= 300 && Math.floor(seconds) === seconds ? seconds : 0;
}
function isObjectRead() {
  var verb = readString("request.verb") || "";
  return (verb === "GET" || verb === "HEAD") && readString("s3.operation") !== "list";
}
function fromS3(status, content) {
  var code = content.indexOf("<Error>") >= 0 ? firstElementText(content, "Code") || "" : "";
  var argument = code === "InvalidArgument" ? firstElementText(content, "ArgumentName") || "" : "";
  var a = answerFor(code, status, argument, isObjectRead());
  var p = s3Problem(a.kind, a.status, a.title, "S3 answered " + status + (code ? " " + code : "") + ".");
  if (code) p.members.s3ErrorCode = code;
  p.retryAfter = a.retryAfter > 0 ? s3RetryAfter() || a.retryAfter : 0;
  return p;
}
function main() {
  var faultName = readString("fault.name") || "";
  var requestId = readString("response.header.x-amz-request-id");
  var p = faultName === "ErrorResponseCode" ? fromS3(Number(readString("response.status.code") || 0), readString("response.content") || "") : unreachable(faultName);
  if (requestId) {
    p.members.s3RequestId = requestId;
    context.setVariable(S3_PROBLEM.requestId, requestId);
  } else context.removeVariable(S3_PROBLEM.requestId);
  setS3Problem(p);
}
main();

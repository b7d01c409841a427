// apigee-aws 0.1.0: src/callouts/s3-key.ts - generated, edit the source and rebuild (npm run build)
/* eslint-disable strict -- not strict on purpose: Rhino runs strict functions ~5x slower (apigee-aws docs/performance.md) */
// src/callouts/support/flow.ts
function readString(name) {
  var value = context.getVariable(name);
  return value === null || value === void 0 ? null : String(value);
}

// src/hashing/utf8.ts
function eachUtf8Byte(text, emit) {
  for (var i = 0; i < text.length; i++) {
    var c = text.charCodeAt(i);
    if (c < 128) {
      emit(c);
    } else if (c < 2048) {
      emit(192 | c >> 6);
      emit(128 | c & 63);
    } else {
      if (c >= 55296 && c <= 57343) {
        var next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
        if (c <= 56319 && next >= 56320 && next <= 57343) {
          var cp = 65536 + (c - 55296 << 10) + (next - 56320);
          i++;
          emit(240 | cp >> 18);
          emit(128 | cp >> 12 & 63);
          emit(128 | cp >> 6 & 63);
          emit(128 | cp & 63);
          continue;
        }
        c = 65533;
      }
      emit(224 | c >> 12);
      emit(128 | c >> 6 & 63);
      emit(128 | c & 63);
    }
  }
}
function utf8Bytes(text) {
  var out = [];
  eachUtf8Byte(text, function(b) {
    out.push(b);
  });
  return out;
}

// src/callouts/support/problem.ts
function problem(kind, status, title, detail) {
  return { kind: kind, status: status, title: title, detail: detail, members: {}, retryAfter: 0, callerDetail: false };
}
function callerProblem(kind, status, title, detail) {
  var p = problem(kind, status, title, detail);
  p.callerDetail = true;
  return p;
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
function s3RequestProblem(kind, status, title, detail) {
  return callerProblem(kind, status, title, detail);
}

// src/callouts/support/s3-object-key.ts
var S3_MAX_KEY_BYTES = 1024;
var FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\\]/;
function invalidKey(detail) {
  return s3RequestProblem("invalid-key", 400, "The object key is not valid", detail);
}
function decodeSuffix(suffix) {
  var raw = suffix.charAt(0) === "/" ? suffix.substring(1) : suffix;
  try {
    return decodeURIComponent(raw);
  } catch (e) {
    return invalidKey("The path has a malformed percent-encoding, or one that is not UTF-8.");
  }
}
function keyProblem(prefix, key) {
  var bad = FORBIDDEN.exec(key);
  if (bad) {
    var code = bad[0].charCodeAt(0);
    if (code === 92) return invalidKey("The key has a backslash.");
    return invalidKey("The key has a control character (U+" + ("000" + code.toString(16).toUpperCase()).slice(-4) + ").");
  }
  var segments = key.split("/");
  for (var i = 0; i < segments.length; i++) {
    if (segments[i] === "") return invalidKey("The key has an empty segment: a leading, doubled or trailing '/'.");
    if (segments[i] === "." || segments[i] === "..") return invalidKey("The key has a '.' or '..' segment.");
  }
  var bytes = utf8Bytes(prefix + key).length;
  if (bytes > S3_MAX_KEY_BYTES) {
    var p = s3RequestProblem("key-too-long", 400, "The object key is too long", "With the proxy's prefix the key is " + bytes + " bytes of UTF-8; S3 allows " + S3_MAX_KEY_BYTES + ".");
    p.members.maxKeyBytes = S3_MAX_KEY_BYTES - utf8Bytes(prefix).length;
    return p;
  }
  return null;
}

// src/callouts/support/environment-name.ts
var ENV_PLACEHOLDER = "{env}";
function withEnvironment(text) {
  if (text.indexOf(ENV_PLACEHOLDER) < 0) return text;
  return text.split(ENV_PLACEHOLDER).join(readString("environment.name") || "");
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

// src/sigv4/uri-encode.ts
var HEX = "0123456789ABCDEF";
function uriEncode(text, keepSlash) {
  var encoded;
  try {
    encoded = encodeURIComponent(text).replace(/[!'()*]/g, escapeChar);
  } catch (e) {
    encoded = encodeBytes(text);
  }
  return keepSlash ? encoded.replace(/%2F/g, "/") : encoded;
}
function escapeChar(c) {
  var code = c.charCodeAt(0);
  return "%" + HEX.charAt(code >> 4) + HEX.charAt(code & 15);
}
function encodeBytes(text) {
  var bytes = utf8Bytes(text);
  var out = "";
  for (var i = 0; i < bytes.length; i++) {
    var b = bytes[i];
    var c = String.fromCharCode(b);
    out += /[A-Za-z0-9\-._~]/.test(c) ? c : "%" + HEX.charAt(b >> 4) + HEX.charAt(b & 15);
  }
  return out;
}

// src/callouts/support/s3-url.ts
function objectUrl(endpoint2, fullKey) {
  return endpoint2 + "/" + uriEncode(fullKey, true);
}
function listUrl(endpoint2, prefix, maxKeys, continuationToken) {
  var query = "list-type=2&encoding-type=url&prefix=" + uriEncode(prefix, false) + "&max-keys=" + maxKeys;
  if (continuationToken !== null) query += "&continuation-token=" + uriEncode(continuationToken, false);
  return endpoint2 + "/?" + query;
}

// src/callouts/s3-key.ts
var MAX_PAGE = 1e3;
var MAX_CURSOR_LENGTH = 2048;
var S3_ENDPOINT = /^https:\/\/[a-z0-9][a-z0-9-]{1,61}[a-z0-9]\.s3\.[a-z]{2,4}(-[a-z]+){1,2}-[1-9][0-9]?\.amazonaws\.com$/;
function property(name) {
  var value = properties[name];
  return value === null || value === void 0 ? "" : String(value);
}
function clearOutputs() {
  var names = ["s3.operation", "s3.url", "s3.key", S3_PROBLEM.status, S3_PROBLEM.reason, S3_PROBLEM.body, S3_PROBLEM.retryAfter];
  for (var i = 0; i < names.length; i++) context.removeVariable(names[i]);
}
function misconfigured(detail) {
  return s3Problem("misconfigured", 500, "The proxy is misconfigured", detail);
}
function endpoint() {
  var template = property("endpoint").split("{env}").join("{environment.name}");
  if (template.indexOf("{") < 0) return template;
  var out = "";
  var rest = template;
  var open = rest.indexOf("{");
  while (open >= 0) {
    var close = rest.indexOf("}", open);
    if (close < 0) break;
    var name = rest.substring(open + 1, close);
    var value = readString(name);
    if (value === null || value === "") return misconfigured("The S3 endpoint needs " + name + ", which is not set: deploy the environment's property set.");
    out += rest.substring(0, open) + value;
    rest = rest.substring(close + 1);
    open = rest.indexOf("{");
  }
  out += rest;
  if (!S3_ENDPOINT.test(out)) return misconfigured("The S3 endpoint for this environment, " + out + ", is not a bucket's S3 endpoint: check the environment's property set and name.");
  return out;
}
function badQuery(parameter, detail) {
  var p = s3RequestProblem("invalid-query", 400, "A query parameter is not valid", detail);
  p.members.parameter = parameter;
  return p;
}
function pageSize() {
  var limit = readString("request.queryparam.limit");
  if (limit === null || limit === "") return Number(property("pageSize")) || MAX_PAGE;
  if (!/^[0-9]{1,4}$/.test(limit) || Number(limit) < 1 || Number(limit) > MAX_PAGE) return badQuery("limit", "limit must be a whole number from 1 to " + MAX_PAGE + ".");
  return Number(limit);
}
function cursor() {
  var value = readString("request.queryparam.cursor");
  if (value === null || value === "") return null;
  if (value.length > MAX_CURSOR_LENGTH) return badQuery("cursor", "cursor is not one this API returned.");
  return value;
}
function list(endpoint2, prefix) {
  var size = pageSize();
  if (typeof size !== "number") return size;
  var token = cursor();
  if (token !== null && typeof token !== "string") return token;
  context.setVariable("s3.operation", "list");
  context.setVariable("s3.url", listUrl(endpoint2, prefix, size, token));
  return null;
}
function lengthRequired() {
  return s3RequestProblem("length-required", 411, "Content-Length is required", "S3 takes an upload only with its size up front: send the body with a Content-Length header, not chunked.");
}
function object(endpoint2, prefix, key, verb) {
  var problem2 = keyProblem(prefix, key);
  if (problem2) return problem2;
  if (verb === "PUT" && !/^[0-9]+$/.test(readString("request.header.content-length") || "")) return lengthRequired();
  context.setVariable("s3.operation", "object");
  context.setVariable("s3.key", key);
  context.setVariable("s3.url", objectUrl(endpoint2, prefix + key));
  return null;
}
function route() {
  var endpointUrl = endpoint();
  if (typeof endpointUrl !== "string") return endpointUrl;
  var prefix = withEnvironment(property("prefix"));
  var key = decodeSuffix(readString("proxy.pathsuffix") || "");
  if (typeof key !== "string") return key;
  var verb = (readString("request.verb") || "").toUpperCase();
  if (key === "") {
    if (verb === "GET") return list(endpointUrl, prefix);
    return s3RequestProblem("key-required", 400, "An object key is required", "Only GET (a listing) applies to the base path; name an object after it.");
  }
  return object(endpointUrl, prefix, key, verb);
}
function main() {
  clearOutputs();
  var problem2 = route();
  if (problem2) setS3Problem(problem2);
}
main();

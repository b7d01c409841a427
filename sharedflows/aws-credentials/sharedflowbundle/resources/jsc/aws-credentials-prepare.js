// apigee-aws 0.1.0: src/callouts/aws-credentials-prepare.ts - generated, edit the source and rebuild (npm run build)
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

// src/callouts/support/aws-credentials-output.ts
function withdraw() {
  context.removeVariable(OUT.accessKeyId);
  context.removeVariable(OUT.secretAccessKey);
  context.removeVariable(OUT.sessionToken);
  context.removeVariable(OUT.expiration);
  context.removeVariable(OUT.source);
}

// src/callouts/support/flow.ts
function readString(name) {
  var value = context.getVariable(name);
  return value === null || value === void 0 ? null : String(value);
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
function misconfigured(parameter, detail) {
  var p = problem("misconfigured", 500, "The aws-credentials shared flow is misconfigured", detail);
  p.members.parameter = parameter;
  return p;
}
function setFault(p) {
  setProblemVariables({ status: FLOW.faultStatus, reason: FLOW.faultReason, body: FLOW.faultBody, detail: FLOW.faultDetail, retryAfter: FLOW.faultRetryAfter }, TYPE_PREFIX, p);
}

// src/callouts/support/base64url.ts
var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
function base64UrlBytes(text) {
  var clean = text.replace(/=+$/, "");
  if (clean.length % 4 === 1) return null;
  var bytes = [];
  var buffer = 0 | 0;
  var bits = 0 | 0;
  for (var i = 0; i < clean.length; i++) {
    var value = ALPHABET.indexOf(clean.charAt(i));
    if (value < 0) return null;
    buffer = (buffer << 6 | value) & 16777215;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push(buffer >> bits & 255);
    }
  }
  return bytes;
}
function utf8Text(bytes) {
  var encoded = "";
  for (var i = 0; i < bytes.length; i++) encoded += (bytes[i] < 16 ? "%0" : "%") + bytes[i].toString(16);
  try {
    return decodeURIComponent(encoded);
  } catch (e) {
    return null;
  }
}
function base64UrlText(text) {
  var bytes = base64UrlBytes(text);
  return bytes === null ? null : utf8Text(bytes);
}

// src/callouts/support/jwt-claims.ts
function jwtSubject(token) {
  var parts = token.split(".");
  if (parts.length !== 3) return null;
  var json = base64UrlText(parts[1]);
  if (json === null) return null;
  var claims;
  try {
    claims = JSON.parse(json);
  } catch (e) {
    return null;
  }
  if (!claims || typeof claims.iss !== "string" || claims.iss === "") return null;
  return { iss: claims.iss, sub: typeof claims.sub === "string" ? claims.sub : "" };
}

// src/callouts/support/aws-credentials-params.ts
var ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\/-]+$/;
var REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
var STS_URL = /^(https:\/\/[^\/?#\s]+|http:\/\/(127\.0\.0\.1|localhost)(:\d+)?)(\/[^?#\s]*)?$/;
var SERVICE_ACCOUNT = /^([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+|\d{21})$/;
var SESSION_TEXT = /^[\w+=,.@-]{2,64}$/;
var PRIVATE_VARIABLE = /^private\.[A-Za-z0-9_.-]+$/;
var DEFAULT_TOKEN_VARIABLE = "private.aws.credentials.callerToken";
function reject(parameter, detail) {
  var thrown = { awsCredentialsProblem: misconfigured(parameter, detail) };
  throw thrown;
}
function refuseCaller(title, detail) {
  var thrown = { awsCredentialsProblem: callerProblem("caller-token-rejected", 401, title, detail) };
  throw thrown;
}
function isParameterProblem(e) {
  return typeof e === "object" && e !== null && e.awsCredentialsProblem !== void 0;
}
function param(name, fallback) {
  var value = readString(name);
  return value === null || value === "" ? fallback : value;
}
function roleArn() {
  var value = param(PARAM.roleArn, "");
  if (value === "") reject(PARAM.roleArn, PARAM.roleArn + " is required: the ARN of the IAM role to assume, e.g. arn:aws:iam::123456789012:role/apigee-reader");
  if (!ROLE_ARN.test(value)) reject(PARAM.roleArn, PARAM.roleArn + " is not an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>): " + value);
  return value;
}
function durationSeconds() {
  var text = param(PARAM.durationSeconds, "3600");
  var value = /^\d{1,6}$/.test(text) ? Number(text) : NaN;
  if (!(value >= 900 && value <= 43200)) reject(PARAM.durationSeconds, PARAM.durationSeconds + " must be whole seconds from 900 to 43200, got " + text);
  return value;
}
function stsUrl(arn) {
  var region = param(PARAM.region, "us-east-1");
  if (!REGION.test(region)) reject(PARAM.region, PARAM.region + " is not an AWS region name such as us-east-1: " + region);
  var explicit = param(PARAM.stsEndpoint, "");
  if (explicit === "") return "https://sts." + region + (arn.indexOf("arn:aws-cn:") === 0 ? ".amazonaws.com.cn/" : ".amazonaws.com/");
  if (!STS_URL.test(explicit)) reject(PARAM.stsEndpoint, PARAM.stsEndpoint + " must be an https:// URL (http:// only for 127.0.0.1 or localhost), got " + explicit);
  return explicit;
}
function optionalSessionText(name) {
  var value = param(name, "");
  if (value !== "" && !SESSION_TEXT.test(value)) reject(name, name + " must be 2 to 64 characters of letters, digits and +=,.@_- , got " + value);
  return value;
}
function sanitizeSessionName(text) {
  var name = text.replace(/[^\w+=,.@-]/g, "-").substring(0, 64);
  return name.length < 2 ? ("apigee-" + name).substring(0, 64) : name;
}
function gateway(request) {
  var account = param(PARAM.serviceAccount, "");
  if (!SERVICE_ACCOUNT.test(account)) {
    reject(PARAM.serviceAccount, PARAM.serviceAccount + " must be the email (or 21-digit unique ID) of the service account the proxy is deployed with, got '" + account + "'");
  }
  var audience = param(PARAM.audience, "sts.amazonaws.com");
  if (audience.length > 256 || /[\u0000-\u001f\u007f]/.test(audience)) reject(PARAM.audience, PARAM.audience + " must be at most 256 printable characters");
  request.serviceAccount = account;
  request.audience = audience;
  request.identity = "gateway:" + account;
  request.sessionName = request.sessionName || sanitizeSessionName(param("apiproxy.name", "apigee"));
}
function caller(request) {
  var variable = param(PARAM.callerTokenVariable, DEFAULT_TOKEN_VARIABLE);
  if (!PRIVATE_VARIABLE.test(variable)) reject(PARAM.callerTokenVariable, PARAM.callerTokenVariable + " must name a private. variable (the caller's token is a secret), got " + variable);
  var token = param(variable, "");
  if (token === "") reject(PARAM.callerTokenVariable, variable + " is empty: verify the caller's JWT (VerifyJWT) and put it there before calling aws-credentials");
  var subject = jwtSubject(token);
  if (subject === null) reject(PARAM.callerTokenVariable, variable + " does not hold a JWT with an iss claim");
  if (subject.sub === "") refuseCaller("The token names no subject", "the token has no sub claim: STS names the session and the audit trail names the caller after it; ask the token's issuer for a token with sub");
  request.tokenVariable = variable;
  request.identity = "caller:" + subject.iss + "#" + subject.sub;
  request.sessionName = request.sessionName || sanitizeSessionName(subject.sub);
}
function readCredentialRequest() {
  var arn = roleArn();
  var mode = param(PARAM.mode, "gateway");
  if (mode !== "gateway" && mode !== "caller") reject(PARAM.mode, PARAM.mode + " must be gateway or caller, got " + mode);
  var request = {
    roleArn: arn,
    mode: mode,
    serviceAccount: "",
    audience: "",
    tokenVariable: "",
    stsUrl: stsUrl(arn),
    durationSeconds: durationSeconds(),
    sourceIdentity: optionalSessionText(PARAM.sourceIdentity),
    sessionName: optionalSessionText(PARAM.sessionName),
    identity: "",
    proxy: param("apiproxy.name", "")
  };
  if (mode === "gateway") gateway(request);
  else caller(request);
  return request;
}
function cacheKeyMaterial(request) {
  return ["aws-credentials/v2", request.proxy, request.roleArn, request.identity, request.durationSeconds, request.sessionName, request.sourceIdentity, request.audience].join("\n");
}

// src/hashing/hex.ts
var HEX_DIGITS = "0123456789abcdef";
var BYTE_TO_HEX = [];
for (b = 0; b < 256; b++) BYTE_TO_HEX[b] = HEX_DIGITS.charAt(b >> 4) + HEX_DIGITS.charAt(b & 15);
var b;
function wordsToHex(words) {
  var table = BYTE_TO_HEX;
  var parts = [];
  for (var i = 0; i < words.length; i++) {
    var w = words[i] | 0;
    parts[i] = table[w >> 24 & 255] + table[w >> 16 & 255] + table[w >> 8 & 255] + table[w & 255];
  }
  return parts.join("");
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
  eachUtf8Byte(text, function(b2) {
    out.push(b2);
  });
  return out;
}
function isAscii(text) {
  return !/[^\x00-\x7f]/.test(text);
}

// src/hashing/message.ts
var ASCII_CODES = {};
for (code = 0; code < 128; code++) ASCII_CODES[String.fromCharCode(code)] = code;
var code;
function messageFromUtf8(text) {
  return isAscii(text) ? messageFromAscii(text) : messageFromBytes(utf8Bytes(text));
}
function messageFromAscii(text) {
  var chars = text.split("");
  var codes = ASCII_CODES;
  var words = [];
  var acc = 0;
  var len = chars.length;
  for (var i = 0; i < len; i++) {
    acc = acc << 8 | codes[chars[i]];
    if ((i & 3) === 3) {
      words[i >> 2] = acc;
      acc = 0;
    }
  }
  if ((len & 3) !== 0) words[len >> 2] = acc << 8 * (4 - (len & 3));
  return { words: words, byteLength: len };
}
function messageFromBytes(bytes) {
  var words = [];
  for (var i = 0; i < bytes.length; i++) words[i >> 2] = words[i >> 2] | 0 | (bytes[i] & 255) << 24 - 8 * (i & 3);
  return { words: words, byteLength: bytes.length };
}

// src/hashing/sha256.ts
function isPrime(n) {
  for (var d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return true;
}
function primeRootFractions(count, exponent) {
  var out = [];
  for (var n = 2; out.length < count; n++) {
    if (isPrime(n)) {
      var root = Math.pow(n, exponent);
      out.push((root - Math.floor(root)) * 4294967296 | 0);
    }
  }
  return out;
}
var K = primeRootFractions(64, 1 / 3);
var INITIAL_STATE = primeRootFractions(8, 1 / 2);
var SCHEDULE = [];
var TAIL = [];
for (zi = 0; zi < 64; zi++) SCHEDULE[zi] = TAIL[zi & 31] = 0;
var zi;
function initialState() {
  return INITIAL_STATE.slice(0);
}
function expandSchedule(w, M, off) {
  for (var i = 0; i < 16; i++) w[i] = M[off + i] | 0;
  for (i = 16; i < 64; i++) {
    var x = w[i - 15] | 0;
    var y = w[i - 2] | 0;
    w[i] = ((x >> 7 & 33554431 | x << 25) ^ (x >> 18 & 16383 | x << 14) ^ x >> 3 & 536870911) + ((y >> 17 & 32767 | y << 15) ^ (y >> 19 & 8191 | y << 13) ^ y >> 10 & 4194303) + w[i - 7] + w[i - 16] | 0;
  }
}
function compressBlock(H, M, off) {
  var k = K;
  var w = SCHEDULE;
  expandSchedule(w, M, off);
  var a = H[0] | 0, b2 = H[1] | 0, c = H[2] | 0, d = H[3] | 0;
  var e = H[4] | 0, f = H[5] | 0, g = H[6] | 0, h = H[7] | 0;
  var bc = b2 ^ c;
  for (var i = 0; i < 64; i++) {
    var t1 = h + ((e >> 6 & 67108863 | e << 26) ^ (e >> 11 & 2097151 | e << 21) ^ (e >> 25 & 127 | e << 7)) + (g ^ e & (f ^ g)) + k[i] + w[i];
    var ab = a ^ b2;
    var t2 = ((a >> 2 & 1073741823 | a << 30) ^ (a >> 13 & 524287 | a << 19) ^ (a >> 22 & 1023 | a << 10)) + (b2 ^ ab & bc);
    bc = ab;
    h = g;
    g = f;
    f = e;
    e = d + t1 | 0;
    d = c;
    c = b2;
    b2 = a;
    a = t1 + t2 | 0;
  }
  H[0] = H[0] + a | 0;
  H[1] = H[1] + b2 | 0;
  H[2] = H[2] + c | 0;
  H[3] = H[3] + d | 0;
  H[4] = H[4] + e | 0;
  H[5] = H[5] + f | 0;
  H[6] = H[6] + g | 0;
  H[7] = H[7] + h | 0;
}
function finishDigest(state, m, priorBytes) {
  var words = m.words;
  var n = m.byteLength;
  var fullWords = n >> 6 << 4;
  for (var off = 0; off < fullWords; off += 16) compressBlock(state, words, off);
  var restBytes = n & 63;
  var tail = TAIL;
  var tailWords = restBytes < 56 ? 16 : 32;
  for (var i = 0; i < tailWords; i++) tail[i] = 0;
  var restWords = restBytes + 3 >> 2;
  for (i = 0; i < restWords; i++) tail[i] = words[fullWords + i] | 0;
  var lastShift = 24 - 8 * (restBytes & 3);
  var lastIndex = restBytes >> 2;
  if ((restBytes & 3) !== 0) tail[lastIndex] = tail[lastIndex] & ~((1 << lastShift + 8) - 1);
  tail[lastIndex] = tail[lastIndex] | 128 << lastShift;
  var bits = (priorBytes + n) * 8;
  var high = Math.floor(bits / 4294967296);
  tail[tailWords - 2] = high | 0;
  tail[tailWords - 1] = bits - high * 4294967296 | 0;
  compressBlock(state, tail, 0);
  if (tailWords === 32) compressBlock(state, tail, 16);
  return state;
}
function sha256(m) {
  return finishDigest(initialState(), m, 0);
}
function sha256Hex(text) {
  return wordsToHex(sha256(messageFromUtf8(text)));
}

// src/callouts/support/apigee-hash.ts
function sha256HexOfString(text) {
  if (typeof crypto !== "undefined" && crypto && typeof crypto.getSHA256 === "function") {
    var hash = crypto.getSHA256();
    hash.update(text);
    return String(hash.digest()).toLowerCase();
  }
  return sha256Hex(text);
}

// src/callouts/aws-credentials-prepare.ts
var LEFTOVERS = [
  FLOW.state,
  FLOW.cached,
  FLOW.refreshLock,
  FLOW.refreshLockHolder,
  FLOW.backoff,
  FLOW.entry,
  FLOW.cacheTtl,
  FLOW.backoffEntry,
  FLOW.backoffTtl,
  FLOW.exchange,
  FLOW.idTokenRequestBody,
  FLOW.resolvedMode,
  FLOW.cacheKey,
  ID_TOKEN_CALLOUT.failed,
  OUT.attempts,
  OUT.error
];
function clearLeftovers() {
  withdraw();
  for (var i = 0; i < LEFTOVERS.length; i++) context.removeVariable(LEFTOVERS[i]);
  setFault(problem("not-obtained", 500, "AWS credentials were not obtained", "the aws-credentials shared flow ended without credentials"));
}
function publishRequest(request) {
  context.setVariable(FLOW.cacheKey, sha256HexOfString(cacheKeyMaterial(request)));
  context.setVariable(FLOW.resolvedMode, request.mode);
  context.setVariable(OUT.sessionName, request.sessionName);
  context.setVariable(
    FLOW.exchange,
    JSON.stringify({
      roleArn: request.roleArn,
      mode: request.mode,
      serviceAccount: request.serviceAccount,
      tokenVariable: request.tokenVariable,
      stsUrl: request.stsUrl,
      durationSeconds: request.durationSeconds,
      sourceIdentity: request.sourceIdentity,
      sessionName: request.sessionName
    })
  );
  if (request.mode === "gateway") context.setVariable(FLOW.idTokenRequestBody, JSON.stringify({ audience: request.audience, includeEmail: false }));
  context.setVariable(FLOW.state, "lookup");
}
clearLeftovers();
try {
  publishRequest(readCredentialRequest());
} catch (e) {
  if (!isParameterProblem(e)) throw e;
  setFault(e.awsCredentialsProblem);
  context.setVariable(FLOW.state, "invalid");
}

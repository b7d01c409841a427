// apigee-aws 0.1.0: src/callouts/sigv4-native-prepare.ts - generated, edit the source and rebuild (npm run build)
/* eslint-disable strict -- not strict on purpose: Rhino runs strict functions ~5x slower (apigee-aws docs/performance.md) */
// src/flow/url-parts.ts
function splitUrl(url) {
  var scheme = "";
  var authority = "";
  var rest = url;
  var m = /^([A-Za-z][A-Za-z0-9+.-]*:)\/\/([^\/?#]*)/.exec(url);
  if (m) {
    scheme = m[1].toLowerCase();
    authority = m[2];
    rest = url.substring(m[0].length);
  }
  var hash = rest.indexOf("#");
  if (hash >= 0) rest = rest.substring(0, hash);
  var q = rest.indexOf("?");
  var path = q >= 0 ? rest.substring(0, q) : rest;
  return {
    scheme: scheme,
    authority: authority,
    path: path === "" ? "/" : path,
    query: q >= 0 ? rest.substring(q + 1) : "",
    hasQuery: q >= 0
  };
}
function percentDecode(text) {
  if (text.indexOf("%") < 0) return text;
  try {
    return decodeURIComponent(text.replace(/%(?![0-9A-Fa-f]{2})/g, "%25"));
  } catch (e) {
    return decodeEachEscape(text);
  }
}
function decodeEachEscape(text) {
  return text.replace(/(%[0-9A-Fa-f]{2})+/g, function(run) {
    try {
      return decodeURIComponent(run);
    } catch (e) {
      return run;
    }
  });
}
function parseQuery(query) {
  var pairs = [];
  if (query === "") return pairs;
  var parts = query.split("&");
  for (var i2 = 0; i2 < parts.length; i2++) {
    if (parts[i2] === "") continue;
    var eq = parts[i2].indexOf("=");
    var name = eq >= 0 ? parts[i2].substring(0, eq) : parts[i2];
    var value = eq >= 0 ? parts[i2].substring(eq + 1) : "";
    pairs.push([percentDecode(name), percentDecode(value)]);
  }
  return pairs;
}

// src/hashing/hex.ts
var HEX_DIGITS = "0123456789abcdef";
var BYTE_TO_HEX = [];
for (b = 0; b < 256; b++) BYTE_TO_HEX[b] = HEX_DIGITS.charAt(b >> 4) + HEX_DIGITS.charAt(b & 15);
var b;
function wordsToHex(words) {
  var table = BYTE_TO_HEX;
  var parts = [];
  for (var i2 = 0; i2 < words.length; i2++) {
    var w = words[i2] | 0;
    parts[i2] = table[w >> 24 & 255] + table[w >> 16 & 255] + table[w >> 8 & 255] + table[w & 255];
  }
  return parts.join("");
}

// src/hashing/utf8.ts
function eachUtf8Byte(text, emit) {
  for (var i2 = 0; i2 < text.length; i2++) {
    var c = text.charCodeAt(i2);
    if (c < 128) {
      emit(c);
    } else if (c < 2048) {
      emit(192 | c >> 6);
      emit(128 | c & 63);
    } else {
      if (c >= 55296 && c <= 57343) {
        var next = i2 + 1 < text.length ? text.charCodeAt(i2 + 1) : 0;
        if (c <= 56319 && next >= 56320 && next <= 57343) {
          var cp = 65536 + (c - 55296 << 10) + (next - 56320);
          i2++;
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
  for (var i2 = 0; i2 < len; i2++) {
    acc = acc << 8 | codes[chars[i2]];
    if ((i2 & 3) === 3) {
      words[i2 >> 2] = acc;
      acc = 0;
    }
  }
  if ((len & 3) !== 0) words[len >> 2] = acc << 8 * (4 - (len & 3));
  return { words: words, byteLength: len };
}
function messageFromBytes(bytes) {
  var words = [];
  for (var i2 = 0; i2 < bytes.length; i2++) words[i2 >> 2] = words[i2 >> 2] | 0 | (bytes[i2] & 255) << 24 - 8 * (i2 & 3);
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
  for (var i2 = 0; i2 < 16; i2++) w[i2] = M[off + i2] | 0;
  for (i2 = 16; i2 < 64; i2++) {
    var x = w[i2 - 15] | 0;
    var y = w[i2 - 2] | 0;
    w[i2] = ((x >> 7 & 33554431 | x << 25) ^ (x >> 18 & 16383 | x << 14) ^ x >> 3 & 536870911) + ((y >> 17 & 32767 | y << 15) ^ (y >> 19 & 8191 | y << 13) ^ y >> 10 & 4194303) + w[i2 - 7] + w[i2 - 16] | 0;
  }
}
function compressBlock(H, M, off) {
  var k = K;
  var w = SCHEDULE;
  expandSchedule(w, M, off);
  var a = H[0] | 0, b2 = H[1] | 0, c = H[2] | 0, d = H[3] | 0;
  var e = H[4] | 0, f = H[5] | 0, g = H[6] | 0, h = H[7] | 0;
  var bc = b2 ^ c;
  for (var i2 = 0; i2 < 64; i2++) {
    var t1 = h + ((e >> 6 & 67108863 | e << 26) ^ (e >> 11 & 2097151 | e << 21) ^ (e >> 25 & 127 | e << 7)) + (g ^ e & (f ^ g)) + k[i2] + w[i2];
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
  for (var i2 = 0; i2 < tailWords; i2++) tail[i2] = 0;
  var restWords = restBytes + 3 >> 2;
  for (i2 = 0; i2 < restWords; i2++) tail[i2] = words[fullWords + i2] | 0;
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

// src/sigv4/canonical-headers.ts
function isCanonical(value) {
  var last = value.length - 1;
  return value.indexOf("  ") < 0 && value.indexOf("	") < 0 && value.indexOf("\n") < 0 && value.indexOf("\r") < 0 && (last < 0 || value.charAt(0) !== " " && value.charAt(last) !== " ");
}
function canonicalHeaderValue(value) {
  if (isCanonical(value)) return value;
  return value.replace(/[\r\n]+/g, " ").replace(/[ \t]+/g, " ").replace(/^ | $/g, "");
}
function canonicalHeaders(headers, include) {
  var values = {};
  var names = [];
  for (var i2 = 0; i2 < headers.length; i2++) {
    var name = headers[i2][0].toLowerCase();
    if (!include(name)) continue;
    if (!Object.prototype.hasOwnProperty.call(values, name)) {
      values[name] = [];
      names.push(name);
    }
    values[name].push(canonicalHeaderValue(headers[i2][1]));
  }
  names.sort();
  var block = "";
  for (i2 = 0; i2 < names.length; i2++) block += names[i2] + ":" + values[names[i2]].join(",") + "\n";
  return { signedHeaders: names.join(";"), block: block };
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
  var code2 = c.charCodeAt(0);
  return "%" + HEX.charAt(code2 >> 4) + HEX.charAt(code2 & 15);
}
function encodeBytes(text) {
  var bytes = utf8Bytes(text);
  var out = "";
  for (var i2 = 0; i2 < bytes.length; i2++) {
    var b2 = bytes[i2];
    var c = String.fromCharCode(b2);
    out += /[A-Za-z0-9\-._~]/.test(c) ? c : "%" + HEX.charAt(b2 >> 4) + HEX.charAt(b2 & 15);
  }
  return out;
}

// src/sigv4/canonical-query.ts
function canonicalQuery(pairs) {
  var encoded = [];
  for (var i2 = 0; i2 < pairs.length; i2++) encoded.push([uriEncode(pairs[i2][0], false), uriEncode(pairs[i2][1], false)]);
  encoded.sort(function(a, b2) {
    if (a[0] !== b2[0]) return a[0] < b2[0] ? -1 : 1;
    return a[1] < b2[1] ? -1 : a[1] > b2[1] ? 1 : 0;
  });
  var parts = [];
  for (i2 = 0; i2 < encoded.length; i2++) parts.push(encoded[i2][0] + "=" + encoded[i2][1]);
  return parts.join("&");
}

// src/sigv4/canonical-uri.ts
var S3_PATH_RULES = { doubleEncode: false, normalize: false };
var GENERIC_PATH_RULES = { doubleEncode: true, normalize: true };
function pathRulesFor(service) {
  return service === "s3" ? S3_PATH_RULES : GENERIC_PATH_RULES;
}
function canonicalUri(wirePath, rules) {
  var path = wirePath === "" ? "/" : wirePath;
  if (rules.normalize) path = normalizePath(path);
  return rules.doubleEncode ? uriEncode(path, true) : uriEncode(percentDecode(path), true);
}
function normalizePath(path) {
  var segments = path.split("/");
  var kept = [];
  for (var i2 = 0; i2 < segments.length; i2++) {
    var s = segments[i2];
    if (s === "" || s === ".") continue;
    if (s === "..") kept.pop();
    else kept.push(s);
  }
  var leading = path.charAt(0) === "/" ? "/" : "";
  var trailing = kept.length > 0 && path.charAt(path.length - 1) === "/" ? "/" : "";
  return leading + kept.join("/") + trailing;
}

// src/sigv4/header-selection.ts
var UNSIGNABLE = {
  authorization: true,
  "cache-control": true,
  connection: true,
  expect: true,
  from: true,
  "keep-alive": true,
  "max-forwards": true,
  pragma: true,
  referer: true,
  te: true,
  trailer: true,
  "transfer-encoding": true,
  upgrade: true,
  "user-agent": true,
  "x-amzn-trace-id": true
};
function signAllSignable(lowerName) {
  return !UNSIGNABLE[lowerName] && !/^(proxy-|sec-)/.test(lowerName);
}
function signMinimal(lowerName) {
  return lowerName === "host" || lowerName === "content-type" || lowerName === "content-md5" || lowerName.indexOf("x-amz-") === 0;
}

// src/sigv4/sign-request.ts
var ALGORITHM = "AWS4-HMAC-SHA256";
var UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
function credentialScope(amzDate, region, service) {
  return amzDate.substring(0, 8) + "/" + region + "/" + service + "/aws4_request";
}
function buildStringToSign(amzDate, scope, canonicalRequestHash) {
  return ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + canonicalRequestHash;
}
function checkInput(input2) {
  if (!/^\d{8}T\d{6}Z$/.test(input2.amzDate)) throw new Error("amzDate must look like 20150830T123600Z, got " + input2.amzDate);
  if (!/^[a-z0-9-]+$/.test(input2.region)) throw new Error("region must be lowercase letters, digits and dashes, got " + input2.region);
  if (!/^[a-z0-9-]+$/.test(input2.service)) throw new Error("service must be lowercase letters, digits and dashes, got " + input2.service);
}
function hostHeaderFor(url) {
  var parts = splitUrl(url);
  var host = parts.authority.replace(/^[^@]*@/, "");
  if (parts.scheme === "https:" && /:443$/.test(host) || parts.scheme === "http:" && /:80$/.test(host)) {
    host = host.replace(/:\d+$/, "");
  }
  return host;
}
function hasHeader(headers, lower) {
  for (var i2 = 0; i2 < headers.length; i2++) if (headers[i2][0].toLowerCase() === lower) return true;
  return false;
}
function withHeader(headers, lower, value) {
  var out = [];
  for (var i2 = 0; i2 < headers.length; i2++) if (headers[i2][0].toLowerCase() !== lower) out.push(headers[i2]);
  out.push([lower, value]);
  return out;
}
function assemble(input2, query, headers, include, payloadHash2) {
  var parts = splitUrl(input2.url);
  var rules = input2.pathRules || pathRulesFor(input2.service);
  var ch = canonicalHeaders(headers, include);
  var canonicalRequest = input2.method.toUpperCase() + "\n" + canonicalUri(parts.path, rules) + "\n" + query + "\n" + ch.block + "\n" + ch.signedHeaders + "\n" + payloadHash2;
  var scope = credentialScope(input2.amzDate, input2.region, input2.service);
  var hash = (input2.hashHex || sha256Hex)(canonicalRequest);
  return {
    canonicalRequest: canonicalRequest,
    stringToSign: buildStringToSign(input2.amzDate, scope, hash),
    credentialScope: scope,
    signedHeaders: ch.signedHeaders
  };
}
function headerFilter(select, hasToken, signsToken) {
  return function(name) {
    if (name === "x-amz-security-token" && hasToken) return signsToken;
    return name === "host" || name === "x-amz-date" || name === "x-amz-content-sha256" || select(name);
  };
}
function prepareHeaderSignature(input2) {
  checkInput(input2);
  var token = input2.credentials.sessionToken;
  var headers = input2.headers.slice(0);
  var added = [];
  if (!hasHeader(headers, "host")) {
    var host = ["host", hostHeaderFor(input2.url)];
    headers.push(host);
    added.push(host);
  }
  headers = withHeader(headers, "x-amz-date", input2.amzDate);
  added.push(["x-amz-date", input2.amzDate]);
  if (input2.addContentSha256) {
    headers = withHeader(headers, "x-amz-content-sha256", input2.payloadHash);
    added.push(["x-amz-content-sha256", input2.payloadHash]);
  }
  var signsToken = !!token && !input2.unsignedSessionToken;
  if (signsToken) headers = withHeader(headers, "x-amz-security-token", token);
  if (token) added.push(["x-amz-security-token", token]);
  var include = headerFilter(input2.signHeader || signAllSignable, !!token, signsToken);
  var prepared2 = assemble(input2, canonicalQuery(parseQuery(splitUrl(input2.url).query)), headers, include, input2.payloadHash);
  return {
    canonicalRequest: prepared2.canonicalRequest,
    stringToSign: prepared2.stringToSign,
    credentialScope: prepared2.credentialScope,
    signedHeaders: prepared2.signedHeaders,
    headers: added
  };
}

// src/callouts/support/amz-date.ts
function amzDateFromMillis(millis) {
  var d = new Date(millis);
  return d.getUTCFullYear() + two(d.getUTCMonth() + 1) + two(d.getUTCDate()) + "T" + two(d.getUTCHours()) + two(d.getUTCMinutes()) + two(d.getUTCSeconds()) + "Z";
}
function two(n) {
  return n < 10 ? "0" + n : String(n);
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

// src/callouts/support/message-headers.ts
function listOf(value) {
  if (value === null || value === void 0) return [];
  var v = value;
  var items = typeof v.toArray === "function" ? v.toArray() : value;
  var out = [];
  for (var i2 = 0; i2 < items.length; i2++) out.push(String(items[i2]));
  return out;
}
function readHeaders(messageName2) {
  var headers = [];
  var names = listOf(context.getVariable(messageName2 + ".headers.names"));
  for (var i2 = 0; i2 < names.length; i2++) {
    var values = listOf(context.getVariable(messageName2 + ".header." + names[i2] + ".values"));
    for (var j = 0; j < values.length; j++) headers.push([names[i2], values[j]]);
  }
  return headers;
}

// src/callouts/support/signing-input.ts
function signedMessageName() {
  return readString("aws.sigv4.message") || "request";
}
function requestUrl(messageName2) {
  var explicit = readString("aws.sigv4.url");
  if (explicit) return explicit;
  var target = messageName2 === "request" ? readString("target.url") : null;
  return target || readRequired(messageName2 + ".url");
}
function payloadHash(messageName2, service, presign) {
  var mode = readString("aws.sigv4.payload") || (service === "s3" ? "unsigned" : "hash");
  if (mode === "unsigned" || mode === UNSIGNED_PAYLOAD) return UNSIGNED_PAYLOAD;
  if (mode === "hash") return presign && service === "s3" ? UNSIGNED_PAYLOAD : sha256HexOfString(readString(messageName2 + ".content") || "");
  if (/^[0-9a-f]{64}$/.test(mode) || /^STREAMING-[A-Z0-9-]+$/.test(mode)) return mode;
  throw new Error("aws.sigv4.payload must be unsigned, hash, UNSIGNED-PAYLOAD, a STREAMING-* value or a SHA-256 hex value, got " + mode);
}
function pathRules(service) {
  var defaults = pathRulesFor(service);
  return {
    doubleEncode: readFlag("aws.sigv4.uri.doubleEncode", defaults.doubleEncode),
    normalize: readFlag("aws.sigv4.uri.normalize", defaults.normalize)
  };
}
function headerSelection() {
  var selection = readString("aws.sigv4.headers") || "minimal";
  if (selection === "minimal") return signMinimal;
  if (selection === "all") return signAllSignable;
  throw new Error("aws.sigv4.headers must be minimal or all, got " + selection);
}
function readCredentialsWithoutSecret() {
  return {
    accessKeyId: readRequired("private.aws.credentials.accessKeyId"),
    secretAccessKey: "",
    sessionToken: readString("private.aws.credentials.sessionToken")
  };
}
function headersToSign(messageName2) {
  var all = readHeaders(messageName2);
  var out = [];
  for (var i2 = 0; i2 < all.length; i2++) if (all[i2][0].toLowerCase() !== "host") out.push(all[i2]);
  return out;
}
function readSigningInput(messageName2, presign, credentials) {
  var service = readRequired("aws.sigv4.service");
  return {
    method: readString("aws.sigv4.method") || readRequired(messageName2 + ".verb"),
    url: requestUrl(messageName2),
    headers: headersToSign(messageName2),
    service: service,
    region: readRequired("aws.sigv4.region"),
    amzDate: readString("aws.sigv4.amzDate") || amzDateFromMillis(Number(readRequired("system.timestamp"))),
    credentials: credentials,
    payloadHash: payloadHash(messageName2, service, presign),
    signHeader: headerSelection(),
    pathRules: pathRules(service),
    addContentSha256: readFlag("aws.sigv4.contentSha256Header", service === "s3"),
    unsignedSessionToken: !readFlag("aws.sigv4.sessionToken.signed", true),
    hashHex: sha256HexOfString
  };
}
function exposeDebug(canonicalRequest, stringToSign) {
  if (!readFlag("aws.sigv4.debug", false)) return;
  var token = readString("private.aws.credentials.sessionToken");
  context.setVariable("private.aws.sigv4.debug.canonicalRequest", canonicalRequest);
  context.setVariable(
    "aws.sigv4.debug.canonicalRequest",
    token ? canonicalRequest.split(token).join("<session token>") : canonicalRequest
  );
  context.setVariable("aws.sigv4.debug.stringToSign", stringToSign);
}

// src/callouts/sigv4-native-prepare.ts
var messageName = signedMessageName();
var input = readSigningInput(messageName, false, readCredentialsWithoutSecret());
var prepared = prepareHeaderSignature(input);
for (i = 0; i < prepared.headers.length; i++) {
  context.setVariable(messageName + ".header." + prepared.headers[i][0], prepared.headers[i][1]);
}
var i;
context.setVariable("private.aws.sigv4.stringToSign", prepared.stringToSign);
context.setVariable("aws.sigv4.dateStamp", input.amzDate.substring(0, 8));
context.setVariable("aws.sigv4.signedHeaders", prepared.signedHeaders);
context.setVariable("aws.sigv4.credentialScope", prepared.credentialScope);
exposeDebug(prepared.canonicalRequest, prepared.stringToSign);

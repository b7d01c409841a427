// apigee-aws 0.1.0: src/callouts/sigv4-native-finish.ts - generated, edit the source and rebuild (npm run build)
/* eslint-disable strict -- not strict on purpose: Rhino runs strict functions ~5x slower (apigee-aws docs/performance.md) */
// src/hashing/hex.ts
var HEX_DIGITS = "0123456789abcdef";
var BYTE_TO_HEX = [];
for (b = 0; b < 256; b++) BYTE_TO_HEX[b] = HEX_DIGITS.charAt(b >> 4) + HEX_DIGITS.charAt(b & 15);
var b;

// src/hashing/message.ts
var ASCII_CODES = {};
for (code = 0; code < 128; code++) ASCII_CODES[String.fromCharCode(code)] = code;
var code;

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

// src/sigv4/sign-request.ts
var ALGORITHM = "AWS4-HMAC-SHA256";
function authorizationHeader(accessKeyId, scope, signedHeaders, signature2) {
  return ALGORITHM + " Credential=" + accessKeyId + "/" + scope + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature2;
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

// src/callouts/support/signing-input.ts
function signedMessageName() {
  return readString("aws.sigv4.message") || "request";
}

// src/callouts/sigv4-native-finish.ts
var signature = readRequired("private.aws.sigv4.signature");
if (!/^[0-9a-f]{64}$/.test(signature)) throw new Error("private.aws.sigv4.signature is not a hex HMAC-SHA256; check AM-SigV4-Hmac");
context.setVariable(
  signedMessageName() + ".header.authorization",
  authorizationHeader(
    readRequired("private.aws.credentials.accessKeyId"),
    readRequired("aws.sigv4.credentialScope"),
    readRequired("aws.sigv4.signedHeaders"),
    signature
  )
);
var derived = ["kSecret", "kDate", "kRegion", "kService", "kSigning"];
for (i = 0; i < derived.length; i++) context.removeVariable("private.aws.sigv4." + derived[i]);
var i;

// SigV4 and SHA-256 in pure JS (script mode), timed in one Rhino JVM.
// Prints "<name> <microseconds>" lines; src/bench/main.ts adds the units.

import { sha256 } from "../../hashing/sha256";
import { messageFromBytes } from "../../hashing/message";
import { authorizationHeader, prepareHeaderSignature, signRequest } from "../../sigv4/sign-request";
import { deriveSigningKey } from "../../sigv4/signing-key";
import { benchRequest } from "./bench-request";
import { measure, report } from "./timing";

var scale = Number(java.lang.System.getenv("BENCH_SCALE") || "1");
var expected = "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41";
var plain = benchRequest(false);
if (signRequest(plain).signature !== expected) throw new Error("benchmark request signs wrongly");
var withToken = benchRequest(true);
var key = deriveSigningKey(plain.credentials.secretAccessKey, "20130524", "us-east-1", "s3");

report(measure("script", 400 * scale, function () {
  signRequest(plain);
}));
report(measure("script.cachedkey", 400 * scale, function () {
  signRequest(plain, key);
}));
report(measure("script.token", 400 * scale, function () {
  signRequest(withToken);
}));

// Native mode: the JavaScript part only (canonical request, string to sign,
// Authorization header). Hashing is Java's MessageDigest, as Apigee's
// crypto.getSHA256() is; the HMAC chain runs in AssignMessage, not here.
function javaSha256Hex(text: string): string {
  // Hex in Java, as crypto.getSHA256().digest() returns it.
  var digest = java.security.MessageDigest.getInstance("SHA-256").digest(new java.lang.String(text).getBytes("UTF-8"));
  return String(java.lang.String.format("%064x", new java.math.BigInteger(1, digest)));
}
var nativeInput = benchRequest(true);
nativeInput.hashHex = javaSha256Hex;
nativeInput.credentials = { accessKeyId: nativeInput.credentials.accessKeyId, secretAccessKey: "", sessionToken: nativeInput.credentials.sessionToken };
var nativeSignature = "0000000000000000000000000000000000000000000000000000000000000000";
report(measure("native", 2000 * scale, function () {
  var prepared = prepareHeaderSignature(nativeInput);
  authorizationHeader(nativeInput.credentials.accessKeyId, prepared.credentialScope, prepared.signedHeaders, nativeSignature);
}));

var kib: number[] = [];
for (var i = 0; i < 1024; i++) kib.push((i * 31) & 255);
var message = messageFromBytes(kib);
var perKib = measure("sha256.1k", 400 * scale, function () {
  sha256(message);
});
report(perKib);
// 1 KiB is 16 blocks plus one block of padding.
report({ name: "sha256.block", micros: perKib.micros / 17 });

// The common approach, for comparison: the same SigV4 canonicalisation with
// crypto-js's SHA-256 and HMAC, in the same kind of Rhino JVM.

import Hex from "crypto-js/enc-hex";
import HmacSHA256 from "crypto-js/hmac-sha256";
import SHA256 from "crypto-js/sha256";
import { finishHeaderSignature, prepareHeaderSignature } from "../../sigv4/sign-request";
import { benchRequest } from "./bench-request";
import { measure, report } from "./timing";

var scale = Number(java.lang.System.getenv("BENCH_SCALE") || "1");
var input = benchRequest(false);
input.hashHex = function (text: string) {
  return SHA256(text).toString(Hex);
};

function sign(): string {
  var prepared = prepareHeaderSignature(input);
  var k = HmacSHA256("20130524", "AWS4" + input.credentials.secretAccessKey);
  k = HmacSHA256("us-east-1", k);
  k = HmacSHA256("s3", k);
  k = HmacSHA256("aws4_request", k);
  return finishHeaderSignature(input, prepared, HmacSHA256(prepared.stringToSign, k).toString(Hex)).signature;
}

if (sign() !== "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41") throw new Error("crypto-js benchmark signs wrongly");
report(measure("cryptojs", 100 * scale, function () {
  sign();
}));

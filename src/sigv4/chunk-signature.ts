// Per-chunk signatures for S3 uploads sent as aws-chunked
// (x-amz-content-sha256: STREAMING-AWS4-HMAC-SHA256-PAYLOAD): each chunk's
// signature chains from the previous one, starting at the header signature.

import type { HmacKey } from "../hashing/hmac-sha256";
import { sha256Hex } from "../hashing/sha256";
import { signatureHex } from "./signing-key";

var EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

export function chunkStringToSign(amzDate: string, scope: string, previousSignature: string, chunkSha256Hex: string): string {
  return "AWS4-HMAC-SHA256-PAYLOAD\n" + amzDate + "\n" + scope + "\n" + previousSignature + "\n" + EMPTY_SHA256 + "\n" + chunkSha256Hex;
}

export function chunkSignature(signingKey: HmacKey, amzDate: string, scope: string, previousSignature: string, chunk: string): string {
  return signatureHex(signingKey, chunkStringToSign(amzDate, scope, previousSignature, sha256Hex(chunk)));
}

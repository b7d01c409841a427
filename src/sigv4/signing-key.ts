// The SigV4 signing key and the signature itself.

import { hmacKey, HmacKey, hmacSha256, hmacWithKey } from "../hashing/hmac-sha256";
import { wordsToHex } from "../hashing/hex";
import { messageFromDigest, messageFromUtf8 } from "../hashing/message";

/**
 * kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request"),
 * returned with its HMAC pads precomputed, ready to sign many strings.
 */
export function deriveSigningKey(secretAccessKey: string, dateStamp: string, region: string, service: string): HmacKey {
  var k = hmacSha256(messageFromUtf8("AWS4" + secretAccessKey), messageFromUtf8(dateStamp));
  k = hmacSha256(messageFromDigest(k), messageFromUtf8(region));
  k = hmacSha256(messageFromDigest(k), messageFromUtf8(service));
  k = hmacSha256(messageFromDigest(k), messageFromUtf8("aws4_request"));
  return hmacKey(messageFromDigest(k));
}

export function signatureHex(signingKey: HmacKey, stringToSign: string): string {
  return wordsToHex(hmacWithKey(signingKey, messageFromUtf8(stringToSign)));
}

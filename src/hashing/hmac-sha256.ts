// HMAC-SHA256 (RFC 2104) over word messages. A key's inner and outer pad
// blocks are compressed once into midstates, so a key used for many messages
// (a cached SigV4 signing key) costs two blocks less per message.

import { compressBlock, Digest, finishDigest, initialState, sha256, Sha256State } from "./sha256";
import { messageFromBytes, messageFromDigest, WordMessage, wordsToBytes } from "./message";

export interface HmacKey {
  inner: Sha256State;
  outer: Sha256State;
}

var PAD_BLOCK: number[] = [];

function padMidstate(keyWords: number[], keyWordCount: number, fill: number): Sha256State {
  for (var i = 0; i < 16; i++) PAD_BLOCK[i] = ((i < keyWordCount ? keyWords[i] : 0) ^ fill) | 0;
  var state = initialState();
  compressBlock(state, PAD_BLOCK, 0);
  return state;
}

export function hmacKey(key: WordMessage): HmacKey {
  var k = key.byteLength > 64 ? messageFromDigest(sha256(key)) : key;
  var count = (k.byteLength + 3) >> 2;
  return { inner: padMidstate(k.words, count, 0x36363636), outer: padMidstate(k.words, count, 0x5c5c5c5c) };
}

export function hmacWithKey(key: HmacKey, message: WordMessage): Digest {
  var innerDigest = finishDigest(key.inner.slice(0), message, 64);
  return finishDigest(key.outer.slice(0), messageFromDigest(innerDigest), 64);
}

export function hmacSha256(key: WordMessage, message: WordMessage): Digest {
  return hmacWithKey(hmacKey(key), message);
}

export function hmacSha256Bytes(key: number[], message: number[]): number[] {
  return wordsToBytes(hmacSha256(messageFromBytes(key), messageFromBytes(message)), 32);
}

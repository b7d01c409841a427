// A message as SHA-256 reads it: big-endian 32-bit words plus the exact byte
// length. Strings are encoded straight into words and digests chain as words,
// so the SigV4 key derivation never unpacks to bytes.

import { isAscii, utf8Bytes } from "./utf8";

export interface WordMessage {
  words: number[];
  byteLength: number;
}

var ASCII_CODES: { [ch: string]: number } = {};
for (var code = 0; code < 128; code++) ASCII_CODES[String.fromCharCode(code)] = code;

/**
 * The UTF-8 encoding of `text`. ASCII text, which is all of a typical
 * canonical request, is packed without a byte array in between.
 */
export function messageFromUtf8(text: string): WordMessage {
  return isAscii(text) ? messageFromAscii(text) : messageFromBytes(utf8Bytes(text));
}

// Two Rhino costs shape this loop: a charCodeAt call on a string primitive
// allocates a String wrapper each time (one split is cheaper), and a function
// whose locals a closure captures loses the optimizer entirely (no callbacks).
function messageFromAscii(text: string): WordMessage {
  var chars = text.split("");
  var codes = ASCII_CODES;
  var words: number[] = [];
  var acc = 0;
  var len = chars.length;
  for (var i = 0; i < len; i++) {
    acc = (acc << 8) | codes[chars[i]];
    if ((i & 3) === 3) {
      words[i >> 2] = acc;
      acc = 0;
    }
  }
  if ((len & 3) !== 0) words[len >> 2] = acc << (8 * (4 - (len & 3)));
  return { words: words, byteLength: len };
}

export function messageFromBytes(bytes: number[]): WordMessage {
  var words: number[] = [];
  for (var i = 0; i < bytes.length; i++) words[i >> 2] = (words[i >> 2] | 0) | ((bytes[i] & 255) << (24 - 8 * (i & 3)));
  return { words: words, byteLength: bytes.length };
}

/** A 32-byte digest (eight words) used as the next message or key. */
export function messageFromDigest(digest: number[]): WordMessage {
  return { words: digest, byteLength: 32 };
}

export function wordsToBytes(words: number[], byteLength: number): number[] {
  var out: number[] = [];
  for (var i = 0; i < byteLength; i++) out.push((words[i >> 2] >> (24 - 8 * (i & 3))) & 255);
  return out;
}

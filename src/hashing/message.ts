// A message as SHA-256 reads it: big-endian 32-bit words plus the exact byte
// length. Strings are encoded straight into words and digests chain as words,
// so the SigV4 key derivation never unpacks to bytes.

import { utf8Words } from "./utf8";

export interface WordMessage {
  words: number[];
  byteLength: number;
}

export function messageFromUtf8(text: string): WordMessage {
  return utf8Words(text);
}

export function messageFromBytes(bytes: number[]): WordMessage {
  var words: number[] = [];
  for (var i = 0; i < bytes.length; i++) {
    var shift = 24 - 8 * (i & 3);
    words[i >> 2] = (words[i >> 2] | 0) | ((bytes[i] & 255) << shift);
  }
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

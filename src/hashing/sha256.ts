// SHA-256 (FIPS 180-4) over word messages, tuned for Apigee's Rhino.
//
// What makes this fast in Rhino's compiled mode (measured, see
// docs/performance.md):
// - Module functions stay top level in the built script: Rhino's optimizer
//   only gives top-level functions unboxed numeric locals.
// - Both hot loops are small. HotSpot inlines Rhino's int32 conversion into
//   every bitwise operator only while the caller stays small; unrolled rounds
//   compile to methods too large to inline into, and past 8,000 bytes of
//   bytecode to methods the JIT skips entirely.
// - `x >>> n` boxes its operand in Rhino 1.7.14; rotations use `>>` plus a mask.
// - Locals start from `| 0` so the optimizer types them as numbers.
// - Maj(a,b,c) = b ^ ((a ^ b) & (b ^ c)), and this round's a ^ b is the next
//   round's b ^ c.
// - Schedule and padding live in module-level scratch arrays: nothing is
//   allocated per block.

import { wordsToHex } from "./hex";
import { messageFromBytes, messageFromUtf8, WordMessage, wordsToBytes } from "./message";

// FIPS 180-4 defines the round constants as the first 32 bits of the
// fractional parts of the cube roots of the first 64 primes, and the initial
// state likewise from the square roots of the first 8. Computing them saves
// most of a kilobyte in every callout; a test pins them to the published table.
function isPrime(n: number): boolean {
  for (var d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return true;
}

function primeRootFractions(count: number, exponent: number): number[] {
  var out: number[] = [];
  for (var n = 2; out.length < count; n++) {
    if (isPrime(n)) {
      var root = Math.pow(n, exponent);
      out.push(((root - Math.floor(root)) * 0x100000000) | 0);
    }
  }
  return out;
}

var K = primeRootFractions(64, 1 / 3);
var INITIAL_STATE = primeRootFractions(8, 1 / 2);

/** The round constants, for tests that check them against FIPS 180-4. */
export function roundConstants(): number[] {
  return K.slice(0);
}

var SCHEDULE: number[] = [];
var TAIL: number[] = [];
for (var zi = 0; zi < 64; zi++) SCHEDULE[zi] = TAIL[zi & 31] = 0;

/** The eight chaining words: a fresh initial state, or an HMAC midstate. */
export type Sha256State = number[];

/** A SHA-256 digest as eight big-endian words. */
export type Digest = number[];

export function initialState(): Sha256State {
  return INITIAL_STATE.slice(0);
}

function expandSchedule(w: number[], M: number[], off: number): void {
  for (var i = 0; i < 16; i++) w[i] = M[off + i] | 0;
  for (i = 16; i < 64; i++) {
    var x = w[i - 15] | 0;
    var y = w[i - 2] | 0;
    w[i] =
      (((((x >> 7) & 0x1ffffff) | (x << 25)) ^ (((x >> 18) & 0x3fff) | (x << 14)) ^ ((x >> 3) & 0x1fffffff)) +
        ((((y >> 17) & 0x7fff) | (y << 15)) ^ (((y >> 19) & 0x1fff) | (y << 13)) ^ ((y >> 10) & 0x3fffff)) +
        w[i - 7] +
        w[i - 16]) |
      0;
  }
}

/** Compresses the 16-word block at M[off] into H. */
export function compressBlock(H: Sha256State, M: number[], off: number): void {
  var k = K;
  var w = SCHEDULE;
  expandSchedule(w, M, off);
  var a = H[0] | 0, b = H[1] | 0, c = H[2] | 0, d = H[3] | 0;
  var e = H[4] | 0, f = H[5] | 0, g = H[6] | 0, h = H[7] | 0;
  var bc = b ^ c;
  for (var i = 0; i < 64; i++) {
    var t1 =
      h +
      ((((e >> 6) & 0x3ffffff) | (e << 26)) ^ (((e >> 11) & 0x1fffff) | (e << 21)) ^ (((e >> 25) & 0x7f) | (e << 7))) +
      (g ^ (e & (f ^ g))) +
      k[i] +
      w[i];
    var ab = a ^ b;
    var t2 =
      ((((a >> 2) & 0x3fffffff) | (a << 30)) ^ (((a >> 13) & 0x7ffff) | (a << 19)) ^ (((a >> 22) & 0x3ff) | (a << 10))) +
      (b ^ (ab & bc));
    bc = ab;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  H[0] = (H[0] + a) | 0;
  H[1] = (H[1] + b) | 0;
  H[2] = (H[2] + c) | 0;
  H[3] = (H[3] + d) | 0;
  H[4] = (H[4] + e) | 0;
  H[5] = (H[5] + f) | 0;
  H[6] = (H[6] + g) | 0;
  H[7] = (H[7] + h) | 0;
}

/**
 * Finishes a hash whose state already holds `priorBytes` bytes (a multiple of
 * 64, such as an HMAC pad block), over the rest of the message `m`. `state` is
 * consumed; the digest is returned.
 */
export function finishDigest(state: Sha256State, m: WordMessage, priorBytes: number): Digest {
  var words = m.words;
  var n = m.byteLength;
  var fullWords = (n >> 6) << 4;
  for (var off = 0; off < fullWords; off += 16) compressBlock(state, words, off);
  var restBytes = n & 63;
  var tail = TAIL;
  var tailWords = restBytes < 56 ? 16 : 32;
  for (var i = 0; i < tailWords; i++) tail[i] = 0;
  var restWords = (restBytes + 3) >> 2;
  for (i = 0; i < restWords; i++) tail[i] = words[fullWords + i] | 0;
  var lastShift = 24 - 8 * (restBytes & 3);
  var lastIndex = restBytes >> 2;
  if ((restBytes & 3) !== 0) tail[lastIndex] = tail[lastIndex] & ~((1 << (lastShift + 8)) - 1);
  tail[lastIndex] = tail[lastIndex] | (0x80 << lastShift);
  var bits = (priorBytes + n) * 8;
  var high = Math.floor(bits / 0x100000000);
  tail[tailWords - 2] = high | 0;
  tail[tailWords - 1] = (bits - high * 0x100000000) | 0;
  compressBlock(state, tail, 0);
  if (tailWords === 32) compressBlock(state, tail, 16);
  return state;
}

export function sha256(m: WordMessage): Digest {
  return finishDigest(initialState(), m, 0);
}

export function sha256Bytes(bytes: number[]): number[] {
  return wordsToBytes(sha256(messageFromBytes(bytes)), 32);
}

/** Lowercase hex SHA-256 of the UTF-8 encoding of `text`. */
export function sha256Hex(text: string): string {
  return wordsToHex(sha256(messageFromUtf8(text)));
}

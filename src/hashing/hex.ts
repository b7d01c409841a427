var HEX_DIGITS = "0123456789abcdef";
var BYTE_TO_HEX: string[] = [];
for (var b = 0; b < 256; b++) BYTE_TO_HEX[b] = HEX_DIGITS.charAt(b >> 4) + HEX_DIGITS.charAt(b & 15);

/** Lowercase hex of a byte array, the form SigV4 uses everywhere. */
export function bytesToHex(bytes: number[]): string {
  var parts: string[] = [];
  for (var i = 0; i < bytes.length; i++) parts[i] = BYTE_TO_HEX[bytes[i] & 255];
  return parts.join("");
}

/** Lowercase hex of big-endian 32-bit words. */
export function wordsToHex(words: number[]): string {
  var table = BYTE_TO_HEX;
  var parts: string[] = [];
  for (var i = 0; i < words.length; i++) {
    var w = words[i] | 0;
    parts[i] = table[(w >> 24) & 255] + table[(w >> 16) & 255] + table[(w >> 8) & 255] + table[w & 255];
  }
  return parts.join("");
}

/** Bytes of an even-length hex string; null for anything else. */
export function hexToBytes(hex: string): number[] | null {
  if (hex.length % 2 !== 0 || /[^0-9a-fA-F]/.test(hex)) return null;
  var out: number[] = [];
  for (var i = 0; i < hex.length; i += 2) out.push(parseInt(hex.substr(i, 2), 16));
  return out;
}

// base64url (RFC 4648 section 5) decoding to text: Rhino has no atob, and a
// JWT's payload is base64url-encoded UTF-8 JSON.

var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** The bytes `text` encodes, or null when it is not base64url (padding is tolerated). */
export function base64UrlBytes(text: string): number[] | null {
  var clean = text.replace(/=+$/, "");
  if (clean.length % 4 === 1) return null;
  var bytes: number[] = [];
  var buffer = 0 | 0;
  var bits = 0 | 0;
  for (var i = 0; i < clean.length; i++) {
    var value = ALPHABET.indexOf(clean.charAt(i));
    if (value < 0) return null;
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  return bytes;
}

/** UTF-8 bytes as text; null for a malformed sequence. */
export function utf8Text(bytes: number[]): string | null {
  var encoded = "";
  for (var i = 0; i < bytes.length; i++) encoded += (bytes[i] < 16 ? "%0" : "%") + bytes[i].toString(16);
  try {
    return decodeURIComponent(encoded);
  } catch (e) {
    return null;
  }
}

export function base64UrlText(text: string): string | null {
  var bytes = base64UrlBytes(text);
  return bytes === null ? null : utf8Text(bytes);
}

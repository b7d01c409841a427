// SigV4's UriEncode: every UTF-8 byte except A-Z a-z 0-9 - . _ ~ becomes %XX
// with uppercase hex; "/" is kept only in object-key paths.

import { utf8Bytes } from "../hashing/utf8";

var HEX = "0123456789ABCDEF";

export function uriEncode(text: string, keepSlash: boolean): string {
  var encoded: string;
  try {
    encoded = encodeURIComponent(text).replace(/[!'()*]/g, escapeChar);
  } catch (e) {
    // encodeURIComponent rejects lone surrogates; encode them as U+FFFD, as
    // the hashing does, so the canonical request matches the bytes sent.
    encoded = encodeBytes(text);
  }
  return keepSlash ? encoded.replace(/%2F/g, "/") : encoded;
}

function escapeChar(c: string): string {
  var code = c.charCodeAt(0);
  return "%" + HEX.charAt(code >> 4) + HEX.charAt(code & 15);
}

function encodeBytes(text: string): string {
  var bytes = utf8Bytes(text);
  var out = "";
  for (var i = 0; i < bytes.length; i++) {
    var b = bytes[i];
    var c = String.fromCharCode(b);
    out += /[A-Za-z0-9\-._~]/.test(c) ? c : "%" + HEX.charAt(b >> 4) + HEX.charAt(b & 15);
  }
  return out;
}

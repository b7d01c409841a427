// The object key a request names, from proxy.pathsuffix, and the checks that
// keep it inside the proxy's prefix and addressable. A key is refused when:
// - its percent-encoding is malformed or is not UTF-8;
// - it has a control character (C0, DEL or C1) or a backslash: S3 accepts
//   some of them, but they are never intended in a URL and some HTTP stacks
//   rewrite them (a backslash becomes "/" in browsers);
// - it has an empty segment ("a//b", or a trailing "/"): proxies, load
//   balancers and Apigee itself may merge slashes, so such a key cannot be
//   addressed reliably, and a refusal is clearer than reaching another key;
// - it has a "." or ".." segment (also when sent as %2E): never a path
//   traversal here (the prefix is prepended to the key, not resolved), but
//   clients and caches resolve them before sending, so they are refused;
// - prefix + key is over S3's limit of 1,024 bytes of UTF-8.

import { utf8Bytes } from "../../hashing/utf8";
import { s3RequestProblem, S3Problem } from "./s3-problem";

export var S3_MAX_KEY_BYTES = 1024;

// C0 controls, DEL, C1 controls, and the backslash.
var FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\\]/;

function invalidKey(detail: string): S3Problem {
  return s3RequestProblem("invalid-key", 400, "The object key is not valid", detail);
}

/** The path suffix without its leading "/", percent-decoded; or the problem. */
export function decodeSuffix(suffix: string): string | S3Problem {
  var raw = suffix.charAt(0) === "/" ? suffix.substring(1) : suffix;
  try {
    return decodeURIComponent(raw);
  } catch (e) {
    return invalidKey("The path has a malformed percent-encoding, or one that is not UTF-8.");
  }
}

/** The problem with a decoded, non-empty key under `prefix`, or null when it is acceptable. */
export function keyProblem(prefix: string, key: string): S3Problem | null {
  var bad = FORBIDDEN.exec(key);
  if (bad) {
    var code = bad[0].charCodeAt(0);
    if (code === 92) return invalidKey("The key has a backslash.");
    return invalidKey("The key has a control character (U+" + ("000" + code.toString(16).toUpperCase()).slice(-4) + ").");
  }
  var segments = key.split("/");
  for (var i = 0; i < segments.length; i++) {
    if (segments[i] === "") return invalidKey("The key has an empty segment: a leading, doubled or trailing '/'.");
    if (segments[i] === "." || segments[i] === "..") return invalidKey("The key has a '.' or '..' segment.");
  }
  var bytes = utf8Bytes(prefix + key).length;
  if (bytes > S3_MAX_KEY_BYTES) {
    var p = s3RequestProblem("key-too-long", 400, "The object key is too long", "With the proxy's prefix the key is " + bytes + " bytes of UTF-8; S3 allows " + S3_MAX_KEY_BYTES + ".");
    p.members.maxKeyBytes = S3_MAX_KEY_BYTES - utf8Bytes(prefix).length;
    return p;
  }
  return null;
}

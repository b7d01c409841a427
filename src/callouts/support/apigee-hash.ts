// SHA-256 of a string for SigV4: Apigee's native crypto object when the
// runtime offers it (Java, much faster than script), else pure JS.

import { sha256Hex } from "../../hashing/sha256";

export function sha256HexOfString(text: string): string {
  if (typeof crypto !== "undefined" && crypto && typeof crypto.getSHA256 === "function") {
    var hash = crypto.getSHA256();
    hash.update(text);
    return String(hash.digest()).toLowerCase();
  }
  return sha256Hex(text);
}

// The iss and sub of a JWT the proxy has already verified (VerifyJWT), read
// without verifying again: they only name the caller for the cache key and
// the session name; STS verifies the token itself.

import { base64UrlText } from "./base64url";

export interface JwtSubject {
  iss: string;
  /** "" when the token names no subject: the caller's problem, not the proxy's. */
  sub: string;
}

/** null when `token` is not a compact JWS whose payload has a string iss (VerifyJWT has checked it, so this is the proxy's mistake). */
export function jwtSubject(token: string): JwtSubject | null {
  var parts = token.split(".");
  if (parts.length !== 3) return null;
  var json = base64UrlText(parts[1]);
  if (json === null) return null;
  var claims: { iss?: unknown; sub?: unknown };
  try {
    claims = JSON.parse(json);
  } catch (e) {
    return null;
  }
  if (!claims || typeof claims.iss !== "string" || claims.iss === "") return null;
  return { iss: claims.iss, sub: typeof claims.sub === "string" ? claims.sub : "" };
}

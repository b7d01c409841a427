// Request URLs as logs may show them: a query parameter that carries a
// credential (an OAuth access token, a presigned URL's signature and session
// token, an API key) keeps its name and loses its value, so `dev`'s terminal,
// a CI log or a bug report never holds one. The rest of the URL is kept as
// sent, since the path and the other parameters are what one debugs.

const REDACTED = "[redacted]";

/** Query parameter names (lowercase) whose values are credentials in the APIs a proxy fronts or the OAuth flows callers use. */
const SECRET_PARAMETERS = new Set([
  "access_token",
  "id_token",
  "refresh_token",
  "token",
  "code",
  "client_secret",
  "assertion",
  "jwt",
  "password",
  "passwd",
  "secret",
  "api_key",
  "apikey",
  "key",
  "sig",
  "signature",
  "x-amz-signature",
  "x-amz-credential",
  "x-amz-security-token",
  "x-goog-signature",
  "x-goog-credential"
]);

function isSecret(name: string): boolean {
  let decoded = name;
  try {
    decoded = decodeURIComponent(name.replace(/\+/g, " "));
  } catch {
    // A malformed escape is compared as written.
  }
  return SECRET_PARAMETERS.has(decoded.toLowerCase());
}

/** The URL (absolute, or a path with a query) with credential-bearing query values and any user:password@ replaced. */
export function redactUrl(url: string): string {
  const withoutUserInfo = url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/i, `$1${REDACTED}@`);
  const queryAt = withoutUserInfo.indexOf("?");
  if (queryAt < 0) return withoutUserInfo;
  const hashAt = withoutUserInfo.indexOf("#", queryAt);
  const end = hashAt < 0 ? withoutUserInfo.length : hashAt;
  const query = withoutUserInfo
    .slice(queryAt + 1, end)
    .split("&")
    .map((pair) => {
      const eq = pair.indexOf("=");
      const name = eq < 0 ? pair : pair.slice(0, eq);
      return eq >= 0 && isSecret(name) ? `${name}=${REDACTED}` : pair;
    })
    .join("&");
  return `${withoutUserInfo.slice(0, queryAt + 1)}${query}${withoutUserInfo.slice(end)}`;
}

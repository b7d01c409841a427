// Splits request URLs without decoding them. Rhino has no URL class, and a
// signer must see the path and query exactly as they go on the wire.

export interface UrlParts {
  /** "https:" etc., or "" for a path-only URL. */
  scheme: string;
  /** host[:port], or "" for a path-only URL. */
  authority: string;
  /** Path as on the wire; "/" when empty. */
  path: string;
  /** Query without the "?", or "" when absent. */
  query: string;
  hasQuery: boolean;
}

export function splitUrl(url: string): UrlParts {
  var scheme = "";
  var authority = "";
  var rest = url;
  var m = /^([A-Za-z][A-Za-z0-9+.-]*:)\/\/([^\/?#]*)/.exec(url);
  if (m) {
    scheme = m[1].toLowerCase();
    authority = m[2];
    rest = url.substring(m[0].length);
  }
  var hash = rest.indexOf("#");
  if (hash >= 0) rest = rest.substring(0, hash);
  var q = rest.indexOf("?");
  var path = q >= 0 ? rest.substring(0, q) : rest;
  return {
    scheme: scheme,
    authority: authority,
    path: path === "" ? "/" : path,
    query: q >= 0 ? rest.substring(q + 1) : "",
    hasQuery: q >= 0
  };
}

/** Decodes %XX escapes (as UTF-8) without treating "+" as a space. */
export function percentDecode(text: string): string {
  if (text.indexOf("%") < 0) return text;
  try {
    return decodeURIComponent(text.replace(/%(?![0-9A-Fa-f]{2})/g, "%25"));
  } catch (e) {
    return decodeEachEscape(text);
  }
}

// Invalid UTF-8 in escapes: keep such escapes literally rather than failing.
function decodeEachEscape(text: string): string {
  return text.replace(/(%[0-9A-Fa-f]{2})+/g, function (run) {
    try {
      return decodeURIComponent(run);
    } catch (e) {
      return run;
    }
  });
}

/** [name, value] pairs of a query string, percent-decoded, in order. */
export function parseQuery(query: string): [string, string][] {
  var pairs: [string, string][] = [];
  if (query === "") return pairs;
  var parts = query.split("&");
  for (var i = 0; i < parts.length; i++) {
    if (parts[i] === "") continue;
    var eq = parts[i].indexOf("=");
    var name = eq >= 0 ? parts[i].substring(0, eq) : parts[i];
    var value = eq >= 0 ? parts[i].substring(eq + 1) : "";
    pairs.push([percentDecode(name), percentDecode(value)]);
  }
  return pairs;
}

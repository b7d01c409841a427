// The two wildcard languages of conditions, compiled to anchored RegExps.
//
// Matches / Like / ~ : a glob over the whole value. `*` is any run of
//   characters (slashes included: "/*at" matches "/cat"), `?` is one character.
// MatchesPath / LikePath / ~/ : a path expression. `*` (and a `{name}`, which
//   only documents the element) stays within one path element; `**` crosses
//   elements. Nothing is forgiven at the ends: "/cat/**" needs the slash after
//   "cat" (so it does not match "/cat"), and "/cat" does not match "/cat/".
// In both, `%` makes the next character literal ("%{user%}" matches "{user}").
//
// The reference's path table: "/*/a/" matches "/x/a/"; "/*/a/*" matches
// "/x/a/b"; "/*/a/**" matches "/x/a/b/c/d"; "/a/**/feed/**" matches
// "/a/b/feed/rss/1234". The trailing-slash and "**"-needs-its-slash behaviour
// follows Apigee community answers (a flow on "/extensive-search" does not run
// for "/extensive-search/"; "/**/india/blr/**" does not match "/x/india/blr").

const ANY_RUN = "[\\s\\S]*";
const ANY_ONE = "[\\s\\S]";
const ELEMENT_RUN = "[^/]*";

export function compileGlob(pattern: string): RegExp {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "%" && i + 1 < pattern.length) out += escapeRegExp(pattern[++i]);
    else if (c === "*") out += ANY_RUN;
    else if (c === "?") out += ANY_ONE;
    else out += escapeRegExp(c);
  }
  return new RegExp(`^${out}$`);
}

export function compilePathPattern(pattern: string): RegExp {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "%" && i + 1 < pattern.length) {
      out += escapeRegExp(pattern[++i]);
    } else if (c === "*" && pattern[i + 1] === "*") {
      out += ANY_RUN;
      i++;
    } else if (c === "*") {
      out += ELEMENT_RUN;
    } else if (c === "{" && placeholderEnd(pattern, i) > 0) {
      out += ELEMENT_RUN;
      i = placeholderEnd(pattern, i);
    } else {
      out += escapeRegExp(c);
    }
  }
  return new RegExp(`^${out}$`);
}

/** Index of the `}` closing a `{name}` within one path element, or -1. */
function placeholderEnd(pattern: string, open: number): number {
  const close = pattern.indexOf("}", open + 1);
  if (close < 0) return -1;
  const name = pattern.slice(open + 1, close);
  return /^[^/{%]+$/.test(name) ? close : -1;
}

function escapeRegExp(c: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(c) ? "\\" + c : c;
}

// ExtractVariables <Pattern>s: literal text with {name} captures. In URI
// paths "*" is one path segment and "**" any number of them, and a capture
// stays inside one segment; in query parameters, headers, form parameters and
// variables "*" is any run of characters. "%" escapes the next character, so
// "%{" is a literal brace.

export interface ExtractPattern {
  source: string;
  /** Capture names in the order they appear. */
  variables: string[];
  /** Path segments, to prefer the most specific of several matching URI patterns. */
  segments: number;
  regex: RegExp;
}

export class PatternSyntaxError extends Error {}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

interface Dialect {
  capture: string;
  star: string;
  doubleStar: string;
}

const VALUE_DIALECT: Dialect = { capture: "([\\s\\S]*?)", star: "[\\s\\S]*?", doubleStar: "[\\s\\S]*?" };
const PATH_DIALECT: Dialect = { capture: "([^/]*?)", star: "[^/]*", doubleStar: ".*" };

function compile(source: string, ignoreCase: boolean, dialect: Dialect): ExtractPattern {
  let regex = "";
  const variables: string[] = [];
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "%" && i + 1 < source.length) {
      regex += escapeRegex(source[++i]);
    } else if (c === "{") {
      const end = source.indexOf("}", i);
      if (end < 0) throw new PatternSyntaxError(`"{" at position ${i + 1} is not closed; escape a literal brace as "%{"`);
      const name = source.slice(i + 1, end).trim();
      if (!name) throw new PatternSyntaxError(`empty variable name "{}" at position ${i + 1}`);
      variables.push(name);
      regex += dialect.capture;
      i = end;
    } else if (c === "*") {
      const double = source[i + 1] === "*";
      regex += double ? dialect.doubleStar : dialect.star;
      if (double) i++;
    } else regex += escapeRegex(c);
  }
  if (!variables.length) throw new PatternSyntaxError("it captures no variable; write the variable to set in braces, e.g. {id}");
  const segments = source.split("/").filter((s) => s !== "").length;
  const trailingSlash = dialect === PATH_DIALECT ? "/?" : "";
  return { source, variables, segments, regex: new RegExp(`^${regex}${trailingSlash}$`, ignoreCase ? "i" : "") };
}

/** A pattern for query parameter, header, form parameter and variable values. */
export function compileValuePattern(source: string, ignoreCase: boolean): ExtractPattern {
  return compile(source, ignoreCase, VALUE_DIALECT);
}

/** A pattern for proxy.pathsuffix: captures and "*" stay within one segment. */
export function compileUriPattern(source: string, ignoreCase: boolean): ExtractPattern {
  return compile(source, ignoreCase, PATH_DIALECT);
}

/** The captured [name, value] pairs, or null when the text does not match. */
export function matchPattern(pattern: ExtractPattern, text: string): [string, string][] | null {
  const m = pattern.regex.exec(text);
  return m ? pattern.variables.map((name, i) => [name, m[i + 1]]) : null;
}

/**
 * Of several patterns, the one Apigee uses: for URI paths the matching pattern
 * with the most path segments (the first of equals), otherwise the first match.
 */
export function bestMatch(patterns: ExtractPattern[], text: string, preferLongest: boolean): [string, string][] | null {
  let best: { segments: number; captures: [string, string][] } | null = null;
  for (const p of patterns) {
    const captures = matchPattern(p, text);
    if (!captures) continue;
    if (!preferLongest) return captures;
    if (!best || p.segments > best.segments) best = { segments: p.segments, captures };
  }
  return best?.captures ?? null;
}

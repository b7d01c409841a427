// IAM's two wildcards, "*" (any run of characters, including none) and "?"
// (exactly one character), as used in Action, Resource, StringLike and
// ArnLike. Everything else is literal, including regular-expression
// metacharacters that appear in ARNs and S3 keys.

const compiled = new Map<string, RegExp>();

export function wildcardMatches(pattern: string, value: string, ignoreCase: boolean): boolean {
  const cacheKey = (ignoreCase ? "i:" : "s:") + pattern;
  let regex = compiled.get(cacheKey);
  if (!regex) {
    regex = new RegExp(`^${pattern.split("").map(wildcardCharToRegex).join("")}$`, ignoreCase ? "is" : "s");
    compiled.set(cacheKey, regex);
  }
  return regex.test(value);
}

function wildcardCharToRegex(ch: string): string {
  if (ch === "*") return ".*";
  if (ch === "?") return ".";
  return ch.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}

/**
 * ARN matching as ArnLike and the Resource element do it: the six
 * colon-separated parts (arn:partition:service:region:account:resource) are
 * compared one by one, so a wildcard never swallows a colon between parts;
 * the last part keeps any further colons. A pattern that is not a six-part
 * ARN ("*", "arn:aws:*") falls back to matching the whole string.
 */
export function arnMatches(pattern: string, arn: string): boolean {
  const patternParts = arnParts(pattern);
  const arnPartsOfValue = arnParts(arn);
  if (!patternParts || !arnPartsOfValue) return wildcardMatches(pattern, arn, false);
  return patternParts.every((part, i) => wildcardMatches(part, arnPartsOfValue[i], false));
}

function arnParts(arn: string): string[] | undefined {
  const parts = arn.split(":");
  if (parts.length < 6) return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(":")];
}

// E4X (ECMAScript for XML, ECMA-357): syntax and built-ins Rhino accepts at
// language version 0 (Debian's Rhino 1.7.14 runs `x.@id` and XML literals),
// but that Apigee X does not document. Apigee Edge's JavaScript object model
// said "Apigee also uses E4X, which is an extension of JavaScript that adds
// support for XML"; Apigee X's JavaScript object model and JavaScript policy
// pages say nothing of it, and ECMA withdrew ECMA-357 (SpiderMonkey removed
// E4X in Firefox 21). So a script that uses it is reported as what it is, not
// as unparseable, and refused by lint, the callout build and the runner alike.

const ADVICE =
  "E4X (ECMAScript for XML) runs in Rhino, but Apigee X documents no E4X support (only Apigee Edge's JavaScript object model mentioned it) and ECMA withdrew the standard; read XML with ExtractVariables (XPath) or the xpath() message-template function, or parse strings";

/** E4X's global constructors. */
export const E4X_GLOBALS = ["XML", "XMLList", "Namespace", "QName", "isXMLName"];

export function e4xGlobalProblem(name: string): string {
  return `\`${name}\` is an E4X built-in: ${ADVICE}`;
}

/**
 * What E4X construct starts at `pos`, where an ES5 parser stopped, or null
 * when the text there is not E4X. Rhino's E4X grammar: attribute access
 * (.@a), qualified names (ns::a), the descendant accessor (x..a), filtering
 * predicates (.(expr)), XML literals, `for each`, `default xml namespace`.
 */
export function e4xConstructAt(code: string, pos: number): string | null {
  const rest = code.slice(pos);
  const before = code.slice(Math.max(0, pos - 16), pos);
  if (rest.startsWith("::")) return "an E4X qualified name (`ns::name`)";
  if (rest.startsWith("@")) return "E4X attribute access (`.@name`)";
  if (rest.startsWith("(@") || (rest.startsWith("(") && /\.\s*$/.test(before))) return "an E4X filtering predicate (`.(...)`)";
  if (rest.startsWith(".") && before.endsWith(".")) return "the E4X descendant accessor (`..name`)";
  if (/^each\s*\(/.test(rest) && /\bfor\s*$/.test(before)) return "E4X's `for each (... in ...)`";
  if (/^default\s+xml\s+namespace\b/.test(rest)) return "E4X's `default xml namespace`";
  if (/^<[A-Za-z_{!?]/.test(rest) && /(^|[=(,:;?&|!{}[]|return|\s)\s*$/.test(before)) return "an E4X XML literal (`<tag>...</tag>`)";
  return null;
}

export function e4xSyntaxProblem(construct: string): string {
  return `${construct}: ${ADVICE}`;
}

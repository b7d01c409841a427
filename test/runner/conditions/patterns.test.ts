// Matches (glob), MatchesPath (path expressions) and JavaRegex (java.util.regex
// translated to RegExp), with the reference's and its walkthrough's examples.

import { parseCondition } from "../../../src/runner/conditions";
import { javaMatchesRegExp, JavaRegexError } from "../../../src/runner/java-regex/pattern";
import { compileGlob, compilePathPattern } from "../../../src/runner/conditions/wildcard-patterns";

const matchesPath = (path: string, pattern: string) => compilePathPattern(pattern).test(path);

describe("MatchesPath", () => {
  test.each([
    ["/cat/dog", "/cat/*", true],
    ["/cat/dog/food", "/cat/*", false],
    ["/cat", "/cat/*", false],
    ["/cat/dog", "/cat/**", true],
    ["/cat/dog/food", "/cat/**", true],
    ["/cat", "/cat/**", false],
    ["/cat/", "/cat", false],
    ["/cat", "/cat/", false],
    // The reference's path-expression table.
    ["/x/a/", "/*/a/", true],
    ["/y/a/foo", "/*/a/*", true],
    ["/x/a/b/c/d", "/*/a/**", true],
    ["/y/a/foo/feed/", "/*/a/*/feed/", true],
    ["/a/b/feed/rss/1234", "/a/**/feed/**", true],
    // From the walkthrough: * in the middle stays within one element.
    ["/animals/cats/wild/african/spotted", "/animals/*/wild/**", true],
    ["/animals/cats", "/animals/*/wild/**", false],
    // {name} is one element, for the reader only.
    ["/v1/pets/123", "/{version}/pets/{petId}", true],
    ["/v1/pets/123/x", "/{version}/pets/{petId}", false],
    // % escapes: "%{user%}" matches "{user}" but not "user".
    ["{user}", "%{user%}", true],
    ["user", "%{user%}", false],
    ["/a.b", "/a.b", true],
    ["/axb", "/a.b", false]
  ])("%s against %s is %s", (path, pattern, expected) => {
    expect(matchesPath(path, pattern)).toBe(expected);
  });
});

describe("Matches", () => {
  test.each([
    ["/cat", "/cat", true],
    ["/cat/paws", "/cat", false],
    ["/cat", "/*at", true],
    ["/bat", "/*at", true],
    ["/cat/paws", "/cat*", true],
    ["/Cat", "/cat", false],
    ["/c*at", "/c%*at", true],
    ["/chat", "/c%*at", false],
    ["/cat", "/c?t", true],
    ["/cart", "/c?t", false]
  ])("%s against %s is %s", (value, pattern, expected) => {
    expect(compileGlob(pattern).test(value)).toBe(expected);
  });
});

describe("JavaRegex", () => {
  const javaMatches = (value: string, regex: string) => javaMatchesRegExp(regex).test(value);

  test("matches the whole value, as Pattern.matches", () => {
    expect(javaMatches("/cat", "/cat")).toBe(true);
    expect(javaMatches("/cat/", "/cat")).toBe(false);
    expect(javaMatches("x/cat", "/cat")).toBe(false);
    expect(javaMatches("/cat", "/c*t")).toBe(false);
    expect(javaMatches("/cat", "/ca?t")).toBe(true);
    expect(javaMatches("/rat", "/[cbr]at")).toBe(true);
    expect(javaMatches("ab", "a|ab")).toBe(true);
  });

  test("translates Java-only syntax", () => {
    expect(javaMatches("/CAT", "(?i)/cat")).toBe(true);
    expect(javaMatches("a.b*c", "\\Qa.b*\\Ec")).toBe(true);
    expect(javaMatches("axbc", "\\Qa.b*\\Ec")).toBe(false);
    expect(javaMatches("Ab9", "\\p{Upper}\\p{Lower}[\\p{Digit}]")).toBe(true);
    expect(javaMatches("A", "\\0101")).toBe(true);
    expect(javaMatches("a\u00a0b", "a\\sb")).toBe(false);
    expect(javaMatches("a\tb", "a\\hb")).toBe(true);
    expect(javaMatches("/pets/42", "\\A/pets/\\d{1,3}\\z")).toBe(true);
  });

  test.each([
    ["a*+", "possessive"],
    ["(?>a)", "atomic group"],
    ["a(?i)b", "only supported at the start"],
    ["(?x)a b", 'inline flag "x"'],
    ["[a-c[x-z]]", "nested character class"],
    ["[a-z&&b]", "intersection"],
    ["\\p{L}", "property class"],
    ["\\G", 'escape "\\G"'],
    ["[abc", "not closed"],
    ["/pets/{id}", "does not start a repetition"],
    ["a\\", "lone backslash"]
  ])("refuses %s", (regex, reason) => {
    expect(() => javaMatchesRegExp(regex)).toThrow(JavaRegexError);
    expect(() => javaMatchesRegExp(regex)).toThrow(reason);
  });

  test("a pattern held in a variable is compiled when evaluated", () => {
    const c = parseCondition("proxy.pathsuffix JavaRegex path.regex");
    const lookup = (regex: string) => (name: string) => (name === "path.regex" ? regex : "/pets/7");
    expect(c.evaluate(lookup("/pets/\\d+"))).toBe(true);
    expect(c.evaluate(lookup("/pets"))).toBe(false);
    expect(() => c.evaluate(lookup("/pets/\\d++"))).toThrow(/JavaRegex pattern "\/pets\/\\d\+\+" \(from variable path.regex\)/);
  });
});

// The one Java-regex translation (JavaRegex conditions and the replaceAll /
// replaceFirst template functions), against answers java.util.regex gives:
// each expected answer below is also asked of Java itself.

import { javaFindRegExp, javaMatchesRegExp, JavaRegexError } from "../../../src/runner/java-regex/pattern";
import { askJava, type JavaAnswer, type RegexCase } from "../../support/java-regex-oracle";

type Row = [RegexCase["mode"], string, string, JavaAnswer];

const rows: Row[] = [
  // Java's \s, \h, \v and POSIX classes, octal, \x{...}, \e, \a and \R: the
  // template functions passed these to JavaScript, where they mean other things.
  ["find", "a\\sb", "a\u00a0b", false],
  ["find", "a[\\s]b", "a\u00a0b", false],
  ["find", "a\\sb", "a\u000bb", true],
  ["find", "\\h", "\t", true],
  ["find", "\\h", "h", false],
  ["find", "\\v", "\n", true],
  ["find", "\\p{Upper}\\p{Lower}", "Ab", true],
  ["find", "\\0101", "A", true],
  ["find", "\\x{41}", "A", true],
  ["find", "\\e", "\u001b", true],
  ["find", "\\a", "\u0007", true],
  ["matches", "a\\Rb", "a\r\nb", true],
  ["find", "(?i)(?m)^B", "a\nb", true],
  // \Z stands before a final line terminator, which \x0B and \f are not
  // (the condition translation took them for one).
  ["find", "a\\Z", "a\n", true],
  ["find", "a\\Z", "a\r\n", true],
  ["find", "a\\Z", "a\u0085", true],
  ["find", "a\\Z", "a\u000b", false],
  ["find", "a\\Z", "a\f", false],
  // (?m) lets ^ and $ match at line breaks, never \A, \z or the whole-value match.
  ["find", "(?m)\\Aa", "b\na", false],
  ["find", "(?m)a\\z", "a\nb", false],
  ["find", "(?m)^a$", "b\na", true],
  ["matches", "(?m)a", "b\na", false],
  ["matches", "(?m)a", "a\nb", false],
  ["matches", "(?m)a\\nb", "a\nb", true],
  // Patterns Java refuses are refused.
  ["find", "/pets/{id}", "/pets/{id}", "error"],
  ["find", "a{,2}", "a{,2}", "error"],
  ["find", "\\y", "y", "error"],
  ["find", "[a-\\s]", "-", "error"]
];

function ours(mode: RegexCase["mode"], pattern: string, input: string): JavaAnswer {
  try {
    return mode === "matches" ? javaMatchesRegExp(pattern).test(input) : javaFindRegExp(pattern, false).test(input);
  } catch (e) {
    if (e instanceof JavaRegexError) return "error";
    throw e;
  }
}

describe("Java regex translation", () => {
  test.each(rows)("%s %j in %j is %j", (mode, pattern, input, expected) => {
    expect(ours(mode, pattern, input)).toBe(expected);
  });

  test("java.util.regex gives the same answers", () => {
    const answers = askJava(rows.map(([mode, pattern, input]) => ({ mode, pattern, input })));
    expect(answers).toEqual(rows.map((row) => row[3]));
  });

  test("a global find RegExp replaces every match", () => {
    expect("a1b22".replace(javaFindRegExp("\\d+", true), "#")).toBe("a#b#");
  });
});

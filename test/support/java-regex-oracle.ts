// java.util.regex itself as the oracle for the Java-regex translation: the
// cases run in the JVM of the Rhino the tests already need, through
// Pattern.matches semantics (matches()) or Matcher.find().

import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { locateRhino } from "../../src/rhino/locate";

export interface RegexCase {
  mode: "matches" | "find";
  pattern: string;
  input: string;
}

/** What Java answers per case: true or false, or "error" when Pattern.compile refuses the pattern. */
export type JavaAnswer = boolean | "error";

const SCRIPT = `
var cases = JSON.parse(readFile(arguments[0]));
var answers = cases.map(function (c) {
  try {
    var matcher = java.util.regex.Pattern.compile(c.pattern).matcher(c.input);
    return Boolean(c.mode === "matches" ? matcher.matches() : matcher.find());
  } catch (e) {
    if (e.javaException instanceof java.util.regex.PatternSyntaxException) return "error";
    throw e;
  }
});
print(JSON.stringify(answers));
`;

export function askJava(cases: RegexCase[]): JavaAnswer[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "java-regex-"));
  try {
    fs.writeFileSync(path.join(dir, "oracle.js"), SCRIPT);
    fs.writeFileSync(path.join(dir, "cases.json"), JSON.stringify(cases));
    const output = execFileSync(locateRhino(), [path.join(dir, "oracle.js"), path.join(dir, "cases.json")], { encoding: "utf8" });
    return JSON.parse(output) as JavaAnswer[];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

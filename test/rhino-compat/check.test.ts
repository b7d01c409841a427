// The one Rhino check that the callout build and AA004 share: what each
// option changes, and the cases where the two used to disagree.

import { rhinoProblems } from "../../src/rhino-compat/check";
import { MAX_FUNCTION_SOURCE_CHARS } from "../../src/rhino-compat/rhino-limits";
import { Runner } from "../../src/runner/runner";
import { writeProxy } from "../support/bundle-fixtures";

const AA004 = { hints: { Map: "a hint for anyone" }, allowFeatureDetection: true, reportEveryConstruct: true };
const brief = (code: string, options = {}) => rhinoProblems(code, options).map((p) => `${p.line}:${p.column} ${p.message.split(":")[0]}`);

describe("rhinoProblems", () => {
  it("reports the first syntax error of a script that is not ES5, or every construct when asked", () => {
    const code = "let a = 1;\nconst b = () => 2;";
    expect(rhinoProblems(code)).toEqual([{ line: 1, column: 5, message: expect.stringMatching(/^the syntax at `a = 1;` is not ES5, so Rhino at language version 0 cannot parse it/) }]);
    expect(brief(code, AA004)).toEqual(["1:1 `let` is not ES5, so Apigee's Rhino (ES5, language version 0) cannot parse this script", "2:1 `const` is not ES5, so Apigee's Rhino (ES5, language version 0) cannot parse this script", "2:11 an arrow function is not ES5, so Apigee's Rhino (ES5, language version 0) cannot parse this script"]);
  });

  it("uses the caller's hints and leaves feature detection to the caller", () => {
    const code = 'var ok = typeof Map === "function" ? new Map() : {};\nvar m = new Map();';
    expect(rhinoProblems(code).map((p) => [p.line, p.column, p.message])).toEqual([
      [1, 17, "`Map` does not exist in Apigee's Rhino: use a plain object keyed by string"],
      [1, 42, "`Map` does not exist in Apigee's Rhino: use a plain object keyed by string"],
      [2, 13, "`Map` does not exist in Apigee's Rhino: use a plain object keyed by string"]
    ]);
    expect(rhinoProblems(code, AA004).map((p) => [p.line, p.column, p.message])).toEqual([[2, 13, "`Map` does not exist in Apigee's Rhino: a hint for anyone"]]);
  });

  it("reports a lookbehind in a RegExp string in ES5 and modern scripts alike (Rhino throws on it)", () => {
    expect(brief('var r = new RegExp("(?<=a)b");')).toEqual(["1:9 lookbehind assertions are not supported by Rhino; restructure the expression"]);
    expect(brief('let r = new RegExp("(?<=a)b");', AA004)).toContain("1:9 lookbehind assertions are not supported by Rhino; restructure the expression");
  });

  it("reports reading a missing global, not assigning it (a polyfill defines it), in ES5 and modern scripts alike", () => {
    expect(brief("setTimeout = function (f) { f(); };\nsetTimeout(g);")).toEqual(["2:1 `setTimeout` does not exist in Apigee's Rhino"]);
    expect(brief("let x = 1;\nsetTimeout = function (f) { f(); };\nsetTimeout(g);", AA004)).toEqual(["1:1 `let` is not ES5, so Apigee's Rhino (ES5, language version 0) cannot parse this script", "3:1 `setTimeout` does not exist in Apigee's Rhino"]);
  });

  it("reports a shorthand property's missing global once", () => {
    expect(brief("let o = {Map};", AA004).filter((p) => p.includes("`Map`"))).toEqual(["1:10 `Map` does not exist in Apigee's Rhino"]);
  });

  it("does not take Object.prototype's names for missing built-ins", () => {
    expect(rhinoProblems("var a = toString; var b = constructor.name; var c = hasOwnProperty;")).toEqual([]);
    expect(brief("let a = constructor.name;", AA004)).toEqual(["1:1 `let` is not ES5, so Apigee's Rhino (ES5, language version 0) cannot parse this script"]);
  });

  it("names an oversized function as the caller's source names it", () => {
    const body = Array.from({ length: 1500 }, (_, i) => `  x = (x + ${i} * 7) | 0;`).join("\n");
    const code = `function b(x) {\n${body}\n  return x;\n}`;
    const found = rhinoProblems(code, { sourceName: (line, column) => (line === 1 && column === 10 ? "bigFunction" : null) });
    expect(found.map((p) => p.message)).toEqual([expect.stringMatching(new RegExp(`^function bigFunction is \\d+ characters .*limit ${MAX_FUNCTION_SOURCE_CHARS}`))]);
    expect(rhinoProblems(code)[0].message).toMatch(/^function b is/);
  });
});

describe("E4X: Rhino runs it, Apigee X documents none of it", () => {
  test.each([
    ["var a = x::y;", "an E4X qualified name (`ns::name`)"],
    ["var d = x.@id;", "E4X attribute access (`.@name`)"],
    ['var e = x.(@type == "a");', "an E4X filtering predicate (`.(...)`)"],
    ["var c = x..item;", "the E4X descendant accessor (`..name`)"],
    ["for each (var i in list) {}", "E4X's `for each (... in ...)`"],
    ['default xml namespace = "urn:x";', "E4X's `default xml namespace`"],
    ["var b = <a><b/></a>;", "an E4X XML literal (`<tag>...</tag>`)"]
  ])("%s is reported as E4X, not as unparseable, by the callout build and by AA004", (code, construct) => {
    for (const options of [{}, AA004]) {
      const [problem] = rhinoProblems(code, options);
      expect(problem.message).toBe(`${construct}: E4X (ECMAScript for XML) runs in Rhino, but Apigee X documents no E4X support (only Apigee Edge's JavaScript object model mentioned it) and ECMA withdrew the standard; read XML with ExtractVariables (XPath) or the xpath() message-template function, or parse strings`);
      expect(problem.message).not.toMatch(/cannot parse/);
    }
  });

  test("E4X's constructors are reported where they are read; a script's own XML variable is not", () => {
    expect(brief('var x = new XML("<a/>"); var l = XMLList;')).toEqual(["1:13 `XML` is an E4X built-in", "1:34 `XMLList` is an E4X built-in"]);
    expect(rhinoProblems("var XML = {}; XML.parse = 1;")).toEqual([]);
  });

  test("a plain < comparison and a member chain are not E4X", () => {
    expect(rhinoProblems("var a = b < c; var d = e.f.g;")).toEqual([]);
  });

  test("the runner refuses a bundle whose script uses E4X, at load, naming the file and line, as AA004 reports it", async () => {
    const bundle = writeProxy("xmlish", {
      basePath: "/x",
      policies: { JS: '<Javascript name="JS"><ResourceURL>jsc://e4x.js</ResourceURL></Javascript>' },
      scripts: { "e4x.js": 'var doc = new XML(context.getVariable("request.content"));\nvar id = doc.@id;\n' },
      request: ["JS"]
    });
    await expect(Runner.start({ bundles: [bundle], environment: { name: "test" } })).rejects.toThrow(/resources\/jsc\/e4x\.js:2: E4X attribute access \(`\.@name`\): E4X \(ECMAScript for XML\) runs in Rhino, but Apigee X documents no E4X support/);
  });
});

// The condition language against the Apigee conditions reference: every
// operator in symbol and word form, precedence, null operands, coercion,
// variables() and the syntax errors a bundle author sees.

import { ConditionSyntaxError, parseCondition } from "../../../src/runner/conditions";
import type { FlowValue } from "../../../src/runner/conditions";

type Vars = Record<string, FlowValue | string[]>;

const VARS: Vars = {
  "request.verb": "GET",
  "proxy.pathsuffix": "/cat/dog",
  "response.status.code": 404,
  "request.header.x-count": "10",
  "request.header.accept": ["application/json", "text/xml"],
  "lookupcache.LC-AwsCredentials.cachehit": false,
  "flow.cachehit": "true",
  "flag.on": true,
  "fault.name": "InvalidApiKey",
  "request.header.help!me": "yes",
  "expected.verb": "GET"
};

function holds(text: string, vars: Vars = VARS): boolean {
  return parseCondition(text).evaluate((name) => (Object.prototype.hasOwnProperty.call(vars, name) ? vars[name] : null));
}

function syntaxError(text: string): ConditionSyntaxError {
  try {
    parseCondition(text);
  } catch (e) {
    if (e instanceof ConditionSyntaxError) return e;
    throw e;
  }
  throw new Error(`expected a ConditionSyntaxError for: ${text}`);
}

describe("operators, symbol and word forms", () => {
  test.each([
    ['request.verb = "GET"', true],
    ['request.verb == "GET"', true],
    ['request.verb Equals "GET"', true],
    ['request.verb Is "GET"', true],
    ['request.verb = "get"', false],
    ['request.verb != "POST"', true],
    ['request.verb NotEquals "POST"', true],
    ['request.verb IsNot "GET"', false],
    ['request.verb := "get"', true],
    ['request.verb EqualsCaseInsensitive "gEt"', true],
    ['request.verb := "post"', false],
    ["response.status.code > 400", true],
    ["response.status.code GreaterThan 404", false],
    ["response.status.code >= 404", true],
    ["response.status.code GreaterThanOrEquals 405", false],
    ["response.status.code < 500", true],
    ["response.status.code LesserThan 404", false],
    ["response.status.code <= 404", true],
    ["response.status.code LesserThanOrEquals 403", false],
    ['proxy.pathsuffix =| "/cat"', true],
    ['proxy.pathsuffix StartsWith "/dog"', false],
    ['fault.name ~ "Invalid*"', true],
    ['fault.name Matches "*Key"', true],
    ['fault.name Like "Invalid?piKey"', true],
    ['fault.name Matches "Invalid"', false],
    ['proxy.pathsuffix ~/ "/cat/*"', true],
    ['proxy.pathsuffix MatchesPath "/cat/**"', true],
    ['proxy.pathsuffix LikePath "/dog/*"', false],
    ['fault.name ~~ "Invalid\\w+"', true],
    ['fault.name JavaRegex "Invalid"', false],
    ['request.verb = "GET" and fault.name = "InvalidApiKey"', true],
    ['request.verb = "GET" && fault.name = "x"', false],
    ['request.verb = "POST" or fault.name = "InvalidApiKey"', true],
    ['request.verb = "POST" || fault.name = "x"', false],
    ['not (request.verb = "POST")', true],
    ['!(request.verb = "GET")', false]
  ])("%s is %s", (text, expected) => {
    expect(holds(text)).toBe(expected);
  });

  test("word operators and literals are case-insensitive", () => {
    expect(holds('request.verb EQUALS "GET" AND NOT (request.verb isnot "GET") Or flag.on = FALSE')).toBe(true);
    expect(holds('proxy.pathsuffix matchespath "/cat/*" aNd fault.name JAVAREGEX "I.*"')).toBe(true);
  });

  test("operators need no surrounding spaces", () => {
    expect(holds('request.verb="GET"&&response.status.code>=404')).toBe(true);
    expect(holds('(request.verb!="GET")||(proxy.pathsuffix~/"/cat/*")')).toBe(true);
  });

  test("x not Matches (or x !~) negates a pattern operator in place", () => {
    expect(holds('fault.name not Matches "*Token*"')).toBe(true);
    expect(holds('proxy.pathsuffix NOT StartsWith "/cat"')).toBe(false);
    expect(holds('fault.name !~ "Invalid*"')).toBe(false);
    expect(holds('proxy.pathsuffix !~/ "/dog/**"')).toBe(true);
  });
});

describe("operands", () => {
  test("variable names may hold dots, dashes and digits", () => {
    expect(holds("lookupcache.LC-AwsCredentials.cachehit = false")).toBe(true);
    expect(holds('request.header.x-count = "10"')).toBe(true);
  });

  test("an unquoted right operand is a variable, not text", () => {
    expect(holds("request.verb = expected.verb")).toBe(true);
    expect(holds("request.verb = GET")).toBe(false);
  });

  test("single quotes name a variable holding an operator character", () => {
    expect(holds(`'request.header.help!me' = "yes"`)).toBe(true);
  });

  test('a string may hold an escaped quote', () => {
    expect(holds('x = "say \\"hi\\""', { x: 'say "hi"' })).toBe(true);
  });

  test("a lone operand holds when it is true or reads true", () => {
    expect(holds("(flag.on)")).toBe(true);
    expect(holds("flow.cachehit and flag.on")).toBe(true);
    expect(holds("lookupcache.LC-AwsCredentials.cachehit")).toBe(false);
    expect(holds("request.verb")).toBe(false);
    expect(holds("not unset.flag")).toBe(true);
    expect(holds("true")).toBe(true);
  });
});

describe("precedence and parentheses", () => {
  test("and binds tighter than or (Java precedence)", () => {
    // false and false or true -> (false and false) or true
    expect(holds('request.verb = "POST" and request.verb = "PUT" or request.verb = "GET"')).toBe(true);
    // true or true and false -> true or (true and false)
    expect(holds('request.verb = "GET" or request.verb = "GET" and request.verb = "POST"')).toBe(true);
  });

  test("parentheses override it", () => {
    expect(holds('(request.verb = "GET" or request.verb = "GET") and request.verb = "POST"')).toBe(false);
    expect(holds('request.verb = "POST" and (request.verb = "PUT" or request.verb = "GET")')).toBe(false);
  });

  test("not applies to the operand or group right after it", () => {
    expect(holds('not flag.on or request.verb = "GET"')).toBe(true);
    expect(holds('not (flag.on or request.verb = "GET")')).toBe(false);
    expect(holds("not not flag.on")).toBe(true);
    expect(holds('(not flag.on) = false')).toBe(true);
  });
});

describe("null operands (reference table)", () => {
  const unset = "request.header.absent";
  test.each([
    [`${unset} = "x"`, false],
    [`${unset} != "x"`, true],
    [`${unset} = null`, true],
    [`${unset} != null`, false],
    [`request.verb = null`, false],
    [`request.verb != null`, true],
    [`request.verb IsNot null`, true],
    [`${unset} = ${unset}`, true],
    [`${unset} := "x"`, false],
    [`${unset} =| "x"`, false],
    [`${unset} =| null`, false],
    [`${unset} > 5`, true],
    [`${unset} >= 5`, false],
    [`${unset} < 5`, true],
    [`${unset} <= 5`, true],
    [`response.status.code > null`, false],
    [`response.status.code >= null`, true],
    [`response.status.code < null`, false],
    [`response.status.code <= null`, false],
    [`${unset} >= null`, true],
    [`${unset} ~ "*"`, false],
    [`${unset} ~~ ".*"`, false],
    [`${unset} ~/ "/**"`, false],
    [`${unset} not Matches "x"`, true],
    [`${unset} !~ "x"`, true],
    [`fault.name !~ null`, false],
    [`${unset} !~ null`, false],
    [`not (${unset} = "a")`, true]
  ])("%s is %s", (text, expected) => {
    expect(holds(text)).toBe(expected);
  });
});

describe("type coercion", () => {
  test("a number and its text are equal", () => {
    expect(holds('response.status.code = "404"')).toBe(true);
    expect(holds("response.status.code = 404")).toBe(true);
    expect(holds("response.status.code = 404.0")).toBe(true);
    expect(holds("response.status.code = 404L")).toBe(true);
  });

  test("numeric text against a number orders numerically", () => {
    expect(holds("request.header.x-count > 9")).toBe(true);
    expect(holds("request.header.x-count < 9.5f")).toBe(false);
  });

  test("text against text orders as text, case-sensitively", () => {
    expect(holds('request.header.x-count > "9"')).toBe(false);
    expect(holds('request.verb < "Get"')).toBe(true);
  });

  test("booleans compare with true/false text", () => {
    expect(holds('lookupcache.LC-AwsCredentials.cachehit = "false"')).toBe(true);
    expect(holds("flow.cachehit = true")).toBe(true);
    expect(holds("flow.cachehit = false")).toBe(false);
  });

  test("a multi-valued header compares as its comma-joined text", () => {
    expect(holds('request.header.accept = "application/json,text/xml"')).toBe(true);
    expect(holds('request.header.accept StartsWith "application/json"')).toBe(true);
  });
});

describe("variables()", () => {
  test("lists each variable once, in order of appearance", () => {
    const c = parseCondition('(a.b = "1" or c-d.e = a.b) and not f and \'g!h\' ~ "x" and 5 > 3');
    expect(c.variables()).toEqual(["a.b", "c-d.e", "f", "g!h"]);
  });

  test("keeps the source text", () => {
    expect(parseCondition(' request.verb = "GET" ').source).toBe(' request.verb = "GET" ');
  });
});

describe("syntax errors name the column and what was expected", () => {
  test.each([
    ['request.verb = "GET" and ', 26, 'expected an operand after "and" at column 26, found the end of the condition'],
    ["request.verb =", 15, 'expected an operand after "=" at column 15'],
    ['(request.verb = "GET"', 22, 'expected ")" at column 22 to close the "(" at column 1'],
    ['request.verb = "GET")', 21, 'unexpected ")" at column 21'],
    ['request.verb = "GET" "POST"', 22, 'expected "and", "or" or the end of the condition at column 22, found "POST"'],
    ['request.verb Contains "G"', 14, 'expected an operator, "and", "or" or the end of the condition at column 14, found "Contains"'],
    ['request.verb = "GET', 20, 'expected a closing " at column 20 for the string that starts at column 16'],
    ["a & b", 3, 'unexpected "&" at column 3; expected "&&"'],
    ["()", 2, 'expected an operand after "(" at column 2, found ")"'],
    ["", 1, "expected an operand at column 1, found the end of the condition"],
    ["and b", 1, 'expected an operand at column 1, found "and"'],
    ["a = b = c", 7, 'expected "and", "or" or the end of the condition at column 7, found "="'],
    ['not request.verb = "GET"', 18, "ambiguous"],
    ["request.header.host is not null", 24, "to negate a comparison write != or IsNot"],
    ['x not = "a"', 3, '"not" at column 3 can only come before Matches, MatchesPath, JavaRegex or StartsWith'],
    ['x ~~ "a++"', 8, "possessive quantifier"],
    ['x JavaRegex "/pets/{id}"', 20, '"{" at offset 6 does not start a repetition']
  ])("%s", (text, column, message) => {
    const e = syntaxError(text);
    expect(e.message).toContain(message);
    expect(e.column).toBe(column);
  });
});

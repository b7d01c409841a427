// Message template syntax: substitution, literal braces (JSON payloads),
// defaults, custom delimiters, unresolved variables, syntax errors with
// positions, and variables().

import type { FlowValue } from "../../../src/flow/flow-variables";
import { parseTemplate, TemplateSyntaxError, UnresolvedVariableError } from "../../../src/runner/templates";

type Vars = { [name: string]: FlowValue | string[] };

function render(text: string, vars: Vars = {}, ignoreUnresolved = true, delimiters?: { prefix?: string; suffix?: string }): string {
  return parseTemplate(text, delimiters).render({ lookup: (n) => (n in vars ? vars[n] : null), ignoreUnresolved, now: () => 0 });
}

function syntaxError(text: string, delimiters?: { prefix?: string; suffix?: string }): TemplateSyntaxError {
  try {
    parseTemplate(text, delimiters);
  } catch (e) {
    if (e instanceof TemplateSyntaxError) return e;
    throw e;
  }
  throw new Error(`expected a TemplateSyntaxError for ${text}`);
}

describe("variable substitution", () => {
  test("replaces {name} and keeps the text around it", () => {
    expect(render("You entered an invalid username: {user.name}", { "user.name": "jdoe" })).toBe("You entered an invalid username: jdoe");
    expect(render("{a}{b}-{a}", { a: "1", b: "2" })).toBe("12-1");
    expect(render("no references at all")).toBe("no references at all");
    expect(render("")).toBe("");
  });

  test("names may hold dots, dashes and underscores", () => {
    expect(render("{ratelimit.Quota-1.allowed.count}/{request.header.x-api_key}", { "ratelimit.Quota-1.allowed.count": 100, "request.header.x-api_key": "k" })).toBe("100/k");
  });

  test("numbers and booleans render as text, multi-value headers comma-joined", () => {
    expect(render("{code} {flag} {h}", { code: 429, flag: false, h: ["a", "b", "c"] })).toBe("429 false a,b,c");
  });

  test("an empty string is a value, not unresolved", () => {
    expect(render("[{v:dflt}]", { v: "" }, false)).toBe("[]");
  });

  test("{name:default} substitutes the default only when the variable is unset", () => {
    expect(render("id = {request.header.id:Unknown}")).toBe("id = Unknown");
    expect(render("id = {request.header.id:Unknown}", { "request.header.id": "42" })).toBe("id = 42");
    expect(render("{protocol:https}://{site:google.com}/path")).toBe("https://google.com/path");
    expect(render("{protocol:https}://{site:google.com}/path", { site: "example.org" }, false)).toBe("https://example.org/path");
    expect(render("[{v:}]", {}, false)).toBe("[]");
  });
});

describe("literal braces", () => {
  test("JSON payloads survive, with references inside substituted", () => {
    const payload = '{"name":"Alert", "message":"You entered an invalid username: {user.name}"}';
    expect(render(payload, { "user.name": "jdoe" })).toBe('{"name":"Alert", "message":"You entered an invalid username: jdoe"}');
    const nested = '{\n  "error" : {\n    "clientId" : "{request.queryparam.apikey}",\n    "n": {count}\n  }\n}';
    expect(JSON.parse(render(nested, { "request.queryparam.apikey": "abc", count: 3 }))).toEqual({ error: { clientId: "abc", n: 3 } });
  });

  test("a brace not followed by a reference is text", () => {
    expect(render("{}")).toBe("{}");
    expect(render("{{x}}", { x: "v" })).toBe("{v}");
    expect(render("{x", { x: "v" })).toBe("{x");
    expect(render("a } b")).toBe("a } b");
    expect(render("{1}")).toBe("{1}");
    expect(render("function f() { return 1; }")).toBe("function f() { return 1; }");
    expect(render("{a b}")).toBe("{a b}");
  });
});

describe("custom delimiters (variablePrefix/variableSuffix)", () => {
  const at = { prefix: "@", suffix: "#" };

  test("references use the given delimiters and braces become plain text", () => {
    expect(render('{"name":"foo", "type":"@variable_name#"}', { variable_name: "bar" }, true, at)).toBe('{"name":"foo", "type":"bar"}');
    expect(render("{variable_name} @variable_name#", { variable_name: "bar" }, true, at)).toBe("{variable_name} bar");
  });

  test("a prefix without a reference stays text", () => {
    expect(render("mail me@example.com", { "example.com": "x" }, false, at)).toBe("mail me@example.com");
  });

  test("functions and defaults work with other delimiters, multi-character ones too", () => {
    expect(render("@toUpperCase(v)# @missing:none#", { v: "abc" }, false, at)).toBe("ABC none");
    expect(render("<<v>> and {v}", { v: "x" }, false, { prefix: "<<", suffix: ">>" })).toBe("x and {v}");
  });
});

describe("unresolved variables", () => {
  test("render as empty text when ignored", () => {
    expect(render("a[{missing}]b", {}, true)).toBe("a[]b");
    expect(render("[{toLowerCase(missing)}]", {}, true)).toBe("[]");
  });

  test("throw UnresolvedVariableError naming the variable when not ignored", () => {
    expect(() => render("a[{missing}]b", {}, false)).toThrow(UnresolvedVariableError);
    try {
      render("{present} {missing.var}", { present: "x" }, false);
      throw new Error("no error");
    } catch (e) {
      expect(e).toBeInstanceOf(UnresolvedVariableError);
      expect((e as UnresolvedVariableError).variable).toBe("missing.var");
      expect((e as Error).message).toBe("Unresolved variable : missing.var");
    }
  });

  test("an unset function argument makes the call unresolved", () => {
    try {
      render("{hmacSha256(private.key,msg)}", { msg: "m" }, false);
      throw new Error("no error");
    } catch (e) {
      expect((e as UnresolvedVariableError).variable).toBe("private.key");
    }
  });

  test("defaults inside function arguments", () => {
    expect(render("Test header: {toLowerCase(foo.bar:FOO)}", {}, false)).toBe("Test header: foo");
    expect(render("Test header: {toLowerCase(foo.bar:FOO)}", { "foo.bar": "MiXeD" }, false)).toBe("Test header: mixed");
  });

  test("null from the lookup is unresolved", () => {
    expect(() => render("{v}", { v: null }, false)).toThrow(UnresolvedVariableError);
  });
});

describe("syntax errors", () => {
  test.each([
    ["Hello {toLowerCase( x)}", 20, /spaces are not allowed/],
    ["{ toLowerCase(x) }", 2, /spaces are not allowed/],
    ["{substring(alpha, 0,4)}", 18, /spaces are not allowed/],
    ["{unknownFn(x)}", 2, /unknown function "unknownFn".*known functions: .*hmacSha256/],
    ["{ToLowerCase(x)}", 2, /case-sensitive: did you mean toLowerCase/],
    ["{substring(toLowerCase(x),0,2)}", 12, /nested function calls are not supported/],
    ["{substring({timeFormat('yyyy',t)},0,4)}", 12, /nested references are not supported/],
    ['{toLowerCase("x")}', 14, /single quotes/],
    ["{hmacSha256(k,v,'utf16')}", 17, /key encoding "utf16"/],
    ["{hmacSha256(k,v,'hex','base32')}", 23, /output encoding "base32"/],
    ["{toLowerCase('x'}", 17, /unexpected "}"/],
    ["{toLowerCase('x)}", 14, /unterminated string literal/],
    ["{toLowerCase(x)", 16, /expected "}"/],
    ["{toLowerCase(x) }", 16, /expected "}"/],
    ["{toLowerCase(a,b)}", 2, /toLowerCase\(\) takes 1 argument, got 2/],
    ["{hmacSha256(k)}", 2, /takes 2 to 4 arguments, got 1: hmacSha256\(key,valueToSign\[,keyencoding\[,outputencoding\]\]\)/],
    ["{toLowerCase(a,)}", 16, /empty argument/],
    ["{substring(s,'x')}", 14, /start_index must be a whole number/],
    ["{timeFormatUTC('yyyy-qq',t)}", 16, /illegal pattern character 'q'/],
    ["{replaceAll(s,'a++','b')}", 15, /possessive quantifier/],
    ["{xeger('[1-9]{7}')}", 2, /xeger\(\) .* not implemented/]
  ])("%s fails at column %d", (text, column, message) => {
    const e = syntaxError(text);
    expect(e.column).toBe(column);
    expect(e.message).toMatch(message);
    expect(e.message).toContain(`column ${column}`);
  });

  test("positions in multi-line templates give line and column", () => {
    const e = syntaxError('{\n  "a": "{fooBar()}"\n}');
    expect([e.line, e.column]).toEqual([2, 10]);
    expect(e.message).toContain("line 2, column 10");
  });

  test("errors with custom delimiters", () => {
    expect(syntaxError("@toLowerCase(x) #", { prefix: "@", suffix: "#" }).message).toMatch(/expected "#"/);
  });
});

describe("variables() and source", () => {
  test("lists every variable read, function arguments included, once each in order", () => {
    const t = parseTemplate("{a} {b:x} {hmacSha256(k,'literal',enc,'hex')} {firstnonnull(c,a,'fb')} {a}");
    expect(t.variables()).toEqual(["a", "b", "k", "enc", "c"]);
    expect(t.source).toBe("{a} {b:x} {hmacSha256(k,'literal',enc,'hex')} {firstnonnull(c,a,'fb')} {a}");
  });

  test("literal braces and number or boolean arguments are not variables", () => {
    expect(parseTemplate('{"a":1} {substring(s,0,-2)} {jsonPath(q,j,true)}').variables()).toEqual(["s", "q", "j"]);
  });
});

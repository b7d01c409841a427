// Parses message template text into literal text, variable references and
// function calls.
//
// A prefix ("{" by default) starts a reference only when a variable name or a
// function call follows it; anything else, such as the `{"a":1}` of a JSON
// payload, stays literal text, which is why JSON payloads need no escaping.
// Once `name(` has been read, though, the text is a function call and any
// mistake in it is an error: Apigee forbids spaces in function expressions,
// nested calls, and (in its guidance) double-quoted literals.

import { TemplateSyntaxError } from "./errors";
import type { TemplateFunction } from "./function-types";
import { knownFunctionNames, templateFunction, UNIMPLEMENTED_FUNCTIONS } from "./functions";

export type Argument =
  | { kind: "literal"; value: string }
  | { kind: "variable"; name: string; fallback: string | null };

export type Part =
  | { kind: "text"; text: string }
  | { kind: "variable"; name: string; fallback: string | null }
  | { kind: "call"; fn: TemplateFunction; args: Argument[] };

const VARIABLE_NAME = /[A-Za-z_][A-Za-z0-9_.\-]*/y;
const FUNCTION_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SPACED_CALL = /\s+[A-Za-z_][A-Za-z0-9_]*\(/y;
const INTEGER = /-?\d+(?=[,)])/y;

function matchAt(pattern: RegExp, text: string, at: number): string | null {
  pattern.lastIndex = at;
  const m = pattern.exec(text);
  return m ? m[0] : null;
}

export class TemplateParser {
  constructor(
    private readonly text: string,
    private readonly prefix: string,
    private readonly suffix: string
  ) {}

  parse(): Part[] {
    const parts: Part[] = [];
    let literal = "";
    let i = 0;
    while (i < this.text.length) {
      const start = this.text.indexOf(this.prefix, i);
      if (start < 0) {
        literal += this.text.slice(i);
        break;
      }
      literal += this.text.slice(i, start);
      const ref = this.reference(start + this.prefix.length);
      if (!ref) {
        literal += this.prefix;
        i = start + this.prefix.length;
        continue;
      }
      if (literal) parts.push({ kind: "text", text: literal });
      literal = "";
      parts.push(ref.part);
      i = ref.end;
    }
    if (literal) parts.push({ kind: "text", text: literal });
    return parts;
  }

  private fail(problem: string, offset: number): never {
    throw new TemplateSyntaxError(problem, this.text, offset);
  }

  /** The reference starting after a prefix, or null when the prefix is literal text. */
  private reference(at: number): { part: Part; end: number } | null {
    if (matchAt(SPACED_CALL, this.text, at)) this.fail(`spaces are not allowed in function expressions: remove the space after "${this.prefix}"`, at);
    const name = matchAt(VARIABLE_NAME, this.text, at);
    if (!name) return null;
    const after = at + name.length;
    if (this.text[after] === "(") return FUNCTION_NAME.test(name) ? this.call(name, at, after + 1) : null;
    if (this.text.startsWith(this.suffix, after)) return { part: { kind: "variable", name, fallback: null }, end: after + this.suffix.length };
    if (this.text[after] !== ":") return null;
    // {name:default}: the default runs to the suffix.
    const close = this.text.indexOf(this.suffix, after + 1);
    if (close < 0) return null;
    const fallback = this.text.slice(after + 1, close);
    if (fallback.includes(this.prefix) || fallback.includes("\n")) return null;
    return { part: { kind: "variable", name, fallback }, end: close + this.suffix.length };
  }

  private lookupFunction(name: string, at: number): TemplateFunction {
    const fn = templateFunction(name);
    if (fn) return fn;
    const unimplemented = UNIMPLEMENTED_FUNCTIONS.get(name);
    if (unimplemented) this.fail(unimplemented, at);
    const sameIgnoringCase = knownFunctionNames().find((n) => n.toLowerCase() === name.toLowerCase());
    const hint = sameIgnoringCase ? ` (function names are case-sensitive: did you mean ${sameIgnoringCase}?)` : "";
    return this.fail(`unknown function "${name}"${hint}; known functions: ${knownFunctionNames().join(", ")}`, at);
  }

  private call(name: string, nameAt: number, at: number): { part: Part; end: number } {
    const fn = this.lookupFunction(name, nameAt);
    const args: Argument[] = [];
    const argAt: number[] = [];
    let pos = at;
    if (this.text[pos] === ")") pos++;
    else {
      for (;;) {
        argAt.push(pos);
        const parsed = this.argument(name, pos);
        args.push(parsed.arg);
        pos = parsed.end;
        const c = this.text[pos];
        if (c === ",") {
          pos++;
        } else if (c === ")") {
          pos++;
          break;
        } else if (c === undefined) {
          this.fail(`${name}( is never closed: expected ")"`, pos);
        } else if (/\s/.test(c)) {
          this.fail(`spaces are not allowed in function expressions: remove the space in ${name}(...)`, pos);
        } else {
          this.fail(`unexpected "${c}" in the arguments of ${name}(): expected "," or ")"`, pos);
        }
      }
    }
    if (!this.text.startsWith(this.suffix, pos)) this.fail(`expected "${this.suffix}" right after ${name}(...)`, pos);
    this.checkArguments(fn, args, argAt, nameAt);
    return { part: { kind: "call", fn, args }, end: pos + this.suffix.length };
  }

  private checkArguments(fn: TemplateFunction, args: Argument[], argAt: number[], nameAt: number): void {
    if (args.length < fn.minArgs || args.length > fn.maxArgs) {
      const range = fn.minArgs === fn.maxArgs ? `${fn.minArgs}` : fn.maxArgs === Number.POSITIVE_INFINITY ? `at least ${fn.minArgs}` : `${fn.minArgs} to ${fn.maxArgs}`;
      this.fail(`${fn.name}() takes ${range} argument${range === "1" ? "" : "s"}, got ${args.length}: ${fn.signature}`, nameAt);
    }
    args.forEach((arg, i) => {
      if (arg.kind !== "literal" || !fn.checkLiteral) return;
      const problem = fn.checkLiteral(i, arg.value);
      if (problem) this.fail(`${fn.name}(): ${problem}`, argAt[i]);
    });
  }

  private argument(fnName: string, at: number): { arg: Argument; end: number } {
    const c = this.text[at];
    if (c === undefined) this.fail(`${fnName}( is never closed: expected ")"`, at);
    if (c === "'") {
      const close = this.text.indexOf("'", at + 1);
      if (close < 0) this.fail(`unterminated string literal in ${fnName}(): add the closing '`, at);
      return { arg: { kind: "literal", value: this.text.slice(at + 1, close) }, end: close + 1 };
    }
    if (c === '"') this.fail(`string literals in ${fnName}() take single quotes, not double quotes`, at);
    if (this.text.startsWith(this.prefix, at) || c === "{") this.fail(`nested references are not supported: ${fnName}() arguments are variable names or 'literals'`, at);
    if (/\s/.test(c)) this.fail(`spaces are not allowed in function expressions: remove the space in ${fnName}(...)`, at);
    if (c === "," || c === ")") this.fail(`empty argument in ${fnName}()`, at);
    const integer = matchAt(INTEGER, this.text, at);
    if (integer) return { arg: { kind: "literal", value: integer }, end: at + integer.length };
    const name = matchAt(VARIABLE_NAME, this.text, at);
    if (!name) return this.fail(`unexpected "${c}" in the arguments of ${fnName}(): expected a variable name or a 'literal'`, at);
    let end = at + name.length;
    if (this.text[end] === "(") this.fail(`nested function calls are not supported: assign ${name}(...) to a variable first and pass the variable to ${fnName}()`, at);
    if ((name === "true" || name === "false") && /[,)]/.test(this.text[end] ?? "")) return { arg: { kind: "literal", value: name }, end };
    let fallback: string | null = null;
    if (this.text[end] === ":") {
      const stop = this.text.slice(end + 1).search(/[,)]/);
      if (stop < 0) this.fail(`${fnName}( is never closed: expected ")"`, this.text.length);
      fallback = this.text.slice(end + 1, end + 1 + stop);
      end = end + 1 + stop;
    }
    return { arg: { kind: "variable", name, fallback }, end };
  }
}

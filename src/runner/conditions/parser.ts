// Tokens into a condition tree, by recursive descent.
//
// Precedence, loosest first. The reference says "Java precedence is used for
// operators", so as in Java:
//   or (||)  <  and (&&)  <  comparison operators  <  not (!)  <  ( ... )
// `a or b and c` is `a or (b and c)`; chains of one connective group
// left to right. A comparison joins exactly two operands (no `a = b = c`).
//
// Under that rule `not x = "a"` means `(not x) = "a"`, almost never what its
// author meant (apigeelint reads it as `not (x = "a")`), so the parser refuses
// it and names both unambiguous spellings rather than guess.
//
// Operands: a quoted string is a literal; true, false, null and numbers are
// literals; any other bare word (request.header.x-foo) or single-quoted text
// is a variable name. So `request.verb = GET` compares with a variable named
// GET, as the reference's operand rules imply; write "GET" for the text.

import type { ComparisonNode, ConditionNode } from "./ast";
import { NEGATABLE_OPERATORS } from "./ast";
import { JavaRegexError } from "../java-regex/pattern";
import type { Token } from "./lexer";
import { compileOperatorPattern, isPatternOperator } from "./operator-patterns";
import { ConditionSyntaxError } from "./syntax-error";

export function parseTokens(tokens: Token[]): ConditionNode {
  return new Parser(tokens).condition();
}

class Parser {
  private pos = 0;

  constructor(private readonly tokens: Token[]) {}

  condition(): ConditionNode {
    const node = this.or();
    const t = this.peek();
    if (t.kind === ")") throw fail(`unexpected ")" at column ${t.column}: there is no "(" for it to close`, t);
    if (t.kind !== "end") throw fail(`expected "and", "or" or the end of the condition at column ${t.column}, found ${describe(t)}`, t);
    return node;
  }

  private or(): ConditionNode {
    let left = this.and();
    while (this.peek().kind === "or") {
      this.take();
      left = { kind: "or", left, right: this.and() };
    }
    return left;
  }

  private and(): ConditionNode {
    let left = this.comparison();
    while (this.peek().kind === "and") {
      this.take();
      left = { kind: "and", left, right: this.comparison() };
    }
    return left;
  }

  private comparison(): ConditionNode {
    const first = this.peek();
    const left = this.prefixed();
    const negation = this.peek().kind === "not" && this.peekAt(1).kind === "operator" ? this.take() : null;
    const op = this.peek();
    if (op.kind !== "operator") {
      if (op.kind === "name" || op.kind === "literal" || op.kind === "(") {
        throw fail(`expected an operator, "and", "or" or the end of the condition at column ${op.column}, found ${describe(op)}`, op);
      }
      return left;
    }
    if (first.kind === "not") {
      throw fail(
        `"${first.text}" at column ${first.column} negates only the operand after it, so the comparison "${op.text}" at column ${op.column} is ambiguous; ` +
          `write ${first.text} (... ${op.text} ...) to negate the comparison, or (${first.text} ...) ${op.text} ... to compare the negated operand`,
        op
      );
    }
    this.take();
    if (negation && !NEGATABLE_OPERATORS.has(op.operator)) {
      throw fail(`"${negation.text}" at column ${negation.column} can only come before Matches, MatchesPath, JavaRegex or StartsWith; use != or IsNot for "not equals"`, negation);
    }
    const rightToken = this.peek();
    const right = this.primary();
    const node: ComparisonNode = { kind: "compare", operator: op.operator, negated: negation !== null, left, right, pattern: null };
    node.pattern = literalPattern(node, rightToken);
    return node;
  }

  /** An operand with any number of `not`s before it. */
  private prefixed(): ConditionNode {
    if (this.peek().kind !== "not") return this.primary();
    this.take();
    return { kind: "not", operand: this.prefixed() };
  }

  private primary(): ConditionNode {
    const previous = this.pos > 0 ? this.tokens[this.pos - 1] : null;
    const t = this.take();
    switch (t.kind) {
      case "literal":
        return { kind: "literal", value: t.value };
      case "name":
        return { kind: "variable", name: t.name };
      case "(": {
        const inner = this.or();
        const close = this.take();
        if (close.kind !== ")") {
          throw fail(`expected ")" at column ${close.column} to close the "(" at column ${t.column}, found ${describe(close)}`, close);
        }
        return inner;
      }
      default: {
        const after = previous ? ` after "${previous.text}"` : "";
        const hint = t.kind === "not" && previous?.kind === "operator" ? `; to negate a comparison write != or IsNot, or not (...)` : "";
        throw fail(`expected an operand${after} at column ${t.column}, found ${describe(t)}${hint}`, t);
      }
    }
  }

  private peek(): Token {
    return this.peekAt(0);
  }

  private peekAt(ahead: number): Token {
    return this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)];
  }

  private take(): Token {
    const t = this.peek();
    if (t.kind !== "end") this.pos++;
    return t;
  }
}

/** A pattern written as a literal is compiled now, so a bad one is reported at load time. */
function literalPattern(node: ComparisonNode, rightToken: Token): RegExp | null {
  const op = node.operator;
  if (!isPatternOperator(op) || node.right.kind !== "literal" || node.right.value === null) return null;
  try {
    return compileOperatorPattern(op, String(node.right.value));
  } catch (e) {
    if (!(e instanceof JavaRegexError)) throw e;
    // Offsets count pattern characters; the pattern starts after the opening quote.
    const column = rightToken.column + 1 + e.offset;
    throw new ConditionSyntaxError(`JavaRegex pattern ${rightToken.text} at column ${rightToken.column}: ${e.message}`, column);
  }
}

function describe(t: Token): string {
  if (t.kind === "end") return "the end of the condition";
  return /^["']/.test(t.text) ? t.text : `"${t.text}"`;
}

function fail(message: string, at: Token): ConditionSyntaxError {
  return new ConditionSyntaxError(message, at.column);
}

// The right operand of a pattern operator, compiled once per pattern text.

import type { ComparisonOperator } from "./ast";
import { javaMatchesRegExp } from "../java-regex/pattern";
import { compileGlob, compilePathPattern } from "./wildcard-patterns";

export type PatternOperator = "Matches" | "MatchesPath" | "JavaRegex";

export function isPatternOperator(op: ComparisonOperator): op is PatternOperator {
  return op === "Matches" || op === "MatchesPath" || op === "JavaRegex";
}

/** Throws JavaRegexError for JavaRegex text the runner cannot translate. */
export function compileOperatorPattern(op: PatternOperator, text: string): RegExp {
  if (op === "Matches") return compileGlob(text);
  if (op === "MatchesPath") return compilePathPattern(text);
  return javaMatchesRegExp(text);
}

/** Patterns that only exist at run time (a variable on the right), kept per condition. */
export class PatternCache {
  private readonly compiled = new Map<string, RegExp>();

  get(op: PatternOperator, text: string): RegExp {
    const key = `${op}\u0000${text}`;
    let re = this.compiled.get(key);
    if (!re) {
      re = compileOperatorPattern(op, text);
      this.compiled.set(key, re);
    }
    return re;
  }
}

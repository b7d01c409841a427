// Condition text into tokens. Operators are recognised with or without the
// spaces the Apigee reference asks for, because its own examples write
// `request.verb="GET"`. Word operators and literals are case-insensitive.

import type { FlowValue } from "../../flow/flow-variables";
import type { ComparisonOperator } from "./ast";
import { ConditionSyntaxError } from "./syntax-error";

export type Token =
  | { kind: "("; text: string; column: number }
  | { kind: ")"; text: string; column: number }
  | { kind: "and"; text: string; column: number }
  | { kind: "or"; text: string; column: number }
  | { kind: "not"; text: string; column: number }
  | { kind: "operator"; operator: ComparisonOperator; text: string; column: number }
  | { kind: "literal"; value: FlowValue; text: string; column: number }
  | { kind: "name"; name: string; text: string; column: number }
  | { kind: "end"; text: string; column: number };

type Fixed = { kind: "and" | "or" | "not" } | { kind: "operator"; operator: ComparisonOperator };

/** Symbol forms, longest first so `==` wins over `=` and `~/` over `~`. */
const SYMBOLS: [string, Fixed][] = [
  ["==", { kind: "operator", operator: "Equals" }],
  ["=|", { kind: "operator", operator: "StartsWith" }],
  ["!=", { kind: "operator", operator: "NotEquals" }],
  [":=", { kind: "operator", operator: "EqualsCaseInsensitive" }],
  [">=", { kind: "operator", operator: "GreaterThanOrEquals" }],
  ["<=", { kind: "operator", operator: "LesserThanOrEquals" }],
  ["~~", { kind: "operator", operator: "JavaRegex" }],
  ["~/", { kind: "operator", operator: "MatchesPath" }],
  ["&&", { kind: "and" }],
  ["||", { kind: "or" }],
  ["=", { kind: "operator", operator: "Equals" }],
  [">", { kind: "operator", operator: "GreaterThan" }],
  ["<", { kind: "operator", operator: "LesserThan" }],
  ["~", { kind: "operator", operator: "Matches" }],
  ["!", { kind: "not" }]
];

/** Word forms, lower-cased. The reference reserves them: they cannot name variables. */
const WORDS: Record<string, Fixed> = {
  and: { kind: "and" },
  or: { kind: "or" },
  not: { kind: "not" },
  equals: { kind: "operator", operator: "Equals" },
  is: { kind: "operator", operator: "Equals" },
  notequals: { kind: "operator", operator: "NotEquals" },
  isnot: { kind: "operator", operator: "NotEquals" },
  equalscaseinsensitive: { kind: "operator", operator: "EqualsCaseInsensitive" },
  greaterthan: { kind: "operator", operator: "GreaterThan" },
  greaterthanorequals: { kind: "operator", operator: "GreaterThanOrEquals" },
  lesserthan: { kind: "operator", operator: "LesserThan" },
  lesserthanorequals: { kind: "operator", operator: "LesserThanOrEquals" },
  matches: { kind: "operator", operator: "Matches" },
  like: { kind: "operator", operator: "Matches" },
  matchespath: { kind: "operator", operator: "MatchesPath" },
  likepath: { kind: "operator", operator: "MatchesPath" },
  javaregex: { kind: "operator", operator: "JavaRegex" },
  startswith: { kind: "operator", operator: "StartsWith" }
};

const LITERAL_WORDS: Record<string, FlowValue> = { true: true, false: false, null: null };

/** Integer or decimal, with the reference's optional type suffix (f, d, l). */
const NUMBER = /^-?(?:\d+(?:\.\d*)?|\.\d+)[fFdDlL]?$/;

/** Characters that end an unquoted word: they start another token. */
const WORD_BREAK = /[\s()"'=!<>~&|]/;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const column = i + 1;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "(" || c === ")") {
      tokens.push({ kind: c, text: c, column });
      i++;
    } else if (c === '"') {
      const s = readQuoted(text, i);
      tokens.push({ kind: "literal", value: s.value, text: text.slice(i, s.end), column });
      i = s.end;
    } else if (c === "'") {
      // The reference's way to name a variable holding an operator character,
      // e.g. 'request.header.help!me'.
      const s = readQuoted(text, i);
      tokens.push({ kind: "name", name: s.value, text: text.slice(i, s.end), column });
      i = s.end;
    } else {
      const symbol = SYMBOLS.find(([s]) => text.startsWith(s, i));
      if (symbol) {
        tokens.push(fixedToken(symbol[1], symbol[0], column));
        i += symbol[0].length;
      } else if (c === "&" || c === "|") {
        throw new ConditionSyntaxError(`unexpected "${c}" at column ${column}; expected "${c}${c}"`, column);
      } else {
        const end = wordEnd(text, i);
        tokens.push(wordToken(text.slice(i, end), column));
        i = end;
      }
    }
  }
  tokens.push({ kind: "end", text: "end of condition", column: text.length + 1 });
  return tokens;
}

function fixedToken(fixed: Fixed, text: string, column: number): Token {
  return fixed.kind === "operator" ? { kind: "operator", operator: fixed.operator, text, column } : { kind: fixed.kind, text, column };
}

/** A word runs to the next break; `:` belongs to it unless it starts `:=`. */
function wordEnd(text: string, start: number): number {
  let i = start;
  while (i < text.length && !WORD_BREAK.test(text[i]) && !text.startsWith(":=", i)) i++;
  return i;
}

function wordToken(word: string, column: number): Token {
  const lower = word.toLowerCase();
  if (Object.prototype.hasOwnProperty.call(WORDS, lower)) return fixedToken(WORDS[lower], word, column);
  if (Object.prototype.hasOwnProperty.call(LITERAL_WORDS, lower)) return { kind: "literal", value: LITERAL_WORDS[lower], text: word, column };
  if (NUMBER.test(word)) return { kind: "literal", value: Number(word.replace(/[fFdDlL]$/, "")), text: word, column };
  return { kind: "name", name: word, text: word, column };
}

/**
 * A quoted run. A backslash takes the next character with it, so `\"` (or
 * `\'`) puts the quote in the value; every other backslash pair is kept as
 * written, so JavaRegex text such as "\d+" or "a\\b" reaches the regex intact.
 */
function readQuoted(text: string, start: number): { value: string; end: number } {
  const quote = text[start];
  let value = "";
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === quote) return { value, end: i + 1 };
    if (c === "\\" && i + 1 < text.length) {
      value += text[i + 1] === quote ? quote : c + text[i + 1];
      i += 2;
    } else {
      value += c;
      i++;
    }
  }
  const what = quote === '"' ? "string" : "quoted variable name";
  throw new ConditionSyntaxError(`expected a closing ${quote} at column ${text.length + 1} for the ${what} that starts at column ${start + 1}`, text.length + 1);
}

// java.util.regex syntax into an equivalent JavaScript RegExp: one translation
// for the JavaRegex condition operator (javaMatchesRegExp: the whole value, as
// Pattern.matches) and the replaceAll/replaceFirst template functions
// (javaFindRegExp: anywhere, as Matcher.find).
//
// The translation is written for RegExp without the `u` flag, where any
// non-alphanumeric character may be escaped as in Java. Constructs JavaScript
// cannot express the same way are refused with the offset where they start,
// never approximated silently: possessive quantifiers, atomic groups, inline
// flags anywhere but the start, the flags d, x, U and c, \G, \X, \p{...}
// Unicode properties, class unions and intersections ([a[b]], [a&&b]), and
// `{` that does not start a repetition (Java refuses it too).

export class JavaRegexError extends Error {
  /** 0-based offset in the pattern where the construct starts. */
  readonly offset: number;

  constructor(message: string, offset: number) {
    super(message);
    this.name = "JavaRegexError";
    this.offset = offset;
  }
}

/** POSIX classes Java names as \p{Name}, as the members of a class (US-ASCII, as Java's default). */
const POSIX_CLASSES: Record<string, string> = {
  Lower: "a-z",
  Upper: "A-Z",
  ASCII: "\\x00-\\x7F",
  Alpha: "a-zA-Z",
  Digit: "0-9",
  Alnum: "a-zA-Z0-9",
  Punct: "!-\\/:-@\\[-`{-~",
  Graph: "!-~",
  Print: " -~",
  Blank: " \\t",
  Cntrl: "\\x00-\\x1F\\x7F",
  XDigit: "0-9a-fA-F",
  Space: " \\t\\n\\x0B\\f\\r"
};

/** Java shorthands whose members differ from JavaScript's, as class members. */
const SHORTHAND_MEMBERS: Record<string, string> = {
  s: " \\t\\n\\x0B\\f\\r",
  h: " \\t\\xA0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000",
  v: "\\n\\x0B\\f\\r\\x85\\u2028\\u2029"
};

/** \R: any Unicode linebreak sequence. */
const LINE_BREAK = "(?:\\r\\n|[\\n\\x0B\\f\\r\\x85\\u2028\\u2029])";
/** What \Z may stand before: Java's line terminators, which leave out \x0B and \f. */
const LINE_TERMINATOR = "(?:\\r\\n|[\\n\\r\\x85\\u2028\\u2029])";

/** A RegExp that accepts what Java's Pattern.matches(pattern, input) accepts: the whole input. */
export function javaMatchesRegExp(pattern: string): RegExp {
  const { source, flags } = new Translator(pattern).translate();
  return compile(`${inputStart(flags)}(?:${source})${inputEnd(flags)}`, flags);
}

/** A RegExp that finds what Java's Matcher.find() finds; `global` for replaceAll. */
export function javaFindRegExp(pattern: string, global: boolean): RegExp {
  const { source, flags } = new Translator(pattern).translate();
  return compile(source, global ? flags + "g" : flags);
}

function compile(source: string, flags: string): RegExp {
  try {
    return new RegExp(source, flags);
  } catch (e) {
    const reason = (e as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, "");
    throw new JavaRegexError(`invalid regular expression: ${reason}`, 0);
  }
}

// Where the input starts and ends whatever the flags: (?m) makes ^ and $ match at line breaks too.
function inputStart(flags: string): string {
  return flags.includes("m") ? "(?<![\\s\\S])" : "^";
}

function inputEnd(flags: string): string {
  return flags.includes("m") ? "(?![\\s\\S])" : "$";
}

class Translator {
  private i = 0;
  private out = "";
  private flags = "";

  constructor(private readonly p: string) {}

  translate(): { source: string; flags: string } {
    this.leadingFlags();
    while (this.i < this.p.length) this.step();
    return { source: this.out, flags: this.flags };
  }

  /** (?i), (?s), (?m) at the very start become RegExp flags; JavaScript has no inline form. */
  private leadingFlags(): void {
    const FLAGS = /^\(\?([a-zA-Z-]+)\)/;
    for (let m = FLAGS.exec(this.p); m; m = FLAGS.exec(this.p.slice(this.i))) {
      const [on, off = ""] = m[1].split("-");
      for (const f of on) {
        if (f === "i" || f === "s" || f === "m") {
          if (!this.flags.includes(f)) this.flags += f;
        } else if (f !== "u") {
          throw new JavaRegexError(`inline flag "${f}" in "${m[0]}" is not supported (only i, s, m and u)`, this.i);
        }
      }
      if (!/^[idmsuxU]*$/.test(off)) throw new JavaRegexError(`unknown inline flag in "${m[0]}"`, this.i);
      this.i += m[0].length;
    }
  }

  private step(): void {
    const c = this.p[this.i];
    if (c === "\\") this.escape(false);
    else if (c === "[") this.characterClass();
    else if (c === "(") this.group();
    else if (c === "{") this.braceQuantifier();
    else if (c === "*" || c === "+" || c === "?") {
      this.out += c;
      this.i++;
      this.quantifierSuffix();
    } else {
      this.out += c;
      this.i++;
    }
  }

  /** After a quantifier: `?` (reluctant) carries over; `+` (possessive) has no JavaScript form. */
  private quantifierSuffix(): void {
    const next = this.p[this.i];
    if (next === "?") {
      this.out += "?";
      this.i++;
    } else if (next === "+") {
      throw new JavaRegexError(`possessive quantifier at offset ${this.i - 1} is not supported; drop the "+" after the quantifier`, this.i - 1);
    }
  }

  private braceQuantifier(): void {
    const m = /^\{\d+(?:,\d*)?\}/.exec(this.p.slice(this.i));
    if (!m) throw new JavaRegexError(`"{" at offset ${this.i} does not start a repetition {n}, {n,} or {n,m}; write \\{ for a literal brace`, this.i);
    this.out += m[0];
    this.i += m[0].length;
    this.quantifierSuffix();
  }

  private group(): void {
    const rest = this.p.slice(this.i);
    const start = this.i;
    const plain = /^\((?:\?(?::|=|!|<=|<!|<[a-zA-Z][a-zA-Z0-9]*>))?/.exec(rest);
    if (rest.startsWith("(?>")) throw new JavaRegexError(`atomic group "(?>" at offset ${start} is not supported`, start);
    if (rest.startsWith("(?") && (!plain || plain[0] === "(")) {
      throw new JavaRegexError(`inline flags at offset ${start} are only supported at the start of the pattern`, start);
    }
    this.out += plain![0];
    this.i += plain![0].length;
  }

  private characterClass(): void {
    const start = this.i;
    this.out += "[";
    this.i++;
    if (this.p[this.i] === "^") {
      this.out += "^";
      this.i++;
    }
    // Java reads a `]` right after the opening bracket as a member.
    if (this.p[this.i] === "]") {
      this.out += "\\]";
      this.i++;
    }
    while (this.i < this.p.length && this.p[this.i] !== "]") {
      const c = this.p[this.i];
      if (c === "[") throw new JavaRegexError(`nested character class at offset ${this.i} (a Java class union) is not supported`, this.i);
      if (c === "&" && this.p[this.i + 1] === "&") {
        throw new JavaRegexError(`character class intersection "&&" at offset ${this.i} is not supported`, this.i);
      }
      if (c === "\\") this.escape(true);
      else {
        this.out += c;
        this.i++;
      }
    }
    if (this.i >= this.p.length) throw new JavaRegexError(`character class opened at offset ${start} is not closed with "]"`, start);
    this.out += "]";
    this.i++;
  }

  private escape(inClass: boolean): void {
    const at = this.i;
    const c = this.p[this.i + 1];
    if (c === undefined) throw new JavaRegexError(`the pattern ends with a lone backslash at offset ${at}`, at);
    this.i += 2;
    if (!/[a-zA-Z0-9]/.test(c)) {
      this.out += "\\" + c;
      return;
    }
    const translated = this.letterEscape(c, at, inClass);
    if (translated === null) throw new JavaRegexError(`escape "\\${c}" at offset ${at} is not supported`, at);
    this.out += translated;
  }

  /** An escape of a letter or digit; null when it has no translation. */
  private letterEscape(c: string, at: number, inClass: boolean): string | null {
    switch (c) {
      case "d": case "D": case "w": case "W": case "t": case "n": case "r": case "f":
        return "\\" + c;
      case "S":
        return inClass ? "\\S" : `[^${SHORTHAND_MEMBERS.s}]`;
      case "s": case "h": case "v":
        return inClass ? SHORTHAND_MEMBERS[c] : `[${SHORTHAND_MEMBERS[c]}]`;
      case "H": case "V":
        if (inClass) return null;
        return `[^${SHORTHAND_MEMBERS[c.toLowerCase()]}]`;
      case "a":
        return "\\x07";
      case "e":
        return "\\x1B";
      case "c":
        return this.take(/^[A-Za-z]/, (m) => "\\c" + m, at, "\\c needs a letter");
      case "x":
        return this.hexEscape(at, inClass);
      case "u":
        return this.take(/^[0-9a-fA-F]{4}/, (m) => "\\u" + m, at, "\\u needs four hex digits");
      case "0":
        return this.take(/^(?:[0-3][0-7]{2}|[0-7]{1,2})/, (m) => unicodeEscape(parseInt(m, 8)), at, "\\0 needs octal digits");
      case "Q":
        return this.quoted();
      case "p": case "P":
        return this.posixClass(c === "P", at, inClass);
      case "k":
        return inClass ? null : this.take(/^<[a-zA-Z][a-zA-Z0-9]*>/, (m) => "\\k" + m, at, "\\k needs a <name>");
      case "b": case "B":
        return inClass ? null : "\\" + c;
      case "A":
        return inClass ? null : inputStart(this.flags);
      case "z":
        return inClass ? null : inputEnd(this.flags);
      case "Z":
        return inClass ? null : `(?=${LINE_TERMINATOR}?${inputEnd(this.flags)})`;
      case "R":
        return inClass ? null : LINE_BREAK;
    }
    if (/[1-9]/.test(c) && !inClass) return "\\" + c;
    return null;
  }

  private take(shape: RegExp, emit: (m: string) => string, at: number, need: string): string {
    const m = shape.exec(this.p.slice(this.i));
    if (!m) throw new JavaRegexError(`${need} (offset ${at})`, at);
    this.i += m[0].length;
    return emit(m[0]);
  }

  private hexEscape(at: number, inClass: boolean): string {
    const braced = /^\{([0-9a-fA-F]{1,6})\}/.exec(this.p.slice(this.i));
    if (!braced) return this.take(/^[0-9a-fA-F]{2}/, (m) => "\\x" + m, at, "\\x needs two hex digits");
    this.i += braced[0].length;
    const code = parseInt(braced[1], 16);
    if (code <= 0xffff) return unicodeEscape(code);
    if (inClass || code > 0x10ffff) throw new JavaRegexError(`code point \\x{${braced[1]}} at offset ${at} is not supported here`, at);
    // Outside a class a surrogate pair matches as two code units, as the input holds it.
    const pair = String.fromCodePoint(code);
    return `(?:${unicodeEscape(pair.charCodeAt(0))}${unicodeEscape(pair.charCodeAt(1))})`;
  }

  /** \Q...\E: everything between is literal. */
  private quoted(): string {
    const end = this.p.indexOf("\\E", this.i);
    const text = end < 0 ? this.p.slice(this.i) : this.p.slice(this.i, end);
    this.i = end < 0 ? this.p.length : end + 2;
    return text.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&");
  }

  private posixClass(negated: boolean, at: number, inClass: boolean): string {
    const m = /^\{(\w+)\}/.exec(this.p.slice(this.i));
    const name = m ? m[1] : "";
    const members = POSIX_CLASSES[name];
    if (!m || members === undefined) {
      throw new JavaRegexError(`property class at offset ${at} is not supported (only the POSIX classes ${Object.keys(POSIX_CLASSES).join(", ")})`, at);
    }
    this.i += m[0].length;
    if (inClass && negated) throw new JavaRegexError(`negated class \\P{${name}} inside [...] at offset ${at} is not supported`, at);
    if (inClass) return members;
    return negated ? `[^${members}]` : `[${members}]`;
  }
}

function unicodeEscape(code: number): string {
  return "\\u" + code.toString(16).padStart(4, "0");
}

// replaceAll/replaceFirst take Java regular expressions and Java replacement
// strings. The common subset is the same in JavaScript; this translates the
// few Java spellings that differ and refuses the constructs JavaScript lacks,
// rather than matching something else silently.

const INLINE_FLAGS: { [flag: string]: string } = { i: "i", m: "m", s: "s", u: "", d: "" };

function unsupported(construct: string): Error {
  return new Error(`${construct} is Java-only regex syntax the local runner cannot translate; rewrite the expression without it`);
}

/** A JavaScript RegExp that matches what Java's Pattern.compile(pattern) matches. */
export function javaRegExp(pattern: string, global: boolean): RegExp {
  let flags = global ? "g" : "";
  let body = pattern;
  const leading = /^\(\?([a-zA-Z]+)\)/.exec(body);
  if (leading) {
    for (const f of leading[1]) {
      if (!(f in INLINE_FLAGS)) throw unsupported(`the inline flag (?${f})`);
      if (INLINE_FLAGS[f] && !flags.includes(INLINE_FLAGS[f])) flags += INLINE_FLAGS[f];
    }
    body = body.slice(leading[0].length);
  }
  return new RegExp(translateBody(body), flags);
}

function translateBody(body: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === "\\") {
      const next = body[i + 1] ?? "";
      i++;
      if (!inClass && next === "A") out += "^";
      else if (!inClass && (next === "z" || next === "Z")) out += "$";
      else if (next === "Q") {
        const end = body.indexOf("\\E", i + 1);
        const quoted = end < 0 ? body.slice(i + 1) : body.slice(i + 1, end);
        out += quoted.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&");
        i = end < 0 ? body.length : end + 1;
      } else out += c + next;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      if (c === "[" || (c === "&" && body[i + 1] === "&")) throw unsupported("a nested or intersected character class");
      out += c;
      continue;
    }
    if (c === "[") {
      inClass = true;
      out += c;
      if (body[i + 1] === "^") out += body[++i];
      if (body[i + 1] === "]") out += "\\" + body[++i];
      continue;
    }
    if (c === "(" && body.startsWith("(?>", i)) throw unsupported("an atomic group (?>...)");
    if (c === "+" && i > 0 && /[*+?}]/.test(body[i - 1]) && body[i - 2] !== "\\") throw unsupported(`a possessive quantifier ${body[i - 1]}+`);
    out += c;
  }
  return out;
}

/** Java's Matcher.replaceAll/replaceFirst: `$n`, `${name}`, and `\` quoting the next character. */
export function javaReplace(input: string, regex: RegExp, replacement: string): string {
  const groupCount = new RegExp(regex.source + "|", regex.flags.replace("g", "")).exec("")!.length - 1;
  checkReplacement(replacement, groupCount);
  return input.replace(regex, (...found: unknown[]) => {
    const hasNames = typeof found[found.length - 1] === "object" && found[found.length - 1] !== null;
    const groups = found.slice(0, groupCount + 1) as (string | undefined)[];
    const named = (hasNames ? found[found.length - 1] : {}) as { [name: string]: string | undefined };
    return expand(replacement, groups, named);
  });
}

function checkReplacement(replacement: string, groupCount: number): void {
  expand(replacement, new Array(groupCount + 1).fill(""), {}, true);
}

function expand(
  replacement: string,
  groups: (string | undefined)[],
  named: { [name: string]: string | undefined },
  checking = false
): string {
  let out = "";
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i];
    if (c === "\\") {
      if (i + 1 >= replacement.length) throw new Error("the replacement ends with a lone backslash; write \\\\ for a backslash");
      out += replacement[++i];
    } else if (c === "$") {
      if (replacement[i + 1] === "{") {
        const end = replacement.indexOf("}", i + 2);
        const name = end < 0 ? "" : replacement.slice(i + 2, end);
        if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name)) throw new Error("the replacement has a malformed ${name} group reference; write \\$ for a dollar sign");
        if (!checking && !(name in named)) throw new Error(`the replacement refers to \${${name}}, but the regex has no group of that name`);
        out += named[name] ?? "";
        i = end;
      } else {
        let digits = /^\d/.exec(replacement.slice(i + 1)) ? replacement[i + 1] : "";
        if (!digits) throw new Error("the replacement has a $ not followed by a group number; write \\$ for a dollar sign");
        if (Number(digits) > groups.length - 1) throw new Error(`the replacement refers to group $${digits}, but the regex has ${groups.length - 1} group(s)`);
        let j = i + 2;
        // Java keeps reading digits while the longer number is still a group.
        while (j < replacement.length && /\d/.test(replacement[j]) && Number(digits + replacement[j]) <= groups.length - 1) digits += replacement[j++];
        out += groups[Number(digits)] ?? "";
        i = j - 1;
      }
    } else out += c;
  }
  return out;
}

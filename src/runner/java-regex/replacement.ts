// Java's replacement strings (Matcher.replaceAll/replaceFirst), which
// replaceAll and replaceFirst in message templates take: `$n` and `${name}`
// refer to groups, `\` quotes the next character.

/** `input` with the matches of `regex` replaced as Java's Matcher would: every one when `regex` is global, else the first. */
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

// The one-line proxy form: `name: <target> [<access>]`, e.g.
//   artifacts: s3://acme-artifacts/builds/ read

/** A word of the line and its character index, for positions in messages. */
export interface Word {
  text: string;
  index: number;
}

export interface OneLine {
  target: Word;
  access: Word | null;
}

export const ONE_LINE_FORM = "'<target> <access>', e.g. 's3://acme-reports/ read-write' (access: read, write or read-write)";

/** Splits the line into target and access; a problem string when it has another shape. */
export function splitOneLine(line: string): OneLine | { problem: string; index: number } {
  const words: Word[] = [];
  for (const match of line.matchAll(/\S+/g)) words.push({ text: match[0], index: match.index ?? 0 });
  if (words.length === 0) return { problem: `expected ${ONE_LINE_FORM}, found an empty string`, index: 0 };
  if (words.length > 2) {
    return {
      problem: `expected ${ONE_LINE_FORM}; '${words[2].text}' is one word too many. For other options use the mapping form (target:, access:, ...)`,
      index: words[2].index
    };
  }
  return { target: words[0], access: words[1] ?? null };
}

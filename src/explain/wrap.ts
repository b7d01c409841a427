// Plain-text paragraphs wrapped at a column, breaking only at spaces: an ARN
// or URL longer than the line stays whole rather than being cut.

export const TEXT_WIDTH = 100;

/**
 * `text` as lines no wider than `width` (but for words longer than a line),
 * the first starting with `first`, the others with `rest` (a hanging indent).
 */
export function wrap(text: string, first: string, rest: string = first, width: number = TEXT_WIDTH): string[] {
  const words = text.split(/\s+/).filter((w) => w !== "");
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of words) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = rest + word;
    } else {
      line += empty ? word : ` ${word}`;
    }
    empty = false;
  }
  lines.push(line);
  return lines;
}

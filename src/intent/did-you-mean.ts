// "Did you mean" suggestions for misspelt keys and values.

/** The most edits a suggestion may be from what was written. */
export const MAX_SUGGESTION_DISTANCE = 2;

/**
 * Damerau-Levenshtein distance (optimal string alignment): insertions,
 * deletions, substitutions and swaps of two adjacent characters each count 1,
 * so "acess" is 1 from "access" and "enviroments" 1 from "environments".
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * The candidate closest to what was written, if close enough: a difference
 * of case only, or at most MAX_SUGGESTION_DISTANCE edits and fewer edits than
 * the word has characters (so "x" does not suggest "aws").
 */
export function closestMatch(written: string, candidates: readonly string[]): string | null {
  const folded = candidates.find((candidate) => candidate.toLowerCase() === written.toLowerCase());
  if (folded !== undefined) return folded;
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(written.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= MAX_SUGGESTION_DISTANCE && bestDistance < written.length ? best : null;
}

/** " Did you mean 'access'?" or "". */
export function didYouMean(written: string, candidates: readonly string[]): string {
  const match = closestMatch(written, candidates);
  return match === null ? "" : ` Did you mean '${match}'?`;
}

// Results of pure functions of a file's text, kept for the next call with the
// same text. Several rules read the same scripts in one bundle, and a worker
// that lints many bundles (src/lint/apigeelint-worker.ts) sees the same
// scripts again and again: every generated proxy carries the same callouts.
// Keyed by the whole text, so a result is only ever reused for identical
// input; the least recently used entry goes first.

export function memoByText<R>(limit: number, compute: (text: string) => R): (text: string) => R {
  const kept = new Map<string, R>();
  return (text) => {
    let result = kept.get(text);
    if (result !== undefined || kept.has(text)) {
      kept.delete(text);
    } else {
      result = compute(text);
      if (kept.size >= limit) kept.delete(kept.keys().next().value!);
    }
    kept.set(text, result as R);
    return result as R;
  };
}

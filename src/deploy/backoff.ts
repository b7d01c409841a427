// When to try a failed call again, and how long to wait first: exponential
// backoff with full jitter, bounded, and Apigee's Retry-After when it sends one.

export interface BackoffPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** The first retry waits up to this long; each later one up to twice the previous. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is cut to it, so a run cannot hang on a server's say-so. */
  maxRetryAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { attempts: 5, baseDelayMs: 500, maxDelayMs: 8000, maxRetryAfterMs: 60_000 };

/**
 * The wait before retry number `retry` (1 for the first retry): a random
 * fraction of base·2^(retry-1), capped ("full jitter", so many clients
 * retrying at once spread out), or the server's Retry-After when given.
 */
export function retryDelayMs(policy: BackoffPolicy, retry: number, retryAfterMs: number | undefined, random: () => number): number {
  if (retryAfterMs !== undefined) return Math.min(Math.max(0, retryAfterMs), policy.maxRetryAfterMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

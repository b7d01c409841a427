// JWKS documents fetched over HTTP and kept per URI, as a relying party
// (AWS STS, say) keeps an issuer's keys: reused while the response's
// Cache-Control max-age lasts, fetched again when a token names a kid the
// cached copy lacks (how an issuer's key rotation is picked up).

import type { JWK } from "jose";

export class JwksUnavailableError extends Error {}

interface CachedJwks {
  keys: JWK[];
  fetchedAt: number;
  maxAgeMs: number;
}

/** Used when the JWKS response has no Cache-Control max-age. */
const DEFAULT_MAX_AGE_MS = 5 * 60 * 1000;
const FETCH_TIMEOUT_MS = 5000;

export class JwksCache {
  private readonly entries = new Map<string, CachedJwks>();
  private readonly pending = new Map<string, Promise<CachedJwks>>();

  /** The keys at `uri`, from the cache while fresh. */
  async keys(uri: string): Promise<JWK[]> {
    const cached = this.entries.get(uri);
    if (cached && Date.now() - cached.fetchedAt < cached.maxAgeMs) return cached.keys;
    return (await this.fetch(uri)).keys;
  }

  /** The keys at `uri`, fetched anew whatever the cache holds. */
  async refresh(uri: string): Promise<JWK[]> {
    return (await this.fetch(uri)).keys;
  }

  clear(): void {
    this.entries.clear();
  }

  private fetch(uri: string): Promise<CachedJwks> {
    // Concurrent verifications of tokens from one issuer share one request.
    let request = this.pending.get(uri);
    if (!request) {
      request = fetchJwks(uri).finally(() => this.pending.delete(uri));
      this.pending.set(uri, request);
    }
    return request.then((entry) => {
      this.entries.set(uri, entry);
      return entry;
    });
  }
}

async function fetchJwks(uri: string): Promise<CachedJwks> {
  let response: Response;
  try {
    response = await fetch(uri, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { accept: "application/json" } });
  } catch (error) {
    throw new JwksUnavailableError(`could not fetch the JWKS at ${uri}: ${describe(error)}`);
  }
  const text = await response.text().catch(() => "");
  if (!response.ok) throw new JwksUnavailableError(`the JWKS at ${uri} answered HTTP ${response.status}: ${text.slice(0, 200)}`);
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw new JwksUnavailableError(`the JWKS at ${uri} is not JSON: ${text.slice(0, 200)}`);
  }
  const keys = (document as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || !keys.every((k) => typeof k === "object" && k !== null)) {
    throw new JwksUnavailableError(`the JWKS at ${uri} has no "keys" array of objects`);
  }
  return { keys: keys as JWK[], fetchedAt: Date.now(), maxAgeMs: maxAgeMs(response.headers.get("cache-control")) };
}

function maxAgeMs(cacheControl: string | null): number {
  if (cacheControl === null) return DEFAULT_MAX_AGE_MS;
  if (/\bno-(cache|store)\b/i.test(cacheControl)) return 0;
  const match = /\bmax-age=(\d+)/i.exec(cacheControl);
  return match ? Number(match[1]) * 1000 : DEFAULT_MAX_AGE_MS;
}

// fetch's errors may come from another realm under Jest, so no instanceof.
function describe(error: unknown): string {
  const { message, cause } = (error ?? {}) as { message?: unknown; cause?: { message?: unknown } };
  if (typeof message !== "string") return String(error);
  return typeof cause?.message === "string" ? `${message} (${cause.message})` : message;
}

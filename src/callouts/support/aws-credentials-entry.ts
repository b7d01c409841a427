// A cache entry of temporary credentials, and the times that govern it:
//   usableUntil = expiresAt - SAFETY_MARGIN     (the cache TTL ends here)
//   refreshAt   = usableUntil - max(60 s, 10 % of the lifetime)
// Before refreshAt the entry is fresh; from refreshAt to usableUntil it is
// still handed out while one request refreshes it; after that it is gone.

import { MIN_REFRESH_LEAD_MS, SAFETY_MARGIN_MS } from "./aws-credentials-names";

export interface CredentialEntry {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  refreshAt: number;
}

export type CacheState = "fresh" | "refresh" | "missing";

export function newEntry(accessKeyId: string, secretAccessKey: string, sessionToken: string, expiresAt: number, now: number): CredentialEntry {
  var usableUntil = expiresAt - SAFETY_MARGIN_MS;
  var lead = Math.max(MIN_REFRESH_LEAD_MS, Math.floor((expiresAt - now) / 10));
  return {
    accessKeyId: accessKeyId,
    secretAccessKey: secretAccessKey,
    sessionToken: sessionToken,
    expiresAt: expiresAt,
    refreshAt: Math.max(now, usableUntil - lead)
  };
}

/** Whole seconds the entry may stay cached; 0 or less: do not cache it. */
export function cacheTtlSeconds(entry: CredentialEntry, now: number): number {
  return Math.floor((entry.expiresAt - SAFETY_MARGIN_MS - now) / 1000);
}

export function classify(entry: CredentialEntry | null, now: number): CacheState {
  if (entry === null || now >= entry.expiresAt - SAFETY_MARGIN_MS) return "missing";
  return now < entry.refreshAt ? "fresh" : "refresh";
}

export function serializeEntry(entry: CredentialEntry): string {
  return JSON.stringify(entry);
}

function isText(value: unknown): value is string {
  return typeof value === "string" && value !== "";
}

/** null for anything that is not a complete entry (a cache miss, or an entry of another version). */
export function parseEntry(text: string | null): CredentialEntry | null {
  if (text === null || text === "") return null;
  var e: CredentialEntry;
  try {
    e = JSON.parse(text);
  } catch (err) {
    return null;
  }
  if (!e || !isText(e.accessKeyId) || !isText(e.secretAccessKey) || typeof e.sessionToken !== "string") return null;
  if (typeof e.expiresAt !== "number" || typeof e.refreshAt !== "number") return null;
  return e;
}

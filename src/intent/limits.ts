// What one intent file may hold. Generous for real use (the largest
// benchmark is 1,000 proxies in about 40 KB) and small enough that reading
// and building any accepted file takes seconds, never minutes: a file past a
// limit is refused at its place before any work is done on it.

/** Bytes of the file itself. */
export const MAX_INTENT_BYTES = 1024 * 1024;
/** Proxies in one intent: each becomes a bundle and one role per environment. */
export const MAX_PROXIES = 2000;
/** Environments in one intent. */
export const MAX_ENVIRONMENTS = 50;
/** Characters of any single value (a header value, a URL, a name). */
export const MAX_VALUE_CHARACTERS = 8192;

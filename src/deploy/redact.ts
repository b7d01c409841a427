// Keeping the bearer token out of every message: a token must never reach a
// terminal, a CI log or a JSON report, even inside an error some other
// program wrote (gcloud's stderr, a proxy's error page echoing a header).

const REDACTED = "[redacted]";

/** `text` with every occurrence of each secret (ignored when shorter than 8 characters) replaced. */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    // A very short "secret" would blank out ordinary words; real tokens are long.
    if (!secret || secret.length < 8) continue;
    out = out.split(secret).join(REDACTED);
  }
  return out;
}

// Handing credentials to the proxy (private.aws.credentials.*) and offering
// a new entry to PC-AwsCredentials.

import { FLOW, OUT } from "./aws-credentials-names";
import { cacheTtlSeconds, CredentialEntry, serializeEntry } from "./aws-credentials-entry";
import { isoSeconds } from "./iso-time";

/** Hands the credentials to the proxy. */
export function publish(entry: CredentialEntry, source: string): void {
  context.setVariable(OUT.accessKeyId, entry.accessKeyId);
  context.setVariable(OUT.secretAccessKey, entry.secretAccessKey);
  if (entry.sessionToken !== "") context.setVariable(OUT.sessionToken, entry.sessionToken);
  else context.removeVariable(OUT.sessionToken);
  context.setVariable(OUT.expiration, isoSeconds(entry.expiresAt));
  context.setVariable(OUT.source, source);
}

export function withdraw(): void {
  context.removeVariable(OUT.accessKeyId);
  context.removeVariable(OUT.secretAccessKey);
  context.removeVariable(OUT.sessionToken);
  context.removeVariable(OUT.expiration);
  context.removeVariable(OUT.source);
}

/** Asks the flow's PopulateCache to store the entry for its TTL. */
export function offerToCache(entry: CredentialEntry, now: number): boolean {
  var ttl = cacheTtlSeconds(entry, now);
  if (ttl < 1) return false;
  context.setVariable(FLOW.entry, serializeEntry(entry));
  context.setVariable(FLOW.cacheTtl, String(ttl));
  return true;
}

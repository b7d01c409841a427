// The S3 URLs the proxy sends, encoded exactly as SigV4's canonical request
// for S3 expects (single encoding, no normalization): every UTF-8 byte outside
// A-Z a-z 0-9 - . _ ~ as %XX, "/" kept in the key path. So what is sent is
// what is signed, and S3 reads the same key: "+" is sent as %2B (a literal
// "+" in an S3 path means a space), "%" as %25.

import { uriEncode } from "../../sigv4/uri-encode";

/** https://BUCKET.s3.REGION.amazonaws.com/PREFIXKEY */
export function objectUrl(endpoint: string, fullKey: string): string {
  return endpoint + "/" + uriEncode(fullKey, true);
}

/** ListObjectsV2 of everything under `prefix`; keys come back URL-encoded (encoding-type=url), which survives characters XML 1.0 cannot carry. */
export function listUrl(endpoint: string, prefix: string, maxKeys: number, continuationToken: string | null): string {
  var query = "list-type=2&encoding-type=url&prefix=" + uriEncode(prefix, false) + "&max-keys=" + maxKeys;
  if (continuationToken !== null) query += "&continuation-token=" + uriEncode(continuationToken, false);
  return endpoint + "/?" + query;
}

// The canonical query string: each name and value URI-encoded, pairs sorted
// by encoded name and then encoded value, repeated names kept. Pairs come
// decoded from the wire by parseQuery, where a "+" stays a "+".

import { uriEncode } from "./uri-encode";

export function canonicalQuery(pairs: [string, string][]): string {
  var encoded: string[][] = [];
  for (var i = 0; i < pairs.length; i++) encoded.push([uriEncode(pairs[i][0], false), uriEncode(pairs[i][1], false)]);
  encoded.sort(function (a, b) {
    if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
    return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
  });
  var parts: string[] = [];
  for (i = 0; i < encoded.length; i++) parts.push(encoded[i][0] + "=" + encoded[i][1]);
  return parts.join("&");
}

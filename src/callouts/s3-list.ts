// JavaScript policy resource of the generated S3 proxies (TargetEndpoint
// "list", response): turns S3's ListObjectsV2 XML into the proxy's JSON,
//   {"items": [{"key", "size", "lastModified", "etag"}], "nextCursor": ...}
// with keys relative to the proxy's prefix. nextCursor is S3's
// NextContinuationToken (null on the last page); a client passes it back as
// ?cursor=. Keys arrive URL-encoded (the request asks for encoding-type=url).
// A key outside the prefix is dropped: the request asked S3 for the prefix
// only, so one could only come from a fault, and the role's grant is the
// prefix (defence in depth, not a filter S3 needs).
// Properties: prefix ({env} becomes environment.name).

import { readString } from "./support/flow";
import { withEnvironment } from "./support/environment-name";
import { elementBlocks, firstElementText } from "./support/s3-xml";

interface ListItem {
  key: string;
  size: number;
  lastModified: string;
  etag: string;
}

/** S3's encoding-type=url: percent-encoded UTF-8 with "+" for a space. */
function urlDecoded(text: string): string {
  return decodeURIComponent(text.replace(/\+/g, " "));
}

function item(block: string, prefix: string): ListItem | null {
  var key = urlDecoded(firstElementText(block, "Key") || "");
  if (key.indexOf(prefix) !== 0) return null;
  return {
    key: key.substring(prefix.length),
    size: Number(firstElementText(block, "Size") || 0),
    lastModified: firstElementText(block, "LastModified") || "",
    etag: firstElementText(block, "ETag") || ""
  };
}

function toJson(): void {
  var prefix = withEnvironment(properties.prefix === null || properties.prefix === undefined ? "" : String(properties.prefix));
  var xml = readString("response.content") || "";
  var blocks = elementBlocks(xml, "Contents");
  var items: ListItem[] = [];
  for (var i = 0; i < blocks.length; i++) {
    var listed = item(blocks[i], prefix);
    if (listed !== null) items.push(listed);
  }
  var truncated = firstElementText(xml, "IsTruncated") === "true";
  var next = truncated ? firstElementText(xml, "NextContinuationToken") : null;
  context.setVariable("response.content", JSON.stringify({ items: items, nextCursor: next }));
  context.setVariable("response.header.content-type", "application/json");
}

toJson();

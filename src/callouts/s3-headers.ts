// JavaScript policy resource of the generated S3 proxies: removes headers by
// name prefix from a message, since AssignMessage's <Remove> cannot match a
// pattern. On the request it removes the client's x-amz-* headers (and
// Authorization), so nothing the client sent is signed or reaches S3 as an
// instruction (x-amz-server-side-encryption, x-amz-acl, x-amz-copy-source...);
// on the response it removes S3's x-amz-* headers (x-amz-id-2, x-amz-meta-*,
// x-amz-version-id, x-amz-server-side-encryption-*...) except those kept.
// Properties: message (request or response), prefix (e.g. x-amz-), remove
// and keep (comma-separated header names, any case).

import { commaList } from "./support/flow";
import { listOf } from "./support/message-headers";

function names(property: unknown): string[] {
  return commaList(property === null || property === undefined ? "" : String(property).toLowerCase());
}

function removeHeaders(): void {
  var message = String(properties.message || "request");
  var prefix = String(properties.prefix || "").toLowerCase();
  var remove = names(properties.remove);
  var keep = names(properties.keep);
  var present = listOf(context.getVariable(message + ".headers.names"));
  for (var i = 0; i < present.length; i++) {
    var lower = present[i].toLowerCase();
    if (keep.indexOf(lower) >= 0) continue;
    if (remove.indexOf(lower) >= 0 || (prefix !== "" && lower.indexOf(prefix) === 0)) context.removeVariable(message + ".header." + present[i]);
  }
}

removeHeaders();

// JavaScript policy resource of the generated S3 proxies (TargetEndpoint
// "objects", response): how a stored object reaches a browser. Objects may
// have been uploaded by anyone the write proxy admits, with any Content-Type,
// so only the media types the intent lists (property `inline`, comma-separated,
// "image/*" allowed) are served for display; every other object gets
// Content-Disposition: attachment, so an uploaded HTML or SVG file is saved,
// never run as a page of the API's origin. X-Content-Type-Options: nosniff
// (set on every answer by AM-SecurityHeaders) stops the browser guessing a
// type the object does not declare.

import { commaList, readString } from "./support/flow";

/** "Text/HTML; charset=utf-8" → "text/html". */
function mediaType(contentType: string | null): string {
  return (contentType || "").split(";")[0].replace(/^\s+|\s+$/g, "").toLowerCase();
}

/** Whatever the list says: a browser runs these as a page or a script (HTML, XHTML, SVG, any XML, JavaScript). */
var SCRIPTABLE = /html|xml|svg|script/;

function isInline(type: string, inline: string[]): boolean {
  if (type === "" || SCRIPTABLE.test(type)) return false;
  var family = type.split("/")[0] + "/*";
  for (var i = 0; i < inline.length; i++) {
    if (inline[i] === type || inline[i] === family) return true;
  }
  return false;
}

function main(): void {
  var inline = commaList(properties.inline === null || properties.inline === undefined ? "" : String(properties.inline).toLowerCase());
  if (isInline(mediaType(readString("response.header.content-type")), inline)) return;
  context.setVariable("response.header.content-disposition", "attachment");
}

main();

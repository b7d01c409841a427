// Bundle zips as Apigee imports them: entries rooted at apiproxy/ or
// sharedflowbundle/, written the same way every time (sorted, one fixed
// timestamp) so the same files always give the same bytes.

import { unzipSync, zipSync, type Zippable } from "fflate";

/** 1980-01-01 00:00 local: the earliest DOS timestamp, so a zip never depends on when it was made. */
const ZIP_MTIME = new Date(1980, 0, 1, 0, 0, 0);

/** Paths ("apiproxy/policies/A.xml") → content, as a zip. */
export function zipBundle(files: Map<string, Buffer>): Buffer {
  const entries: Zippable = {};
  for (const [rel, content] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    entries[rel] = [new Uint8Array(content.buffer, content.byteOffset, content.byteLength), { mtime: ZIP_MTIME, level: 6 }];
  }
  return Buffer.from(zipSync(entries));
}

/** A zip's file entries as paths → bytes, in the zip's order (folder entries left out); throws on a broken zip. */
export function unzipFiles(zip: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const [rel, bytes] of Object.entries(unzipSync(new Uint8Array(zip.buffer, zip.byteOffset, zip.byteLength)))) {
    if (!rel.endsWith("/")) out.set(rel, Buffer.from(bytes));
  }
  return out;
}

// The content hash that makes deploys idempotent. Apigee keeps a revision's
// <Description> (the revision's `description` field), so a bundle carries the
// hash of its own content there, as a trailing marker:
//
//   <Description>read access to … [apigee-aws content sha256:<64 hex>]</Description>
//
// and a deploy compares it with the marker of the revisions already in Apigee
// instead of downloading them. The hash covers every file of the bundle with
// the marker taken out again (canonicalDescriptor), so stamping a bundle does
// not change its hash and the hash can be checked after the fact.

import { createHash } from "node:crypto";

const MARKER_PREFIX = "[apigee-aws content sha256:";
const MARKER = /\[apigee-aws content sha256:([0-9a-f]{64})\]/;
/** The marker with the space that separates it from the description text, if any. */
const MARKER_WITH_SEPARATOR = / ?\[apigee-aws content sha256:[0-9a-f]{64}\]/g;
/** A bundle's descriptor: the one XML file directly under the bundle root. */
const DESCRIPTOR_PATH = /^(apiproxy|sharedflowbundle)\/[^/]+\.xml$/;
const ROOT_START_TAG = /<(APIProxy|SharedFlowBundle)\b[^>]*?>/;
const HEX_HASH = /^[0-9a-f]{64}$/;

export function contentHashMarker(hash: string): string {
  if (!HEX_HASH.test(hash)) throw new Error(`not a sha256 hex digest: ${hash}`);
  return `${MARKER_PREFIX}${hash}]`;
}

/** True for the descriptor ("apiproxy/NAME.xml", "sharedflowbundle/NAME.xml"), whose marker the hash leaves out. */
export function isDescriptorPath(rel: string): boolean {
  return DESCRIPTOR_PATH.test(rel);
}

/**
 * The descriptor as it was before withContentHash: marker removed, a
 * <Description/> written out as <Description></Description>, and a
 * Description that is empty on a line of its own dropped (withContentHash
 * adds exactly such a line when the descriptor had no Description).
 */
export function canonicalDescriptor(xml: string): string {
  return xml
    .replace(MARKER_WITH_SEPARATOR, "")
    .replace(/<Description\s*\/>/g, "<Description></Description>")
    .replace(/\r?\n[ \t]*<Description><\/Description>/g, "");
}

/**
 * sha256 (hex) of a bundle given as paths relative to the zip root
 * ("apiproxy/policies/X.xml") → bytes. Files are taken in sorted path order,
 * each as path, NUL, byte length, NUL, content (the length keeps one file's
 * content from reading as the next file's path); the descriptor is hashed in
 * its canonical form, so the recorded marker never feeds its own hash.
 */
export function bundleContentHash(files: Map<string, Buffer>): string {
  const hash = createHash("sha256");
  for (const rel of [...files.keys()].sort()) {
    let content = files.get(rel)!;
    if (isDescriptorPath(rel)) content = Buffer.from(canonicalDescriptor(content.toString("utf8")), "utf8");
    hash.update(rel, "utf8");
    hash.update(`\0${content.length}\0`, "utf8");
    hash.update(content);
  }
  return hash.digest("hex");
}

/** The hash recorded in a descriptor's (or a revision's) description, if any. */
export function recordedContentHash(descriptorXml: string): string | undefined {
  return MARKER.exec(descriptorXml)?.[1];
}

/**
 * The descriptor with `hash` recorded at the end of its <Description>; every
 * other byte is kept. An earlier marker is replaced; a descriptor without a
 * Description gets one as the root element's first child.
 */
export function withContentHash(descriptorXml: string, hash: string): string {
  const marker = contentHashMarker(hash);
  if (MARKER.test(descriptorXml)) return descriptorXml.replace(MARKER, marker);
  const selfClosing = /<Description\s*\/>/.exec(descriptorXml);
  const open = /<Description>/.exec(descriptorXml);
  if (open && (!selfClosing || open.index < selfClosing.index)) {
    const close = descriptorXml.indexOf("</Description>", open.index);
    if (close < 0) throw new Error("the descriptor's <Description> is not closed");
    const text = descriptorXml.slice(open.index + open[0].length, close);
    // Always one space after non-empty text: canonicalDescriptor removes exactly that space.
    const separator = text.length === 0 ? "" : " ";
    return descriptorXml.slice(0, close) + separator + marker + descriptorXml.slice(close);
  }
  if (selfClosing) {
    return descriptorXml.slice(0, selfClosing.index) + `<Description>${marker}</Description>` + descriptorXml.slice(selfClosing.index + selfClosing[0].length);
  }
  const root = ROOT_START_TAG.exec(descriptorXml);
  if (!root || root[0].endsWith("/>")) throw new Error("not an APIProxy or SharedFlowBundle descriptor: no root start tag");
  const at = root.index + root[0].length;
  return descriptorXml.slice(0, at) + `\n  <Description>${marker}</Description>` + descriptorXml.slice(at);
}

/** The bundle with its descriptor stamped with the hash of its content (paths rooted at apiproxy/ or sharedflowbundle/). */
export function withRecordedContentHash(files: Map<string, Buffer>): Map<string, Buffer> {
  const hash = bundleContentHash(files);
  return new Map([...files].map(([rel, content]) => [rel, isDescriptorPath(rel) ? Buffer.from(withContentHash(content.toString("utf8"), hash)) : content]));
}

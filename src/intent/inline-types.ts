// `inlineTypes`: the media types an S3 proxy serves for display in the
// browser; every other object is served with Content-Disposition: attachment
// (and every answer with X-Content-Type-Options: nosniff), so an uploaded
// HTML, SVG or script file cannot run as a page of the API's origin. Types
// that can carry script are refused outright.

import type { Node } from "yaml";
import { describeNode, Field, readList, scalarText, valueAnchor } from "./reader";
import { YamlSource } from "./yaml-source";

/** Served inline unless the intent says otherwise: data and media that browsers render without running anything. */
export const DEFAULT_INLINE_TYPES = [
  "application/json",
  "application/pdf",
  "audio/*",
  "image/avif",
  "image/gif",
  "image/jpeg",
  "image/png",
  "image/webp",
  "text/csv",
  "text/plain",
  "video/*"
];

const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/(\*|[a-z0-9][a-z0-9!#$&^_.+-]*)$/;
/**
 * Types a browser may run as a document or a script of the page's origin.
 * The download callout never serves these inline whatever the list says (so
 * "image/*" cannot let SVG through); naming one here is a mistake to report.
 */
const SCRIPTABLE = /html|xml|svg|script|xsl/;

export function inlineTypeProblem(type: string): string | null {
  if (!MEDIA_TYPE.test(type)) return `'${type}' is not a media type such as text/plain or image/*, in lowercase, without parameters`;
  if (SCRIPTABLE.test(type)) return `'${type}' can carry script a browser would run as a page of the API's origin, so it is always served as an attachment: remove it`;
  return null;
}

export function readInlineTypes(src: YamlSource, field: Field | undefined): string[] | undefined {
  if (field === undefined) return DEFAULT_INLINE_TYPES.slice();
  const list = readList(src, field, "a list of media types served inline, e.g. [text/plain, image/png, video/*]");
  if (list === undefined) return undefined;
  const types: string[] = [];
  let ok = true;
  list.items.forEach((item, index) => {
    const node = src.resolve(item) as Node | null;
    const type = scalarText(node);
    const problem = type === undefined ? `expected a media type, found ${describeNode(node)}` : (inlineTypeProblem(type) ?? (types.includes(type) ? `'${type}' is listed twice; keep one` : null));
    if (problem !== null) {
      src.report(node ?? valueAnchor(field), [...field.path, index], problem);
      ok = false;
    } else types.push(type as string);
  });
  return ok ? types.sort() : undefined;
}

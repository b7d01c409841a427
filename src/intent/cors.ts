// `cors: {origins: [...]}`: the origins browsers may call the proxy from.
// Only the mapping form is accepted: `cors: true` would have to mean "any
// origin", which an intent should say explicitly (origins: ["*"]).

import { isScalar } from "yaml";
import type { ProxyIntent } from "./model";
import { CORS_KEYS } from "./keys";
import { describeNode, Field, MapView, readList, readMap, scalarText, valueAnchor } from "./reader";
import { originProblem } from "./web-names";
import { YamlSource } from "./yaml-source";

export type Cors = NonNullable<ProxyIntent["cors"]>;

const CORS_FORM = "{origins: [https://app.example.com]} (or origins: ['*'] for any origin)";

export function readCors(src: YamlSource, field: Field | undefined): Cors | null | undefined {
  if (field === undefined) return null;
  if (isScalar(field.value) && typeof field.value.value === "boolean") {
    src.report(valueAnchor(field), field.path, `cors takes the allowed origins, not true/false: write cors: ${CORS_FORM}, or remove cors to allow none`);
    return undefined;
  }
  const node = readMap(src, field, `a mapping ${CORS_FORM}`);
  if (node === undefined) return undefined;
  const originsField = new MapView(src, node, field.path, CORS_KEYS).require("origins", `the list of allowed origins, e.g. ${CORS_FORM}`);
  if (originsField === undefined) return undefined;
  const list = readList(src, originsField, `a list of origins such as [https://app.example.com]`);
  if (list === undefined) return undefined;
  if (list.items.length === 0) {
    src.report(originsField.value, originsField.path, `the origins list is empty; list at least one origin, e.g. ${CORS_FORM}, or remove cors`);
    return undefined;
  }
  const origins: string[] = [];
  let ok = true;
  list.items.forEach((item, index) => {
    const node = src.resolve(item);
    const origin = scalarText(node);
    if (origin === undefined) {
      src.report(node ?? originsField.key, [...originsField.path, index], `expected an origin such as https://app.example.com, found ${describeNode(node)}`);
      ok = false;
      return;
    }
    const problem = originProblem(origin) ?? (origins.includes(origin) ? `origin '${origin}' is listed twice; keep one` : null);
    if (problem !== null) {
      src.report(node, [...originsField.path, index], problem);
      ok = false;
      return;
    }
    origins.push(origin);
  });
  if (ok && origins.includes("*") && origins.length > 1) {
    src.report(originsField.value, originsField.path, "'*' allows every origin, so the other origins add nothing: list only '*' or only specific origins");
    return undefined;
  }
  return ok ? { origins } : undefined;
}

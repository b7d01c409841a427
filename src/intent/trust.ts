// `trust: {sub, azp, amr}` on a caller-mode proxy: claims of the caller's
// token its roles' trust policies require besides the audience. STS checks
// them, so a token that VerifyJWT would accept but that lacks them cannot
// assume the role, not even straight at STS without Apigee. These are the
// claims IAM turns into condition keys for an OIDC provider ("Define
// condition keys using the name of the OIDC provider followed by the claim
// (:aud, :azp, :amr, sub)", IAM User Guide, "Available keys for AWS web
// identity federation"); other claims are not condition keys. Google as the
// issuer has sub only (its :aud is the token's azp).

import { isScalar, isSeq } from "yaml";
import type { ProxyIntent } from "./model";
import { TRUST_KEYS } from "./keys";
import { describeNode, Field, MapView, readMap, scalarText } from "./reader";
import { YamlSource } from "./yaml-source";

export type TrustPins = NonNullable<ProxyIntent["trust"]>;

const TRUST_FORM = "{sub: [user-*], azp: web-app, amr: mfa}";

/** A claim value IAM can compare: printable ASCII, no control characters. */
function pinProblem(value: string): string | null {
  if (value === "") return "an empty value matches nothing; remove it";
  if (/[^\x20-\x7e]/.test(value)) return `'${value}' has characters outside printable ASCII; a claim condition compares the token's text exactly`;
  return null;
}

function readValues(src: YamlSource, field: Field): string[] | undefined {
  const nodes = isSeq(field.value) ? field.value.items.map((item, index) => ({ node: src.resolve(item), path: [...field.path, index] })) : [{ node: field.value, path: field.path }];
  if (nodes.length === 0) {
    src.report(field.value ?? field.key, field.path, `the list is empty; give at least one value, or remove ${field.name}`);
    return undefined;
  }
  const values: string[] = [];
  let ok = true;
  for (const { node, path } of nodes) {
    const text = isScalar(node) && typeof node.value === "number" ? String(node.value) : scalarText(node);
    const problem = text === undefined ? `expected a claim value or a list of them, found ${describeNode(node)}` : pinProblem(text);
    if (problem !== null) {
      src.report(node ?? field.key, path, problem);
      ok = false;
    } else values.push(text!);
  }
  return ok ? [...new Set(values)] : undefined;
}

/** null without `trust`; undefined when it was invalid (reported). */
export function readTrust(src: YamlSource, field: Field | undefined): TrustPins | null | undefined {
  if (field === undefined) return null;
  const node = readMap(src, field, `a mapping of token claims to required values, e.g. ${TRUST_FORM}`);
  if (node === undefined) return undefined;
  const view = new MapView(src, node, field.path, TRUST_KEYS);
  const pins: TrustPins = { sub: [], azp: [], amr: [] };
  let ok = true;
  for (const entry of view.entries()) {
    const values = readValues(src, entry);
    if (values === undefined) ok = false;
    else pins[entry.name as keyof TrustPins] = values;
  }
  if (ok && pins.sub.length + pins.azp.length + pins.amr.length === 0) {
    // Keys outside TRUST_KEYS were reported by the view; an empty mapping is reported here.
    if (node.items.length === 0) src.report(field.key, field.path, `trust names no claim; give one of ${TRUST_KEYS.join(", ")}, e.g. ${TRUST_FORM}, or remove trust`);
    return undefined;
  }
  return ok ? pins : undefined;
}

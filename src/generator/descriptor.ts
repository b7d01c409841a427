// The proxy's root descriptor, apiproxy/<name>.xml: its policies, resources
// and endpoints, each list sorted, as Apigee writes it on export.

import { el, textEl, XmlElement } from "./xml";

export interface DescriptorSpec {
  name: string;
  description: string;
  policies: string[];
  /** Resource file names under resources/jsc/. */
  scripts: string[];
  proxyEndpoints: string[];
  targetEndpoints: string[];
}

const sorted = (items: string[]) => [...items].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

export function descriptorXml(spec: DescriptorSpec): XmlElement {
  return el(
    "APIProxy",
    { name: spec.name },
    textEl("DisplayName", spec.name),
    textEl("Description", spec.description),
    el("Policies", null, ...sorted(spec.policies).map((p) => textEl("Policy", p))),
    el("ProxyEndpoints", null, ...sorted(spec.proxyEndpoints).map((p) => textEl("ProxyEndpoint", p))),
    el("Resources", null, ...sorted(spec.scripts).map((s) => textEl("Resource", `jsc://${s}`))),
    el("TargetEndpoints", null, ...sorted(spec.targetEndpoints).map((t) => textEl("TargetEndpoint", t)))
  );
}

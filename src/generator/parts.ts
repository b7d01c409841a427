// The pieces a bundle is assembled from: policies (one file each under
// policies/), steps that name them, and the scripts in resources/jsc/.

import { el, renderXml, textEl, XmlElement } from "./xml";

export interface Policy {
  /** The policy name, which is also its file name: policies/NAME.xml. */
  name: string;
  element: XmlElement;
  /** jsc:// resources the policy runs. */
  scripts: string[];
}

export interface Step {
  policy: Policy;
  condition?: string;
}

export function policy(element: XmlElement, scripts: string[] = []): Policy {
  const name = element.attributes.find(([k]) => k === "name")?.[1];
  if (!name) throw new Error(`a <${element.name}> policy needs a name attribute`);
  return { name, element, scripts };
}

export function step(p: Policy, condition?: string): Step {
  return condition ? { policy: p, condition } : { policy: p };
}

export function stepElement(s: Step): XmlElement {
  return el("Step", null, textEl("Name", s.policy.name), s.condition ? textEl("Condition", s.condition) : null);
}

/**
 * Every distinct policy the steps use, in first-use order. Endpoints may each
 * build the same policy; two different policies with one name are a generator bug.
 */
export function policiesOf(steps: Step[]): Policy[] {
  const seen = new Map<string, { policy: Policy; xml: string }>();
  for (const s of steps) {
    const xml = renderXml(s.policy.element);
    const known = seen.get(s.policy.name);
    if (known && known.xml !== xml) throw new Error(`two different policies are named ${s.policy.name}`);
    if (!known) seen.set(s.policy.name, { policy: s.policy, xml });
  }
  return [...seen.values()].map((v) => v.policy);
}

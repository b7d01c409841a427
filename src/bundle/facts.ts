// What a bundle's XML says that several readers need: the descriptor's name,
// description and policy list, the shared flow a FlowCallout calls, the
// jsc:// resources a policy runs, and whether Google authentication is used.

import { attribute, childElements, childText, descendants, firstChild, textContent, type Element } from "./xml";

/** The root descriptor (apiproxy/NAME.xml, sharedflowbundle/NAME.xml). */
export interface Descriptor {
  /** The root element: APIProxy or SharedFlowBundle. */
  element: string;
  name: string | null;
  /** The <Description> text as written, "" when there is none. */
  description: string;
  /** <Policies><Policy> names, in order. */
  policies: string[];
}

export function readDescriptor(root: Element): Descriptor {
  const description = firstChild(root, "Description");
  const policies = firstChild(root, "Policies");
  return {
    element: root.tagName,
    name: attribute(root, "name"),
    description: description ? textContent(description) : "",
    policies: policies ? childElements(policies, "Policy").map((p) => textContent(p).trim()) : []
  };
}

/** The shared flow a <FlowCallout> policy calls (its <SharedFlowBundle>), null for other policies or none named. */
export function flowCalloutTarget(policy: Element): string | null {
  if (policy.tagName !== "FlowCallout") return null;
  return childText(policy, "SharedFlowBundle") || null;
}

/** The jsc:// resources a policy names in <ResourceURL> and <IncludeURL>, in document order. */
export function jscResources(policy: Element): string[] {
  const urls: string[] = [];
  const visit = (el: Element) => {
    for (const c of childElements(el)) {
      if (c.tagName === "ResourceURL" || c.tagName === "IncludeURL") urls.push(textContent(c));
      visit(c);
    }
  };
  visit(policy);
  return urls.filter((url) => url.startsWith("jsc://")).map((url) => url.slice("jsc://".length));
}

/** Whether the element is or holds an <Authentication> (Google authentication: Apigee then wants a service account on the deployment). */
export function usesGoogleAuthentication(el: Element): boolean {
  return el.tagName === "Authentication" || descendants(el, "Authentication").length > 0;
}

// What a bundle's XML says that matters to a deploy: the shared flows its
// FlowCallouts call (they must be deployed first), whether it uses Google
// authentication (<Authentication>: Apigee then requires a service account
// on the deployment), and the service account the generated FlowCallouts
// pass to aws-credentials (aws.credentials.serviceAccount).

import { DOMParser, type Element } from "@xmldom/xmldom";
import { UserError } from "../common/user-error";
import { isDescriptorPath } from "../common/bundle-content-hash";

/** The FlowCallout parameter that names the runtime service account (docs/runtime-contract.md). */
export const SERVICE_ACCOUNT_PARAMETER = "aws.credentials.serviceAccount";

export interface BundleFacts {
  /** Shared flows named by <FlowCallout><SharedFlowBundle>, sorted, without repeats. */
  flowCallouts: string[];
  /** Files holding an <Authentication> element (ServiceCallout, TargetEndpoint, AssignMessage, ExternalCallout). */
  googleAuthFiles: string[];
  /** Literal values of the aws.credentials.serviceAccount FlowCallout parameter. */
  serviceAccountHints: string[];
}

function parse(source: string, rel: string, content: Buffer): Element {
  const problems: string[] = [];
  let root: Element | null = null;
  try {
    root = new DOMParser({ onError: (level, message) => void (level !== "warning" && problems.push(String(message).split("\n")[0])) }).parseFromString(content.toString("utf8"), "text/xml").documentElement;
  } catch (e) {
    problems.push((e as Error).message.split("\n")[0]);
  }
  if (problems.length || !root) throw new UserError(`${source}/${rel} is not well-formed XML (${problems[0] ?? "no root element"}); rebuild the bundle with apigee-aws build`);
  return root;
}

function elementsNamed(root: Element, name: string): Element[] {
  return Array.from(root.getElementsByTagName(name) as unknown as ArrayLike<Element>);
}

function childText(el: Element, name: string): string | undefined {
  const child = elementsNamed(el, name)[0];
  return child?.textContent?.trim() || undefined;
}

/** Facts of a bundle given as zip-relative paths → bytes; `source` names it in errors. */
export function bundleFacts(source: string, files: Map<string, Buffer>): BundleFacts {
  const flowCallouts = new Set<string>();
  const googleAuthFiles: string[] = [];
  const hints = new Set<string>();
  for (const [rel, content] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!rel.endsWith(".xml") || isDescriptorPath(rel)) continue;
    const root = parse(source, rel, content);
    if (elementsNamed(root, "Authentication").length || root.tagName === "Authentication") googleAuthFiles.push(rel);
    if (root.tagName !== "FlowCallout") continue;
    const target = childText(root, "SharedFlowBundle");
    if (target) flowCallouts.add(target);
    for (const parameter of elementsNamed(root, "Parameter")) {
      if (parameter.getAttribute("name") !== SERVICE_ACCOUNT_PARAMETER || parameter.getAttribute("ref")) continue;
      const value = parameter.textContent?.trim();
      if (value) hints.add(value);
    }
  }
  return { flowCallouts: [...flowCallouts].sort(), googleAuthFiles, serviceAccountHints: [...hints].sort() };
}

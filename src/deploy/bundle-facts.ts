// What a bundle's XML says that matters to a deploy: the shared flows its
// FlowCallouts call (they must be deployed first), whether it uses Google
// authentication (<Authentication>: Apigee then requires a service account
// on the deployment).

import { flowCalloutTarget, usesGoogleAuthentication } from "../bundle/facts";
import { parseXml, type Element } from "../bundle/xml";
import { isDescriptorPath } from "../common/bundle-content-hash";
import { UserError } from "../common/user-error";

export interface BundleFacts {
  /** Shared flows named by <FlowCallout><SharedFlowBundle>, sorted, without repeats. */
  flowCallouts: string[];
  /** Files holding an <Authentication> element (ServiceCallout, TargetEndpoint, AssignMessage, ExternalCallout). */
  googleAuthFiles: string[];
}

function parse(source: string, rel: string, content: Buffer): Element {
  const parsed = parseXml(content.toString("utf8"));
  if (parsed.problem) throw new UserError(`${source}/${rel} is not well-formed XML (${parsed.problem.message}); rebuild the bundle with apigee-aws build`);
  return parsed.root;
}

/** Facts of a bundle given as zip-relative paths → bytes; `source` names it in errors. */
export function bundleFacts(source: string, files: Map<string, Buffer>): BundleFacts {
  const flowCallouts = new Set<string>();
  const googleAuthFiles: string[] = [];
  for (const [rel, content] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!rel.endsWith(".xml") || isDescriptorPath(rel)) continue;
    const root = parse(source, rel, content);
    if (usesGoogleAuthentication(root)) googleAuthFiles.push(rel);
    if (root.tagName !== "FlowCallout") continue;
    const target = flowCalloutTarget(root);
    if (target) flowCallouts.add(target);
  }
  return { flowCallouts: [...flowCallouts].sort(), googleAuthFiles };
}

// AA011: a proxy in front of S3 (a TargetEndpoint whose URL, or target.url,
// is an S3 object endpoint) rejects the methods it does not serve before it
// signs the request. IAM limits what the role may do; the guard keeps a
// caller from even asking, with a proper 405. On the target's request path
// (ProxyEndpoint request flows, then the target's), any of:
//   - a RaiseFault step whose condition (or its Flow's) tests request.verb;
//   - every RouteRule to the target has a condition that tests request.verb;
//   - a ProxyEndpoint with conditional Flows on request.verb and a catch-all
//     Flow (no request.verb in its condition) that raises a fault.
// The rule checks that a guard exists, not what it allows.

import { childElements, firstChild, positionOf, trimmedOwnText } from "../../bundle/xml";
import { s3Targets } from "./model/aws-calls";
import type { BundleModel, EndpointFile, StepRef } from "./model/bundle";
import { guardOf, targetRequestPath } from "./model/flows";
import { defineRule, RuleFinding } from "./rule";

const VERB = /\brequest\.verb\b/;

function hasMethodGuard(bundle: BundleModel, target: EndpointFile, path: StepRef[]): boolean {
  if (path.some((s) => bundle.policies.get(s.policyName)?.type === "RaiseFault" && VERB.test(guardOf(s)))) return true;
  const routes = bundle.proxyEndpoints.flatMap((p) => childElements(p.root, "RouteRule")).filter((r) => trimmedOwnText(firstChild(r, "TargetEndpoint")) === target.name);
  if (routes.length > 0 && routes.every((r) => VERB.test(trimmedOwnText(firstChild(r, "Condition"))))) return true;
  return bundle.proxyEndpoints.some((proxy) => {
    const flows = childElements(firstChild(proxy.root, "Flows") ?? proxy.root, "Flow");
    const verbFlows = flows.filter((f) => VERB.test(trimmedOwnText(firstChild(f, "Condition"))));
    const catchAll = flows.filter((f) => !VERB.test(trimmedOwnText(firstChild(f, "Condition"))));
    const raises = (flow: (typeof flows)[number]) =>
      childElements(firstChild(flow, "Request") ?? flow, "Step").some((st) => bundle.policies.get(trimmedOwnText(firstChild(st, "Name")))?.type === "RaiseFault");
    return verbFlows.length > 0 && catchAll.some(raises);
  });
}

export function findMissingMethodGuards(bundle: BundleModel): RuleFinding[] {
  return s3Targets(bundle).flatMap(({ target, url }) => {
    if (hasMethodGuard(bundle, target, targetRequestPath(bundle, target))) return [];
    return [
      {
        ruleId: "AA011",
        file: url.file,
        ...positionOf(url.element),
        message:
          `TargetEndpoint ${target.name} fronts S3, but no step rejects HTTP methods the proxy does not serve: add a RaiseFault step ` +
          '(405, Allow header) with <Condition>not (request.verb ~~ "GET|HEAD")</Condition> to the ProxyEndpoint\'s request PreFlow.'
      }
    ];
  });
}

export const rule = defineRule({
  id: "AA011",
  name: "s3-method-guard",
  severity: 1,
  summary: "A proxy in front of S3 rejects HTTP methods it does not serve before the request is signed.",
  fix: 'Add a RaiseFault step with a condition such as not (request.verb ~~ "GET|HEAD") to the ProxyEndpoint\'s request PreFlow.',
  checkBundle: findMissingMethodGuards
});

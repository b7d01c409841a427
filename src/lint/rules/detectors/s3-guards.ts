// AA011 and AA012: a proxy in front of S3 (a TargetEndpoint whose URL, or
// target.url, is an S3 object endpoint) checks the request before signing it.
// IAM limits what the role may do; these guards keep a caller from even
// asking, and keep keys inside the proxy's prefix. What counts, on the
// target's request path (ProxyEndpoint request flows, then the target's):
//
// AA011 method guard, any of:
//   - a RaiseFault step whose condition (or its Flow's) tests request.verb;
//   - every RouteRule to the target has a condition that tests request.verb;
//   - a ProxyEndpoint with conditional Flows on request.verb and a catch-all
//     Flow (no request.verb in its condition) that raises a fault.
// AA012 key validation, any of:
//   - a JavaScript step running s3-key.js, or a script with a ".."/'..' literal
//     or a \.\. regular expression;
//   - a RaiseFault step whose condition (or its Flow's) mentions "..", \.\.,
//     [.][.] or %2e;
//   - a RegularExpressionProtection step with such a pattern.
// The rules check that a guard exists, not what it allows.

import type { BundleModel, EndpointFile, StepRef } from "../model/bundle";
import { guardOf, targetRequestPath } from "../model/flows";
import { policyScripts } from "../model/policies";
import { childElements, descendants, firstChild, positionOf, textOf } from "../model/xml";
import type { RuleFinding } from "../finding";
import { AwsTarget, awsTargets } from "./aws-calls";

const VERB = /\brequest\.verb\b/;
const DOT_DOT = /\.\.|\\\.\\\.|\[\.\]\[\.\]|%2e/i;
const SCRIPT_DOT_DOT = /(["'])\.\.\1|\\\.\\\./;

function policyOf(bundle: BundleModel, step: StepRef) {
  return bundle.policies.get(step.policyName) ?? null;
}

function hasMethodGuard(bundle: BundleModel, target: EndpointFile, path: StepRef[]): boolean {
  if (path.some((s) => policyOf(bundle, s)?.type === "RaiseFault" && VERB.test(guardOf(s)))) return true;
  const routes = bundle.proxyEndpoints.flatMap((p) => childElements(p.root, "RouteRule")).filter((r) => textOf(firstChild(r, "TargetEndpoint")) === target.name);
  if (routes.length > 0 && routes.every((r) => VERB.test(textOf(firstChild(r, "Condition"))))) return true;
  return bundle.proxyEndpoints.some((proxy) => {
    const flows = childElements(firstChild(proxy.root, "Flows") ?? proxy.root, "Flow");
    const verbFlows = flows.filter((f) => VERB.test(textOf(firstChild(f, "Condition"))));
    const catchAll = flows.filter((f) => !VERB.test(textOf(firstChild(f, "Condition"))));
    const raises = (flow: (typeof flows)[number]) =>
      childElements(firstChild(flow, "Request") ?? flow, "Step").some((st) => bundle.policies.get(textOf(firstChild(st, "Name")))?.type === "RaiseFault");
    return verbFlows.length > 0 && catchAll.some(raises);
  });
}

function hasKeyValidation(bundle: BundleModel, path: StepRef[]): boolean {
  return path.some((step) => {
    const policy = policyOf(bundle, step);
    if (!policy) return false;
    if (policy.type === "Javascript") return policyScripts(bundle, policy).some((s) => s.name === "s3-key.js" || SCRIPT_DOT_DOT.test(s.text));
    if (policy.type === "RaiseFault") return DOT_DOT.test(guardOf(step));
    if (policy.type === "RegularExpressionProtection") return descendants(policy.root, "Pattern").some((p) => DOT_DOT.test(textOf(p)));
    return false;
  });
}

function s3Targets(bundle: BundleModel): AwsTarget[] {
  return awsTargets(bundle).filter((t) => t.urls.some((u) => u.kind === "s3"));
}

function at(t: AwsTarget) {
  const url = t.urls.find((u) => u.kind === "s3")!;
  return { file: url.file, ...positionOf(url.element) };
}

export function findMissingMethodGuards(bundle: BundleModel): RuleFinding[] {
  return s3Targets(bundle).flatMap((t) => {
    if (hasMethodGuard(bundle, t.target, targetRequestPath(bundle, t.target))) return [];
    return [
      {
        ruleId: "AA011",
        ...at(t),
        message:
          `TargetEndpoint ${t.target.name} fronts S3, but no step rejects HTTP methods the proxy does not serve: add a RaiseFault step ` +
          '(405, Allow header) with <Condition>not (request.verb ~~ "GET|HEAD")</Condition> to the ProxyEndpoint\'s request PreFlow.'
      }
    ];
  });
}

export function findMissingKeyValidation(bundle: BundleModel): RuleFinding[] {
  return s3Targets(bundle).flatMap((t) => {
    if (hasKeyValidation(bundle, targetRequestPath(bundle, t.target))) return [];
    return [
      {
        ruleId: "AA012",
        ...at(t),
        message:
          `TargetEndpoint ${t.target.name} fronts S3, but nothing validates the object key from the request path: run a key check ` +
          "(the generated JS-S3-Key with s3-key.js), or a RaiseFault step with a condition such as proxy.pathsuffix ~~ \".*[.][.].*\"."
      }
    ];
  });
}

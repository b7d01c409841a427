// AA008: a request to AWS is signed on its way. For a TargetEndpoint, some
// step on its request path (any ProxyEndpoint's request flows, then the
// target's) must sign: a FlowCallout to aws-sigv4, or a SigV4 script (see
// isSigningPolicy). For a ServiceCallout, such a step must run before it in
// the same flow sequence; a signing FlowCallout that names another message
// (aws.sigv4.message) than the callout's <Request variable> does not count.

import { firstChild, positionOf } from "../../bundle/xml";
import { AwsUrl, awsServiceCallouts, awsTargets, needsSignature } from "./model/aws-calls";
import type { BundleModel, PolicyFile, StepRef } from "./model/bundle";
import { stepsBefore, stepsRunning, targetRequestPath } from "./model/flows";
import { isSigningPolicy, signedMessage } from "./model/policies";
import { defineRule, RuleFinding } from "./rule";

function signs(bundle: BundleModel, step: StepRef, message: string | null): boolean {
  const policy = bundle.policies.get(step.policyName);
  if (!policy || !isSigningPolicy(bundle, policy)) return false;
  const named = policy.type === "FlowCallout" ? signedMessage(policy) : null;
  return message === null || named === null || named === message;
}

function finding(url: AwsUrl, message: string): RuleFinding {
  return { ruleId: "AA008", file: url.file, ...positionOf(url.element), message };
}

function host(url: string): string {
  return url.replace(/^[a-z]+:\/\//i, "").split(/[/?#]/)[0];
}

function requestVariable(policy: PolicyFile): string {
  return firstChild(policy.root, "Request")?.getAttribute("variable")?.trim() || "request";
}

export function findUnsignedAwsCalls(bundle: BundleModel): RuleFinding[] {
  const targets = awsTargets(bundle).flatMap(({ target, urls }) => {
    const url = urls.find((u) => needsSignature(u, target.text));
    if (!url) return [];
    if (targetRequestPath(bundle, target).some((s) => signs(bundle, s, null))) return [];
    return [
      finding(
        url,
        `TargetEndpoint ${target.name} sends requests to AWS (${host(url.url)}) but nothing on its request path signs them: ` +
          "add a FlowCallout to SharedFlowBundle aws-sigv4 (Parameters aws.sigv4.service and aws.sigv4.region) to the target's request PreFlow, after aws-credentials."
      )
    ];
  });
  const callouts = awsServiceCallouts(bundle).flatMap(({ policy, url }) => {
    if (!needsSignature(url, policy.text)) return [];
    const message = requestVariable(policy);
    const unsigned = stepsRunning(bundle, policy.name).some((step) => !stepsBefore(bundle, step).some((s) => signs(bundle, s, message)));
    if (!unsigned) return [];
    return [
      finding(
        url,
        `ServiceCallout ${policy.name} calls AWS (${host(url.url)}) without a signing step before it: ` +
          `add a FlowCallout to SharedFlowBundle aws-sigv4 with aws.sigv4.message = ${message} (and aws.sigv4.url) just before this step.`
      )
    ];
  });
  return [...targets, ...callouts];
}

export const rule = defineRule({
  id: "AA008",
  name: "aws-requests-signed",
  severity: 2,
  summary: "A target or ServiceCallout that reaches an AWS endpoint is signed by the aws-sigv4 shared flow (or a SigV4 script) before it is sent.",
  fix: "Add a FlowCallout to SharedFlowBundle aws-sigv4 on the request path before the call (for a target: in its request PreFlow).",
  checkBundle: findUnsignedAwsCalls
});

// Steps in the order Apigee runs them. Conditions are not evaluated: a step
// "on the path" is one that runs when its conditions hold. For a proxy, the
// request path is every ProxyEndpoint's request steps (the rules cannot tell
// which ProxyEndpoint a request enters) and then the TargetEndpoint's.

import { childElements, firstChild, trimmedOwnText } from "../../../bundle/xml";
import { BundleModel, EndpointFile, Phase, StepRef, stepsIn } from "./bundle";

/** An endpoint's steps of one phase, in execution order: PreFlow, conditional Flows, PostFlow (then PostClientFlow). */
export function endpointSteps(endpoint: EndpointFile, phase: Phase): StepRef[] {
  const root = endpoint.root;
  if (endpoint.kind === "sharedflow") return phase === "request" ? stepsIn(root, endpoint, "request", "") : [];
  if (phase === "fault") {
    const rules = childElements(firstChild(root, "FaultRules") ?? root, "FaultRule");
    return [
      ...rules.flatMap((rule) => stepsIn(rule, endpoint, "fault", trimmedOwnText(firstChild(rule, "Condition")))),
      ...stepsIn(firstChild(root, "DefaultFaultRule"), endpoint, "fault", "")
    ];
  }
  const part = phase === "request" ? "Request" : "Response";
  const flows = firstChild(root, "Flows");
  return [
    ...stepsIn(firstChild(firstChild(root, "PreFlow"), part), endpoint, phase, ""),
    ...(flows ? childElements(flows, "Flow") : []).flatMap((flow) =>
      stepsIn(firstChild(flow, part), endpoint, phase, trimmedOwnText(firstChild(flow, "Condition")))
    ),
    ...stepsIn(firstChild(firstChild(root, "PostFlow"), part), endpoint, phase, ""),
    ...(phase === "response" ? stepsIn(firstChild(firstChild(root, "PostClientFlow"), part), endpoint, phase, "") : [])
  ];
}

/** Every step of the bundle, in no particular order across endpoints. */
export function allSteps(bundle: BundleModel): StepRef[] {
  const phases: Phase[] = ["request", "response", "fault"];
  return [...bundle.proxyEndpoints, ...bundle.targetEndpoints, ...bundle.sharedFlows].flatMap((e) => phases.flatMap((p) => endpointSteps(e, p)));
}

/** What runs before a request reaches this target: every ProxyEndpoint's request steps, then the target's. */
export function targetRequestPath(bundle: BundleModel, target: EndpointFile): StepRef[] {
  return [...bundle.proxyEndpoints.flatMap((p) => endpointSteps(p, "request")), ...endpointSteps(target, "request")];
}

/** The steps that can have run before `step` in the same message exchange. */
export function stepsBefore(bundle: BundleModel, step: StepRef): StepRef[] {
  const ep = step.endpoint;
  const own = (phase: Phase) => {
    const list = endpointSteps(ep, phase);
    const at = list.findIndex((s) => s.element === step.element);
    return at < 0 ? [] : list.slice(0, at);
  };
  const proxyRequest = () => bundle.proxyEndpoints.flatMap((p) => endpointSteps(p, "request"));
  const targets = (phase: Phase) => bundle.targetEndpoints.flatMap((t) => endpointSteps(t, phase));
  if (ep.kind === "sharedflow") return own("request");
  if (ep.kind === "proxy") {
    if (step.phase === "request") return own("request");
    if (step.phase === "response") return [...proxyRequest(), ...targets("request"), ...targets("response"), ...own("response")];
    return [...proxyRequest(), ...targets("request"), ...own("fault")];
  }
  if (step.phase === "request") return [...proxyRequest(), ...own("request")];
  if (step.phase === "response") return [...proxyRequest(), ...endpointSteps(ep, "request"), ...own("response")];
  return [...proxyRequest(), ...endpointSteps(ep, "request"), ...own("fault")];
}

/** The steps that run a policy, wherever they are attached. */
export function stepsRunning(bundle: BundleModel, policyName: string): StepRef[] {
  return allSteps(bundle).filter((s) => s.policyName === policyName);
}

/** The conditions guarding a step: its own and its flow's, joined with "and". */
export function guardOf(step: StepRef): string {
  return [step.flowCondition, step.condition].filter((c) => c !== "").join(" and ");
}

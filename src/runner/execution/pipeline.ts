// One request through an API proxy, in Apigee's order:
//   ProxyEndpoint PreFlow, first matching Flow, PostFlow (request)
//   RouteRules: the first that matches picks a TargetEndpoint, or none
//   TargetEndpoint PreFlow, Flow, PostFlow (request), the backend call,
//   then the same flows' response steps, then the ProxyEndpoint's
//   response to the client, then PostClientFlow.
// A fault stops the flow: the FaultRules of the endpoint where it happened
// run (ProxyEndpoint bottom to top, TargetEndpoint top to bottom, the first
// whose condition holds), then its DefaultFaultRule when no FaultRule ran or
// when it says AlwaysEnforce.

import { firstHeader, Message } from "../../flow/message";
import type { ApiProxyBundle, DefaultFaultRule, FaultRule, FlowDef, ProxyEndpoint, TargetEndpoint } from "../bundle/model";
import type { ExecutionContext } from "./context";
import { defaultErrorBody, PolicyFault, REASONS } from "./fault";
import { conditionHolds, firstMatchingFlow, runSteps } from "./steps";
import { callTarget } from "./target-call";

export interface FinalResponse {
  status: number;
  reason: string;
  headers: [string, string][];
  body: Buffer;
}

export async function runProxy(ctx: ExecutionContext, endpoint: ProxyEndpoint): Promise<FinalResponse> {
  const bundle = ctx.bundle as ApiProxyBundle;
  let proxyFlow: FlowDef | null = null;
  try {
    ctx.phase = "PROXY_REQ_FLOW";
    await runSteps(ctx, endpoint.preFlow.request);
    proxyFlow = firstMatchingFlow(ctx, endpoint.flows);
    ctx.set("current.flow.name", proxyFlow?.name ?? null);
    if (proxyFlow) await runSteps(ctx, proxyFlow.request);
    await runSteps(ctx, endpoint.postFlow.request);
    const route = endpoint.routeRules.find((r) => conditionHolds(ctx, r.condition));
    if (route?.targetEndpoint) {
      const failed = await runTarget(ctx, bundle.targetEndpoints.get(route.targetEndpoint)!);
      if (failed) return failed;
    } else if (!ctx.flow.messages.response) {
      ctx.flow.messages.response = emptyResponse();
    }
    ctx.phase = "PROXY_RESP_FLOW";
    await runSteps(ctx, endpoint.preFlow.response);
    if (proxyFlow) await runSteps(ctx, proxyFlow.response);
    await runSteps(ctx, endpoint.postFlow.response);
    return finalResponse(ctx);
  } catch (e) {
    return handleFault(ctx, e as PolicyFault, [...endpoint.faultRules].reverse(), endpoint.defaultFaultRule);
  }
}

/** Runs the TargetEndpoint; returns the error response when it faulted, else null. */
async function runTarget(ctx: ExecutionContext, target: TargetEndpoint): Promise<FinalResponse | null> {
  const clientHost = firstHeader(ctx.flow.messages.request, "host");
  ctx.set("target.name", target.name);
  if (target.connection && ctx.getString("target.url") === null) ctx.set("target.url", target.connection.url);
  try {
    ctx.phase = "TARGET_REQ_FLOW";
    await runSteps(ctx, target.preFlow.request);
    const flow = firstMatchingFlow(ctx, target.flows);
    if (flow) await runSteps(ctx, flow.request);
    await runSteps(ctx, target.postFlow.request);
    if (target.connection) await callTarget(ctx, target, clientHost);
    ctx.phase = "TARGET_RESP_FLOW";
    await runSteps(ctx, target.preFlow.response);
    if (flow) await runSteps(ctx, flow.response);
    await runSteps(ctx, target.postFlow.response);
    return null;
  } catch (e) {
    return handleFault(ctx, e as PolicyFault, target.faultRules, target.defaultFaultRule);
  }
}

function emptyResponse(): Message {
  return { method: null, url: null, status: 200, reason: "OK", headers: [], content: "" };
}

/** Puts the flow in its error state and runs the fault rules that apply. */
async function handleFault(ctx: ExecutionContext, fault: PolicyFault, rulesInOrder: FaultRule[], defaultRule: DefaultFaultRule | null): Promise<FinalResponse> {
  enterErrorState(ctx, fault);
  let ruleRan = false;
  let raisedInRule = false;
  const rule = rulesInOrder.find((r) => conditionHolds(ctx, r.condition));
  if (rule) {
    ruleRan = true;
    raisedInRule = await runFaultSteps(ctx, rule.steps);
  }
  if (defaultRule && (!ruleRan || (defaultRule.alwaysEnforce && !raisedInRule))) await runFaultSteps(ctx, defaultRule.steps);
  return finalResponse(ctx);
}

function enterErrorState(ctx: ExecutionContext, fault: PolicyFault): void {
  const response: Message = fault.response
    ? { method: null, url: null, status: fault.response.status, reason: fault.response.reason, headers: fault.response.headers.slice(), content: fault.response.content }
    : { method: null, url: null, status: fault.status, reason: REASONS[fault.status] ?? "", headers: [["Content-Type", "application/json"]], content: defaultErrorBody(fault) };
  if (!fault.response || fault.faultName !== "ErrorResponseCode") ctx.streamed.delete("response");
  ctx.flow.messages.response = response;
  ctx.flow.messages.error = response;
  ctx.set("fault.name", fault.faultName);
  ctx.set("fault.reason", fault.message);
  ctx.set("error.message", fault.message);
  ctx.set("error.state", ctx.phase);
  ctx.set("is.error", true);
}

/**
 * Steps of a FaultRule or DefaultFaultRule. A RaiseFault there sets the
 * response and processing continues, as in Apigee; returns whether one did.
 * Any other fault ends fault handling with that fault's default response.
 */
async function runFaultSteps(ctx: ExecutionContext, steps: FaultRule["steps"]): Promise<boolean> {
  let raised = false;
  for (const step of steps) {
    try {
      await runSteps(ctx, [step]);
    } catch (e) {
      const fault = e as PolicyFault;
      if (fault.faultName !== "RaiseFault") {
        enterErrorState(ctx, fault);
        return raised;
      }
      enterErrorState(ctx, fault);
      raised = true;
    }
  }
  return raised;
}

function finalResponse(ctx: ExecutionContext): FinalResponse {
  const response = ctx.flow.messages.response ?? emptyResponse();
  const status = response.status ?? 200;
  const streamed = ctx.streamed.get("response");
  return {
    status,
    reason: response.reason || REASONS[status] || "",
    headers: response.headers.filter(([n]) => n.toLowerCase() !== "transfer-encoding"),
    body: streamed ?? Buffer.from(response.content, "utf8")
  };
}

/**
 * PostClientFlow: after the response went out. Only MessageLogging may be
 * there (the loader refuses other policies), and it hands its write to the
 * background and never faults; a fault would only be logged. After a fault
 * the response is gone: "response variables are not available in
 * PostClientFlow following an Error Flow" (Apigee's antipattern page on
 * MessageLogging, which says to copy what is to be logged into variables
 * first); fault.name and variables set earlier remain.
 */
export async function runPostClientFlow(ctx: ExecutionContext, endpoint: ProxyEndpoint): Promise<void> {
  if (!endpoint.postClientFlow.length) return;
  ctx.phase = "PROXY_RESP_FLOW";
  if (ctx.get("is.error") === true) {
    delete ctx.flow.messages.response;
    ctx.streamed.delete("response");
  }
  try {
    await runSteps(ctx, endpoint.postClientFlow);
  } catch (e) {
    ctx.services.log(`  PostClientFlow fault: ${(e as Error).message}`);
  }
}

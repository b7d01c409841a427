// Runs the steps of a flow: each step's condition, then its policy, with
// enabled/continueOnError as Apigee applies them.

import type { Condition } from "../conditions";
import type { FlowDef, Step } from "../bundle/model";
import type { ExecutionContext } from "./context";
import { UnresolvedVariableError } from "../templates";
import { PolicyFault } from "./fault";

export function conditionHolds(ctx: ExecutionContext, condition: Condition | null): boolean {
  return condition === null || condition.evaluate((name) => ctx.get(name));
}

/** The first conditional flow whose condition holds, as Apigee picks it. */
export function firstMatchingFlow(ctx: ExecutionContext, flows: FlowDef[]): FlowDef | null {
  return flows.find((f) => conditionHolds(ctx, f.condition)) ?? null;
}

export async function runSteps(ctx: ExecutionContext, steps: Step[]): Promise<void> {
  for (const step of steps) {
    const policy = ctx.policies.get(step.name)!;
    if (!policy.enabled || !conditionHolds(ctx, step.condition)) {
      ctx.steps.push({ policy: policy.name, type: policy.type, outcome: "skipped", ms: 0 });
      continue;
    }
    const started = performance.now();
    try {
      await policy.execute(ctx);
      ctx.steps.push({ policy: policy.name, type: policy.type, outcome: "ok", ms: performance.now() - started });
    } catch (e) {
      ctx.steps.push({ policy: policy.name, type: policy.type, outcome: "fault", ms: performance.now() - started });
      const fault = asFault(e, policy.type, policy.name);
      ctx.set(`${policy.type.toLowerCase()}.${policy.name}.failed`, true);
      if (!policy.continueOnError) throw fault;
    }
  }
}

/** Anything a policy throws becomes a fault; a bug in the runner too, with its message. */
export function asFault(e: unknown, type: string, name: string): PolicyFault {
  if (e instanceof PolicyFault) return e;
  if (e instanceof UnresolvedVariableError) {
    return new PolicyFault("UnresolvedVariable", `steps.${type.toLowerCase()}.UnresolvedVariable`, `${name}: ${e.message}`, 500);
  }
  const message = e instanceof Error ? e.message : String(e);
  return new PolicyFault("ExecutionFailed", `steps.${type.toLowerCase()}.ExecutionFailed`, `Execution of ${name} failed: ${message}`, 500);
}

// One message's execution state: its flow variables and messages, which
// bundle's policies are running (a proxy, or a shared flow it calls), the
// shared flows it may call, and the runtime services behind it.

import { FlowState, FlowValue, getFlowVariable, removeFlowVariable, setFlowVariable } from "../../flow/flow-variables";
import type { Bundle, SharedFlowBundle } from "../bundle/model";
import type { RuntimeServices } from "../services";
import type { Template } from "../templates";

export type FlowPhase = "PROXY_REQ_FLOW" | "PROXY_RESP_FLOW" | "TARGET_REQ_FLOW" | "TARGET_RESP_FLOW";

/** A policy as a flow step runs it; policies/ compiles each declared policy into one. */
export interface StepPolicy {
  name: string;
  type: string;
  enabled: boolean;
  continueOnError: boolean;
  /** Runs the policy. Throws PolicyFault when it fails. */
  execute(ctx: ExecutionContext): Promise<void>;
}

/** A bundle as it runs: what it declares, its policies by name, and the service account it is deployed with. */
export interface RunningBundle<B extends Bundle = Bundle> {
  bundle: B;
  policies: ReadonlyMap<string, StepPolicy>;
  /**
   * The identity of the deployment (Apigee's deploy API serviceAccount): the
   * account its <Authentication> elements mint Google tokens for. A shared
   * flow's is its own deployment's, not its caller's. Unset: the runner's default.
   */
  serviceAccount?: string;
}

/** A policy that ran: name, type, result, milliseconds, for the dev log. */
export interface StepRecord {
  policy: string;
  type: string;
  outcome: "ok" | "fault" | "skipped";
  ms: number;
}

export class ExecutionContext {
  phase: FlowPhase = "PROXY_REQ_FLOW";
  /** What the running bundle declares. */
  readonly bundle: Bundle;
  /** The running bundle's policies, by name. */
  readonly policies: ReadonlyMap<string, StepPolicy>;
  /** The service account the running bundle is deployed with, when it has its own. */
  readonly deploymentServiceAccount: string | undefined;

  constructor(
    readonly services: RuntimeServices,
    running: RunningBundle,
    /** The deployed shared flows, by name, that FlowCallouts run. */
    readonly sharedFlows: ReadonlyMap<string, RunningBundle<SharedFlowBundle>>,
    readonly flow: FlowState,
    /** Bodies of streamed messages (policies see them as empty), by message name. */
    readonly streamed = new Map<string, Buffer>(),
    readonly steps: StepRecord[] = []
  ) {
    this.bundle = running.bundle;
    this.policies = running.policies;
    this.deploymentServiceAccount = running.serviceAccount;
  }

  /** The same message, running another bundle's policies (a FlowCallout's shared flow). */
  forBundle(running: RunningBundle): ExecutionContext {
    const ctx = new ExecutionContext(this.services, running, this.sharedFlows, this.flow, this.streamed, this.steps);
    ctx.phase = this.phase;
    return ctx;
  }

  get(name: string): FlowValue | string[] {
    const system = this.systemVariable(name);
    return system !== undefined ? system : getFlowVariable(this.flow, name);
  }

  /** The variable as text, or null when unset. */
  getString(name: string): string | null {
    const v = this.get(name);
    if (v === null) return null;
    return Array.isArray(v) ? v.join(",") : String(v);
  }

  set(name: string, value: FlowValue): void {
    setFlowVariable(this.flow, name, value);
  }

  remove(name: string): void {
    removeFlowVariable(this.flow, name);
  }

  render(template: Template, ignoreUnresolved: boolean): string {
    return template.render({ lookup: (n) => this.get(n), ignoreUnresolved, now: () => this.services.now() });
  }

  /** system.* variables, computed from the runtime's clock when read. */
  private systemVariable(name: string): FlowValue | undefined {
    if (!name.startsWith("system.")) return undefined;
    const now = this.services.now();
    const d = new Date(now);
    switch (name) {
      case "system.timestamp":
        return now;
      case "system.time":
        return d.toUTCString();
      case "system.time.year":
        return d.getUTCFullYear();
      case "system.time.month":
        return d.getUTCMonth() + 1;
      case "system.time.day":
        return d.getUTCDate();
      case "system.time.hour":
        return d.getUTCHours();
      case "system.time.minute":
        return d.getUTCMinutes();
      case "system.time.second":
        return d.getUTCSeconds();
      case "system.time.millisecond":
        return d.getUTCMilliseconds();
      case "system.uuid":
        return crypto.randomUUID();
    }
    return undefined;
  }

  /** Copies the clock-derived variables into the flow, for a script that reads them. */
  materializeSystemVariables(): void {
    for (const name of ["system.timestamp", "system.time"]) this.flow.variables[name] = this.systemVariable(name)!;
  }
}

// Shared by the policy tests: a proxy that runs one policy (or a few) and
// echoes chosen variables as response headers, a DefaultFaultRule that adds
// fault.name to every error response, and readers for what came back.

import { Runner } from "../../../src/runner/runner";
import { writeProxy } from "../../support/bundle-fixtures";
import { echoVariables } from "../../support/runner";

const FAULT_NAME = `<AssignMessage name="FaultName"><AssignTo createNew="false" type="response">response</AssignTo><Set><Headers><Header name="x-fault-name">{fault.name}</Header></Headers></Set><IgnoreUnresolvedVariables>true</IgnoreUnresolvedVariables></AssignMessage>`;
const FAULT_RULE = `<DefaultFaultRule name="all"><Step><Name>FaultName</Name></Step><AlwaysEnforce>true</AlwaysEnforce></DefaultFaultRule>`;

export interface PolicyProxy {
  /** The policies under test, by name. */
  policies: Record<string, string>;
  /** Request PreFlow steps, before the echo. */
  steps: string[];
  /** Variables the echo returns as x-v0, x-v1, ... */
  echo?: string[];
}

/** A proxy at /NAME running `steps`, then echoing `echo`; faults carry x-fault-name. */
export function policyProxy(name: string, spec: PolicyProxy): string {
  return writeProxy(name, {
    basePath: `/${name}`,
    policies: { ...spec.policies, Echo: echoVariables("Echo", spec.echo ?? []), FaultName: FAULT_NAME },
    request: [...spec.steps, "Echo"],
    proxyExtra: FAULT_RULE
  });
}

/** The echoed variables, in order ("" for unset ones). */
export function echoed(r: Response, count: number): (string | null)[] {
  return Array.from({ length: count }, (_, i) => r.headers.get(`x-v${i}`));
}

export interface FaultSeen {
  status: number;
  name: string | null;
  errorcode: string;
  faultstring: string;
}

export async function faultOf(r: Response): Promise<FaultSeen> {
  const body = (await r.json()) as { fault: { faultstring: string; detail: { errorcode: string } } };
  return { status: r.status, name: r.headers.get("x-fault-name"), errorcode: body.fault.detail.errorcode, faultstring: body.fault.faultstring };
}

/** The load error of a bundle, as text; fails the test when the bundle loads. */
export async function loadError(bundle: string): Promise<string> {
  try {
    const runner = await Runner.start({ bundles: [bundle], environment: { name: "test" } });
    await runner.close();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected the bundle to be rejected");
}

/** A clock the test moves by hand, for environment.now. */
export class TestClock {
  constructor(public ms: number) {}
  readonly now = () => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
}

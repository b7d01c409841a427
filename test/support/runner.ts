// Starts the bundle runner for a test and closes it afterwards.

import type { RhinoMode } from "../../src/rhino/rhino-host";
import type { BundleSource } from "../../src/runner/deployed-bundle";
import { Runner } from "../../src/runner/runner";
import type { RunnerEnvironment } from "../../src/runner/services";

export interface TestRunner {
  runner: Runner;
  log: string[];
  fetch(path: string, init?: RequestInit): Promise<Response>;
}

const open: Runner[] = [];

export async function startRunner(bundles: BundleSource[], environment: Partial<RunnerEnvironment> = {}, rhinoMode: RhinoMode = "compiled"): Promise<TestRunner> {
  const log: string[] = [];
  const runner = await Runner.start({ bundles, environment: { name: "test", ...environment }, log: (l) => log.push(l), verbose: true, rhinoMode });
  open.push(runner);
  return { runner, log, fetch: (path, init) => fetch(runner.url + path, init) };
}

export async function closeRunners(): Promise<void> {
  await Promise.all(open.splice(0).map((r) => r.close()));
}

/** An AssignMessage that echoes variables as response headers, to observe them over HTTP. */
export function echoVariables(name: string, variables: string[]): string {
  const headers = variables.map((v, i) => `<Header name="x-v${i}">{${v}}</Header>`).join("");
  return `<AssignMessage name="${name}"><AssignTo createNew="false" type="response">response</AssignTo><Set><Headers>${headers}</Headers></Set><IgnoreUnresolvedVariables>true</IgnoreUnresolvedVariables></AssignMessage>`;
}

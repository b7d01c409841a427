// Starts the bundle runner for a test and closes it afterwards.

import type { RhinoMode } from "../../src/rhino/rhino-host";
import type { BundleSource } from "../../src/runner/deployed-bundle";
import { Runner, type CompletedRequest } from "../../src/runner/runner";
import type { RunnerEnvironment } from "../../src/runner/services";

export interface TestRunner {
  runner: Runner;
  log: string[];
  /** Every request served, in order, with its final flow variables. */
  completed: CompletedRequest[];
  fetch(path: string, init?: RequestInit): Promise<Response>;
}

const open: Runner[] = [];

export async function startRunner(bundles: BundleSource[], environment: Partial<RunnerEnvironment> = {}, rhinoMode: RhinoMode = "compiled"): Promise<TestRunner> {
  const log: string[] = [];
  const completed: CompletedRequest[] = [];
  const runner = await Runner.start({ bundles, environment: { name: "test", ...environment }, log: (l) => log.push(l), verbose: true, rhinoMode, onCompleted: (r) => completed.push(r) });
  open.push(runner);
  return { runner, log, completed, fetch: (path, init) => fetch(runner.url + path, init) };
}

export async function closeRunners(): Promise<void> {
  await Promise.all(open.splice(0).map((r) => r.close()));
}

/** An AssignMessage that echoes variables as response headers, to observe them over HTTP. */
export function echoVariables(name: string, variables: string[]): string {
  const headers = variables.map((v, i) => `<Header name="x-v${i}">{${v}}</Header>`).join("");
  return `<AssignMessage name="${name}"><AssignTo createNew="false" type="response">response</AssignTo><Set><Headers>${headers}</Headers></Set><IgnoreUnresolvedVariables>true</IgnoreUnresolvedVariables></AssignMessage>`;
}

/** The full problem behind the last answer (a flow variable such as s3.problem.detail), which the caller's body leaves out. */
export function lastProblemDetail(t: TestRunner, variable: string): Record<string, unknown> {
  const last = t.completed[t.completed.length - 1];
  const text = last?.flow.variables[variable];
  if (typeof text !== "string") throw new Error(`the last request set no ${variable}`);
  return JSON.parse(text) as Record<string, unknown>;
}

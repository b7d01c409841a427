// Test callouts under test/fixtures/callouts, built by the real toolchain and
// run in a real Rhino host.

import * as os from "node:os";
import * as path from "node:path";
import { packageRoot } from "../../src/common/paths";
import type { FlowState } from "../../src/flow/flow-variables";
import type { RunJob, RunResult } from "../../src/rhino/protocol";
import { RhinoHost } from "../../src/rhino/rhino-host";
import { buildCallout } from "../../src/toolchain/build-callout";

export async function buildFixture(name: string): Promise<string> {
  const root = packageRoot();
  const built = await buildCallout({
    entry: path.join(root, "test/fixtures/callouts", `${name}.ts`),
    outfile: path.join(os.tmpdir(), "apigee-aws-fixtures", `${name}.js`),
    rootDir: root
  });
  return built.code;
}

export function emptyFlow(variables: FlowState["variables"] = {}): FlowState {
  return { variables, messages: {}, current: "request" };
}

export function job(partial: Partial<RunJob> & Pick<RunJob, "scripts">): RunJob {
  return { properties: {}, timeLimitMs: 5000, flowName: "PROXY_REQ_FLOW", flow: emptyFlow(), ...partial };
}

/** Runs a fixture once with the given flow variables and returns the result. */
export async function runFixture(
  host: RhinoHost,
  name: string,
  source: string,
  variables: FlowState["variables"],
  timeLimitMs = 5000
): Promise<RunResult> {
  const script = await host.load(`${name}.js`, source);
  const result = await host.run(job({ scripts: [script], flow: emptyFlow(variables), timeLimitMs }));
  if (result.timedOut) throw new Error(`${name} ran past its ${timeLimitMs} ms time limit in Rhino`);
  if (result.error) throw new Error(`${name} failed in Rhino: ${result.error.name}: ${result.error.message}`);
  return result;
}

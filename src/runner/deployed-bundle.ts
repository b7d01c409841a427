// A bundle as the runner runs it: what its XML declares (bundle/) with its
// policies compiled (policies/), built once when the runner loads it, as a
// deployment does.

import { readBundle } from "./bundle/load-bundle";
import { ProblemList } from "./bundle/load-error";
import type { ApiProxyBundle, Bundle, SharedFlowBundle } from "./bundle/model";
import type { RunningBundle } from "./execution/context";
import { compilePolicies } from "./policies/compile-policies";
import type { CompiledPolicy } from "./policies/policy";

export interface DeployedBundle<B extends Bundle = Bundle> extends RunningBundle<B> {
  /** Every policy the bundle declares, compiled, by name. */
  policies: Map<string, CompiledPolicy>;
}

export type DeployedProxy = DeployedBundle<ApiProxyBundle>;
export type DeployedSharedFlow = DeployedBundle<SharedFlowBundle>;

/** Reads and compiles a bundle (folder or zip); throws BundleLoadError with every problem found. */
/** `location` is relative to `cwd` when given, and messages name it as given. */
export function loadDeployedBundle(location: string, cwd?: string): DeployedBundle {
  const problems = new ProblemList();
  const bundle = readBundle(location, problems, cwd);
  const policies = compilePolicies(bundle, problems);
  problems.check();
  return { bundle, policies };
}

export function isDeployedProxy(deployed: DeployedBundle): deployed is DeployedProxy {
  return deployed.bundle.kind === "apiproxy";
}

export function isDeployedSharedFlow(deployed: DeployedBundle): deployed is DeployedSharedFlow {
  return deployed.bundle.kind === "sharedflowbundle";
}

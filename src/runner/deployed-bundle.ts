// A bundle as the runner runs it: what its XML declares (bundle/) with its
// policies compiled (policies/), built once when the runner loads it, as a
// deployment does.

import type { BundleFiles } from "../bundle/files";
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

/** A bundle to deploy: where its files are, and the service account it is deployed with (Apigee's deploy serviceAccount), if any. */
export type BundleSource = string | BundleFiles | Deployment;

export interface Deployment {
  bundle: string | BundleFiles;
  serviceAccount?: string;
}

/** Reads and compiles a bundle (folder, zip, or files in memory; a path is relative to `cwd` when given, and messages name it as given); throws BundleLoadError with every problem found. */
export function loadDeployedBundle(source: BundleSource, cwd?: string): DeployedBundle {
  const deployment: Deployment = typeof source === "object" && "bundle" in source ? source : { bundle: source };
  const problems = new ProblemList();
  const bundle = readBundle(deployment.bundle, problems, cwd);
  const policies = compilePolicies(bundle, problems);
  problems.check();
  return { bundle, policies, ...(deployment.serviceAccount ? { serviceAccount: deployment.serviceAccount } : {}) };
}

export function isDeployedProxy(deployed: DeployedBundle): deployed is DeployedProxy {
  return deployed.bundle.kind === "apiproxy";
}

export function isDeployedSharedFlow(deployed: DeployedBundle): deployed is DeployedSharedFlow {
  return deployed.bundle.kind === "sharedflowbundle";
}

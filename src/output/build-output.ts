// Everything `apigee-aws build` writes, computed in memory first: the proxy
// bundles (folders and zips), the shared flows they call, each environment's
// property set, and the AWS side (IAM documents, Terraform), all from the
// plan. Same plan, same bytes. Each bundle's descriptor records the hash of its content, which
// `apigee-aws deploy` compares with the revisions in Apigee.

import type { BundleFiles, BundleRoot } from "../bundle/files";
import { withRecordedContentHash } from "../common/bundle-content-hash";
import { readFileTree } from "../common/file-tree";
import { packageRoot } from "../common/paths";
import { environmentPropertySet, generateProxyBundle, readBuiltCallouts, zipBundle } from "../generator";
import { SHARED_FLOW_CALLOUTS, sharedFlowRoot } from "../generator/shared-flows";
import type { BuildPlan } from "../plan/model";
import { awsFiles } from "./aws-files";

/** Output path (relative, "/"-separated) → content. */
export type BuildOutput = Map<string, Buffer>;

/**
 * The file that marks a folder as a build's output. `build` replaces a folder
 * whole, so it does so only to an empty folder or to one holding this mark:
 * never to a folder of the user's own files that --out happened to name.
 */
export const BUILD_MARKER = ".apigee-aws-build";
const BUILD_MARKER_TEXT =
  "This folder is written by `apigee-aws build`, which replaces it whole on every build:\nkeep no other files here. Edit the intent file and build again instead.\n";

function sharedFlowFiles(name: string): Map<string, Buffer> {
  return new Map([...readFileTree(sharedFlowRoot(packageRoot(), name))].map(([rel, content]) => [`sharedflowbundle/${rel}`, content]));
}

/** Called after each proxy bundle, for progress on long builds. */
export type BuildProgress = (proxiesDone: number, proxiesTotal: number) => void;

export function buildOutput(plan: BuildPlan, progress?: BuildProgress): BuildOutput {
  const out: BuildOutput = new Map();
  const callouts = readBuiltCallouts();
  for (const [index, proxyPlan] of plan.proxies.entries()) {
    progress?.(index, plan.proxies.length);
    const name = proxyPlan.proxy.name;
    const files = withRecordedContentHash(generateProxyBundle(plan, proxyPlan, callouts));
    for (const [rel, content] of files) out.set(`proxies/${name}/${rel}`, content);
    out.set(`proxies/${name}.zip`, zipBundle(files));
  }
  for (const name of Object.keys(SHARED_FLOW_CALLOUTS).sort()) {
    const files = withRecordedContentHash(sharedFlowFiles(name));
    for (const [rel, content] of files) out.set(`sharedflows/${name}/${rel}`, content);
    out.set(`sharedflows/${name}.zip`, zipBundle(files));
  }
  for (const env of plan.intent.environments) out.set(`env/${env}/propertysets/apigeeaws.properties`, Buffer.from(environmentPropertySet(plan, env)));
  for (const [rel, content] of awsFiles(plan)) out.set(rel, Buffer.from(content));
  out.set(BUILD_MARKER, Buffer.from(BUILD_MARKER_TEXT));
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The bundles of a build (proxies and shared flows) as the runner reads them, without writing them anywhere. */
export function bundlesOf(output: BuildOutput): BundleFiles[] {
  const bundles = new Map<string, BundleFiles>();
  for (const [rel, content] of output) {
    const m = /^(proxies|sharedflows)\/([^/]+)\/(apiproxy|sharedflowbundle)\/(.+)$/.exec(rel);
    if (!m) continue;
    const source = `${m[1]}/${m[2]}/${m[3]}`;
    const bundle = bundles.get(source) ?? { root: m[3] as BundleRoot, source, files: new Map<string, Buffer>() };
    bundle.files.set(m[4], content);
    bundles.set(source, bundle);
  }
  return [...bundles.values()];
}

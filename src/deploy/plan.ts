// The deploy plan: every bundle and property set of dist in deploy order,
// each with what will happen to it and why. With a client the plan reads
// Apigee's current state, so unchanged bundles are skipped and a revision
// that already holds the content is deployed without a new upload; without
// one (a dry run with no token) every step is shown as it would be on an
// empty organization.

import { UserError } from "../common/user-error";
import type { ApigeeClient } from "./api-client";
import type { Dist, LocalBundle, LocalPropertySet } from "./dist";
import { missingReferences, sharedFlowOrder, type MissingReference } from "./order";
import { deploymentAccounts, needsServiceAccount, serviceAccountReason, sharedAccountNotes, type DeploymentAccount } from "./service-account";
import { deployedRevision, readBundleState, readResourceFile, type BundleState } from "./state";
import { uploadArchive, type UploadArchive } from "./upload-archive";

export type BundleAction = "upload-and-deploy" | "deploy-existing" | "unchanged";
export type PropertySetAction = "create" | "update" | "unchanged" | "create-or-update";

export interface BundleStep {
  type: "bundle";
  bundle: LocalBundle;
  archive: UploadArchive;
  action: BundleAction;
  /** The revision deployed or kept; undefined when the upload creates it. */
  revision?: string;
  reason: string;
  /** Passed as serviceAccount on the deployment. */
  serviceAccount?: string;
  /** Where serviceAccount comes from (the property set entry, or --service-account). */
  serviceAccountSource?: string;
}

export interface PropertySetStep {
  type: "property-set";
  set: LocalPropertySet;
  action: PropertySetAction;
  reason: string;
}

export type Step = BundleStep | PropertySetStep;

export interface Plan {
  org: string;
  env: string;
  steps: Step[];
  /** False for a dry run without a token: nothing was read from Apigee. */
  stateRead: boolean;
  /** Things the reader should know (stamped uploads, unchecked references). */
  notes: string[];
}

export interface PlanInputs {
  dist: Dist;
  org: string;
  env: string;
  client?: ApigeeClient;
  serviceAccountFlag?: string;
}

const PROPERTIES = "properties";

function short(hash: string | undefined): string {
  return hash ? `sha256:${hash.slice(0, 12)}…` : "no recorded content hash";
}

/** Bundles in deploy order: shared flows callees first, then proxies by name. */
export function deployOrder(dist: Dist): LocalBundle[] {
  const order = sharedFlowOrder(dist.sharedFlows.map((f) => ({ name: f.name, calls: f.facts.flowCallouts })));
  const byName = new Map(dist.sharedFlows.map((f) => [f.name, f]));
  return [...order.map((n) => byName.get(n)!), ...dist.proxies];
}

async function checkReferences(inputs: PlanInputs, notes: string[]): Promise<void> {
  const { dist, client, org, env } = inputs;
  const local = new Set(dist.sharedFlows.map((f) => f.name));
  const missing = missingReferences([...dist.sharedFlows, ...dist.proxies].map((b) => ({ name: b.name, calls: b.facts.flowCallouts })), local);
  if (!missing.length) return;
  const targets = [...new Set(missing.map((m) => m.to))];
  if (!client) {
    notes.push(`not checked without a token: shared flow${targets.length > 1 ? "s" : ""} ${targets.join(", ")} (called but not in ${dist.source}) must already be deployed in ${env}`);
    return;
  }
  const undeployed: MissingReference[] = [];
  for (const target of targets) {
    if (!(await deployedRevision(client, org, env, "sharedflow", target))) undeployed.push(...missing.filter((m) => m.to === target));
  }
  if (undeployed.length) {
    const lines = undeployed.map((m) => `  - ${m.from} calls shared flow ${m.to}`);
    throw new UserError(
      `FlowCallouts call shared flows that are neither in ${dist.source} nor deployed in environment ${env}; Apigee would refuse the deployment:\n${lines.join("\n")}\nDeploy those shared flows to ${env} first, or rebuild so dist contains them. Nothing was changed.`
    );
  }
}

function bundleAction(state: BundleState | undefined, bundle: LocalBundle, serviceAccount: string | undefined): Pick<BundleStep, "action" | "revision" | "reason"> {
  if (!state) return { action: "upload-and-deploy", reason: "current state not read (no token)" };
  if (!state.exists) return { action: "upload-and-deploy", reason: `new: ${bundle.name} is not in the organization yet` };
  const deployed = state.deployed;
  if (deployed && state.matching === deployed.revision) {
    if (serviceAccount && deployed.serviceAccount && deployed.serviceAccount !== serviceAccount) {
      return { action: "deploy-existing", revision: deployed.revision, reason: `revision ${deployed.revision} has this content but runs as ${deployed.serviceAccount}; redeploying it as ${serviceAccount}` };
    }
    return { action: "unchanged", revision: deployed.revision, reason: `unchanged: revision ${deployed.revision} has ${short(bundle.contentHash)} and is deployed` };
  }
  if (state.matching) {
    return { action: "deploy-existing", revision: state.matching, reason: `revision ${state.matching} already has ${short(bundle.contentHash)}; deploying it without a new upload` };
  }
  const was = deployed ? `deployed revision ${deployed.revision} has ${short(deployed.hash)}` : "no revision is deployed";
  return { action: "upload-and-deploy", reason: `changed: ${was}, dist has ${short(bundle.contentHash)}` };
}

async function propertySetStep(inputs: PlanInputs, set: LocalPropertySet): Promise<PropertySetStep> {
  const where = `${PROPERTIES}/${set.name} in ${inputs.env}`;
  if (!inputs.client) return { type: "property-set", set, action: "create-or-update", reason: "current state not read (no token)" };
  const current = await readResourceFile(inputs.client, inputs.org, inputs.env, PROPERTIES, set.name);
  if (!current) return { type: "property-set", set, action: "create", reason: `new: ${where} does not exist yet` };
  if (current.equals(set.content)) return { type: "property-set", set, action: "unchanged", reason: `unchanged: ${where} has the same content` };
  return { type: "property-set", set, action: "update", reason: `changed: ${where} differs from ${set.source}` };
}

export async function buildPlan(inputs: PlanInputs): Promise<Plan> {
  const { dist, client, org, env } = inputs;
  const ordered = deployOrder(dist);
  const notes: string[] = [];
  await checkReferences(inputs, notes);
  const accounts = deploymentAccounts(dist, env, inputs.serviceAccountFlag);
  notes.push(...sharedAccountNotes(accounts, dist.proxies));
  const bundleSteps: BundleStep[] = [];
  for (const bundle of ordered) {
    const account: DeploymentAccount | undefined = accounts.get(bundle.name);
    const serviceAccount = account?.email;
    const state = client ? await readBundleState(client, org, env, bundle.kind, bundle.name, bundle.contentHash) : undefined;
    const archive = uploadArchive(bundle);
    const step: BundleStep = { type: "bundle", bundle, archive, serviceAccount, serviceAccountSource: account?.source, ...bundleAction(state, bundle, serviceAccount) };
    if (step.action === "upload-and-deploy" && archive.note) notes.push(archive.note);
    bundleSteps.push(step);
  }
  const lacking = bundleSteps.filter((s) => s.action !== "unchanged" && !s.serviceAccount && needsServiceAccount(s.bundle, dist.sharedFlows));
  if (lacking.length) {
    const lines = lacking.map((s) => `  - ${s.bundle.name}: ${serviceAccountReason(s.bundle, dist.sharedFlows)}`);
    throw new UserError(
      `these bundles must be deployed with a runtime service account, and none was given:\n${lines.join("\n")}\nRebuild dist with apigee-aws build (a generated proxy's account is in its environment's property set), or pass --service-account NAME@PROJECT.iam.gserviceaccount.com for bundles the build did not write. Nothing was changed.`
    );
  }
  const propertySteps: PropertySetStep[] = [];
  for (const set of dist.propertySets) propertySteps.push(await propertySetStep(inputs, set));
  const sharedFlowSteps = bundleSteps.filter((s) => s.bundle.kind === "sharedflow");
  const proxySteps = bundleSteps.filter((s) => s.bundle.kind === "proxy");
  return { org, env, steps: [...sharedFlowSteps, ...propertySteps, ...proxySteps], stateRead: !!client, notes };
}

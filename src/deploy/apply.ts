// Carrying out a plan, step by step, stopping at the first failure: upload
// (import as a new revision), deploy with override (and the service account
// where needed), wait until READY; create or update property sets.

import { UserError } from "../common/user-error";
import type { ApigeeClient } from "./api-client";
import { ApigeeApiError } from "./api-error";
import { createResourceFile, deployRevision, importBundle, kindLabel, updateResourceFile } from "./apigee-calls";
import type { BundleStep, Plan, PropertySetStep, Step } from "./plan";
import { waitUntilReady, type WaitOptions } from "./waiter";

export type Outcome = "uploaded and deployed" | "deployed" | "unchanged" | "created" | "updated";

export interface StepResult {
  kind: "proxy" | "sharedflow" | "property-set";
  name: string;
  outcome: Outcome;
  revision?: string;
  reason: string;
  serviceAccount?: string;
}

export interface ApplyResult {
  results: StepResult[];
  uploaded: number;
  deployed: number;
  unchanged: number;
}

export interface ApplyOptions {
  client: ApigeeClient;
  wait: Omit<WaitOptions, "progress">;
  progress: (line: string) => void;
}

/** A step failed; the steps before it are done and stay done. */
export class DeployStepError extends UserError {
  constructor(
    message: string,
    readonly failedStep: string,
    readonly done: StepResult[]
  ) {
    super(message);
    this.name = "DeployStepError";
  }
}

function stepName(step: Step): string {
  return step.type === "bundle" ? `${kindLabel(step.bundle.kind)} ${step.bundle.name}` : `property set ${step.set.name}`;
}

function actionText(step: Step): string {
  if (step.type === "property-set") return step.action;
  return step.action === "upload-and-deploy" ? "upload and deploy" : step.action === "deploy-existing" ? `deploy revision ${step.revision}` : "unchanged";
}

/** Counts of bundles (property sets are reported by name, not counted). */
export function summarize(results: StepResult[]): ApplyResult {
  const bundles = results.filter((r) => r.kind !== "property-set");
  return {
    results,
    uploaded: bundles.filter((r) => r.outcome === "uploaded and deployed").length,
    deployed: bundles.filter((r) => r.outcome === "uploaded and deployed" || r.outcome === "deployed").length,
    unchanged: bundles.filter((r) => r.outcome === "unchanged").length
  };
}

/** "name: action — reason", without repeating the action when the reason starts with it ("unchanged: …"). */
export function stepLine(name: string, action: string, reason: string): string {
  return reason.startsWith(`${action}:`) ? `${name}: ${reason}` : `${name}: ${action} — ${reason}`;
}

async function applyBundle(plan: Plan, step: BundleStep, options: ApplyOptions): Promise<StepResult> {
  const { bundle } = step;
  const base = { kind: bundle.kind, name: bundle.name, reason: step.reason, serviceAccount: step.serviceAccount } as const;
  if (step.action === "unchanged") return { ...base, outcome: "unchanged", revision: step.revision };
  let revision = step.revision;
  if (step.action === "upload-and-deploy") {
    if (step.archive.note) options.progress(`  note: ${step.archive.note}`);
    const call = importBundle(plan.org, bundle.kind, bundle.name, { fileName: step.archive.fileName, bytes: step.archive.bytes, source: step.archive.source });
    const { value } = await options.client.json<{ revision?: string }>(call);
    if (!value?.revision) throw new UserError(`${call.label}: Apigee's answer names no revision`);
    revision = String(value.revision);
    options.progress(`  uploaded ${step.archive.source} as revision ${revision}`);
  }
  options.progress(`  deploying revision ${revision} to ${plan.env}${step.serviceAccount ? ` as ${step.serviceAccount}` : ""}`);
  await options.client.send(deployRevision(plan.org, plan.env, bundle.kind, bundle.name, revision!, step.serviceAccount));
  const ready = await waitUntilReady(options.client, plan.org, plan.env, bundle.kind, bundle.name, revision!, { ...options.wait, progress: options.progress });
  options.progress(`  READY after ${(ready.elapsedMs / 1000).toFixed(1)} s`);
  return { ...base, outcome: step.action === "upload-and-deploy" ? "uploaded and deployed" : "deployed", revision };
}

async function applyPropertySet(plan: Plan, step: PropertySetStep, options: ApplyOptions): Promise<StepResult> {
  const base = { kind: "property-set", name: step.set.name, reason: step.reason } as const;
  if (step.action === "unchanged") return { ...base, outcome: "unchanged" };
  const file = { fileName: `${step.set.name}.properties`, bytes: step.set.content, source: step.set.source };
  const update = () => options.client.send(updateResourceFile(plan.org, plan.env, "properties", step.set.name, file));
  if (step.action === "update") {
    await update();
    options.progress(`  updated from ${file.source}`);
    return { ...base, outcome: "updated" };
  }
  try {
    await options.client.send(createResourceFile(plan.org, plan.env, "properties", step.set.name, file));
  } catch (e) {
    // Created meanwhile (by someone else, or by an attempt whose answer was lost): update it instead.
    if (!(e instanceof ApigeeApiError && e.httpStatus === 409)) throw e;
    await update();
    options.progress(`  it existed already; updated from ${file.source}`);
    return { ...base, outcome: "updated" };
  }
  options.progress(`  created from ${file.source}`);
  return { ...base, outcome: "created" };
}

export async function applyPlan(plan: Plan, options: ApplyOptions): Promise<ApplyResult> {
  const results: StepResult[] = [];
  for (const [i, step] of plan.steps.entries()) {
    const name = stepName(step);
    options.progress(`[${i + 1}/${plan.steps.length}] ${stepLine(name, actionText(step), step.reason)}`);
    try {
      results.push(step.type === "bundle" ? await applyBundle(plan, step, options) : await applyPropertySet(plan, step, options));
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      const doneText = results.length ? `Done before it: ${results.map((r) => `${r.name} (${r.outcome})`).join(", ")}.` : "Nothing was changed before it.";
      throw new DeployStepError(`step ${i + 1} of ${plan.steps.length} (${name}) failed; stopped there.\n${e.message}\n${doneText}`, name, results);
    }
  }
  return summarize(results);
}

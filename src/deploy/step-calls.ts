// The calls each plan step makes, in order, with the apigeecli command that
// does the same: what a dry run prints and what the JSON report lists. A
// revision the upload has yet to create shows as {new}.

import { apigeecliDeploy, apigeecliImport, apigeecliResource } from "./apigeecli";
import { createResourceFile, deployRevision, deploymentStatus, describeCall, importBundle, updateResourceFile, type ApiCall } from "./apigee-calls";
import type { Plan, Step } from "./plan";

export const NEW_REVISION = "{new}";

export interface PlannedCall {
  call: ApiCall;
  /** "GET … (until the deployment is READY)" rather than the bare call. */
  text: string;
  apigeecli?: string;
}

function planned(call: ApiCall, apigeecli?: string, suffix = ""): PlannedCall {
  return { call, text: describeCall(call) + suffix, apigeecli };
}

export function stepCalls(plan: Plan, step: Step): PlannedCall[] {
  const { org, env } = plan;
  if (step.type === "property-set") {
    const file = { fileName: `${step.set.name}.properties`, bytes: step.set.content, source: step.set.source };
    const create = planned(createResourceFile(org, env, "properties", step.set.name, file), apigeecliResource(org, env, "create", step.set.name, "properties", file.source));
    const update = planned(updateResourceFile(org, env, "properties", step.set.name, file), apigeecliResource(org, env, "update", step.set.name, "properties", file.source));
    if (step.action === "create") return [create];
    if (step.action === "update") return [update];
    if (step.action === "create-or-update") return [{ ...create, text: `${create.text}; when it already exists: ${update.text}` }];
    return [];
  }
  if (step.action === "unchanged") return [];
  const { bundle, archive } = step;
  const calls: PlannedCall[] = [];
  if (step.action === "upload-and-deploy") {
    const zipForCli = bundle.zipSource ?? `${bundle.name}.zip`;
    calls.push(planned(importBundle(org, bundle.kind, bundle.name, { fileName: archive.fileName, bytes: archive.bytes, source: archive.source }), apigeecliImport(org, bundle.kind, bundle.name, zipForCli)));
  }
  const revision = step.revision ?? NEW_REVISION;
  calls.push(planned(deployRevision(org, env, bundle.kind, bundle.name, revision, step.serviceAccount), apigeecliDeploy(org, env, bundle.kind, bundle.name, step.revision, step.serviceAccount)));
  calls.push(planned(deploymentStatus(org, env, bundle.kind, bundle.name, revision), undefined, " (until the deployment is READY)"));
  return calls;
}

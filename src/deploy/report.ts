// What `apigee-aws deploy` prints: the plan of a dry run (each call in
// order, with its apigeecli equivalent), the summary of a deploy, and the
// same as JSON for CI. Nothing here ever sees the token.

import { kindLabel } from "./apigee-calls";
import { stepLine, type ApplyResult, type StepResult } from "./apply";
import type { BundleStep, Plan, Step } from "./plan";
import { stepCalls } from "./step-calls";

function stepTitle(step: Step): string {
  if (step.type === "property-set") {
    const what = { create: "create", update: "update", unchanged: "unchanged", "create-or-update": "create or update" }[step.action];
    return stepLine(`property set ${step.set.name}`, what, step.reason);
  }
  const what = { "upload-and-deploy": "upload and deploy", "deploy-existing": `deploy revision ${step.revision}`, unchanged: "unchanged" }[step.action];
  return stepLine(`${kindLabel(step.bundle.kind)} ${step.bundle.name}`, what, step.reason);
}

/** `dist`: the build folder as messages show it. */
function header(plan: Plan, dist: string): string[] {
  const lines = [`Deploy plan for organization ${plan.org}, environment ${plan.env} (from ${dist})`];
  lines.push(
    plan.stateRead
      ? "Current state: read from Apigee; unchanged bundles are skipped."
      : "Current state: not read (no token: pass --token, set APIGEE_TOKEN, or install gcloud); every step is shown as if the organization were empty."
  );
  const deployedAs = plan.steps.filter((s): s is BundleStep => s.type === "bundle" && s.serviceAccount !== undefined);
  if (deployedAs.length) lines.push("Deployed as:", ...deployedAs.map((s) => `  ${s.bundle.name}: ${s.serviceAccount} (${s.serviceAccountSource})`));
  lines.push(`apigeecli equivalents expect an access token in TOKEN, e.g. TOKEN="$(gcloud auth print-access-token)".`);
  return lines;
}

export function renderPlan(plan: Plan, dist: string): string {
  const lines = [...header(plan, dist), ""];
  for (const [i, step] of plan.steps.entries()) {
    lines.push(`${i + 1}. ${stepTitle(step)}`);
    const calls = stepCalls(plan, step);
    if (!calls.length) lines.push("   (no calls)");
    for (const planned of calls) {
      lines.push(`   ${planned.text}`);
      if (planned.apigeecli) lines.push(`     $ ${planned.apigeecli}`);
    }
  }
  if (plan.notes.length) lines.push("", "Notes:", ...plan.notes.map((n) => `  - ${n}`));
  lines.push("", "Dry run: nothing was changed.");
  return lines.join("\n") + "\n";
}

export function renderSummary(plan: Plan, result: ApplyResult): string {
  const sets = result.results.filter((r) => r.kind === "property-set").map((r) => `property set ${r.name} ${r.outcome}`);
  const bundles = `${result.uploaded} uploaded, ${result.deployed} deployed, ${result.unchanged} unchanged`;
  return `Deployed to organization ${plan.org}, environment ${plan.env}: ${bundles}${sets.length ? `; ${sets.join(", ")}` : ""}.\n`;
}

function stepJson(plan: Plan, step: Step) {
  const base =
    step.type === "bundle"
      ? { kind: step.bundle.kind, name: step.bundle.name, action: step.action, revision: step.revision, contentHash: step.bundle.contentHash, serviceAccount: step.serviceAccount, serviceAccountSource: step.serviceAccountSource }
      : { kind: "property-set", name: step.set.name, action: step.action };
  return { ...base, reason: step.reason, calls: stepCalls(plan, step).map((c) => ({ call: c.text, apigeecli: c.apigeecli })) };
}

export interface JsonReportInput {
  plan: Plan;
  dryRun: boolean;
  result?: ApplyResult;
  error?: { message: string; failedStep?: string; done?: StepResult[] };
}

export function jsonReport(input: JsonReportInput): string {
  const { plan, dryRun, result, error } = input;
  const report = {
    ok: !error,
    dryRun,
    organization: plan.org,
    environment: plan.env,
    stateRead: plan.stateRead,
    steps: plan.steps.map((s) => stepJson(plan, s)),
    notes: plan.notes,
    ...(result ? { results: result.results, summary: { uploaded: result.uploaded, deployed: result.deployed, unchanged: result.unchanged } } : {}),
    ...(error ? { error: error.message, failedStep: error.failedStep, done: error.done ?? [] } : {})
  };
  return JSON.stringify(report, null, 2) + "\n";
}

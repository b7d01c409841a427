// The AWS side of the build, by path relative to the output folder: each
// role's IAM documents under aws/<env>/<proxy>/ (src/iam/role.ts) and the
// Terraform under aws/terraform/. Written from the plan, which has checked
// everything; ordered by path, and the same plan always gives the same bytes.

import { byCodeUnit, policyJson, sortedJson } from "../iam/policy-json";
import { roleFolder } from "../iam/role";
import { everyRole, type BuildPlan } from "../plan/model";
import { terraformFiles, terraformInput } from "../terraform/terraform";

/** aws/<env>/<proxy>/{trust-policy,permissions-policy,role}.json for every role of the plan (a secrets role's under secrets/). */
export function roleFiles(plan: BuildPlan): Map<string, string> {
  const files = new Map<string, string>();
  for (const role of everyRole(plan)) {
    const dir = `aws/${roleFolder(role)}`;
    files.set(`${dir}/trust-policy.json`, policyJson(role.trustPolicy));
    files.set(`${dir}/role.json`, sortedJson({ name: role.name, maxSessionDuration: role.maxSessionDurationSeconds, description: role.description }));
    if (role.permissionsPolicy) files.set(`${dir}/permissions-policy.json`, policyJson(role.permissionsPolicy));
  }
  return sortedByPath(files);
}

/** Every role's documents and the Terraform (aws/terraform/), by path. */
export function awsFiles(plan: BuildPlan): Map<string, string> {
  const files = roleFiles(plan);
  for (const [name, content] of terraformFiles(terraformInput(plan))) files.set(`aws/terraform/${name}`, content);
  return sortedByPath(files);
}

function sortedByPath(files: Map<string, string>): Map<string, string> {
  return new Map([...files].sort(([a], [b]) => byCodeUnit(a, b)));
}

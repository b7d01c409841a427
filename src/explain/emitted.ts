// The documents explain describes, as the build writes them from the plan:
// the IAM files (roleFiles) and each environment's property set entries.
// explain reads these, not the intent, so what it says is what the build
// writes and IAM will enforce.

import { propertySetEntries } from "../generator/property-set";
import { roleFiles } from "../output/aws-files";
import type { BuildPlan } from "../plan/model";
import type { EmittedDocuments } from "./environment-facts";

export function emittedDocuments(plan: BuildPlan): EmittedDocuments {
  return {
    aws: roleFiles(plan),
    propertySets: new Map(plan.intent.environments.map((env) => [env, propertySetEntries(plan, env)]))
  };
}

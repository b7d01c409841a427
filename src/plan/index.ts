// The build plan: src/plan/model.ts says what it holds, planner.ts how it is made.

import { loadIntentFile } from "../intent";
import type { BuildPlan } from "./model";
import { planBuild, type PlanOptions } from "./planner";

export type * from "./model";
export { roleIn } from "./model";
export { planBuild, type PlanOptions } from "./planner";

/** Reads, checks and plans an intent file (relative to `cwd` when given); every problem is one IntentError with file:line:column. */
export function planIntentFile(file: string, options: PlanOptions & { cwd?: string } = {}): BuildPlan {
  const { cwd, ...plan } = options;
  return planBuild(loadIntentFile(file, cwd), plan);
}

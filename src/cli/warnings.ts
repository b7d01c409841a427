// Warnings about the intent, printed by every command that reads one: on
// stderr, one line each with file:line:column, before the command's output.

import { formatProblem } from "../intent/problems";
import type { BuildPlan } from "../plan/model";

export function printWarnings(plan: BuildPlan): void {
  for (const warning of plan.warnings) process.stderr.write(`apigee-aws: warning: ${formatProblem(warning)}\n`);
}

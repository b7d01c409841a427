// Warnings about the intent, printed by every command that reads one: on
// stderr, one line each with file:line:column, before the command's output.
// Notes say what is left to do (unique IDs not known yet): on stdout, after
// the command's own output, since they are part of its result.

import { formatProblem } from "../intent/problems";
import type { BuildPlan } from "../plan/model";
import type { CliIo } from "./io";

export function printWarnings(plan: BuildPlan, io: CliIo): void {
  for (const warning of plan.warnings) io.stderr(`apigee-aws: warning: ${formatProblem(warning)}\n`);
}

export function printNotes(plan: BuildPlan, io: CliIo): void {
  for (const note of plan.notes) io.stdout(`note: ${note}\n`);
}

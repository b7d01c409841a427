// Intent-level checks in `apigee-aws lint`: every problem `apigee-aws build`
// would refuse the intent file for (the reader's and the planner's) becomes
// an AA-INTENT error at its line, and every warning build prints an AA-INTENT
// warning.

import { IntentError, type IntentProblem } from "../intent";
import { planIntentFile } from "../plan";
import { displayPath, Finding } from "./finding";
import { INTENT_RULE_ID } from "./rule-catalog";

function finding(p: IntentProblem, severity: Finding["severity"], cwd: string): Finding {
  return {
    ruleId: INTENT_RULE_ID,
    severity,
    message: p.path === "" ? p.message : `${p.path}: ${p.message}`,
    file: displayPath(p.file, cwd),
    line: p.line,
    column: p.column,
    bundle: ""
  };
}

/** No findings for an intent that builds without warnings. */
export function intentFindings(file: string, cwd: string): Finding[] {
  try {
    return planIntentFile(file, { cwd }).warnings.map((w) => finding(w, "warning", cwd));
  } catch (e) {
    if (!(e instanceof IntentError)) throw e;
    return e.problems.map((p) => finding(p, "error", cwd));
  }
}

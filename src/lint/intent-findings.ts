// Intent-level checks in `apigee-aws lint`: every problem `apigee-aws build`
// would refuse the intent file for becomes an AA-INTENT finding at its line.

import { IntentError, loadIntentFile } from "../intent";
import { displayPath, Finding } from "./finding";
import { INTENT_RULE_ID } from "./rule-catalog";

/** No findings for a valid intent. */
export function intentFindings(file: string, cwd: string): Finding[] {
  try {
    loadIntentFile(file);
    return [];
  } catch (e) {
    if (!(e instanceof IntentError)) throw e;
    return e.problems.map((p) => ({
      ruleId: INTENT_RULE_ID,
      severity: "error" as const,
      message: p.path === "" ? p.message : `${p.path}: ${p.message}`,
      file: displayPath(p.file, cwd),
      line: p.line,
      column: p.column,
      bundle: ""
    }));
  }
}

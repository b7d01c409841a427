// AA004: JavaScript that Apigee's Rhino runs, checked by the same code as the
// project's own callouts (src/rhino-compat), with three differences for
// someone else's scripts: every post-ES5 construct is reported rather than
// the first, feature-detected built-ins are left out, and the hints do not
// point at this project's sources.

import { RhinoProblem, rhinoProblems } from "../../rhino-compat/check";
import type { BundleModel } from "./model/bundle";
import { bundleScripts, inFile } from "./model/scripts";
import { memoByText } from "./model/text-memo";
import { defineRule, RuleFinding } from "./rule";

/** MISSING_GLOBALS' hints name this project's source files; these suit anyone's bundle. */
const USER_HINTS: Record<string, string> = {
  TextEncoder: "encode UTF-8 with unescape(encodeURIComponent(s)) and charCodeAt",
  require: "bundle the module into the script, or load it with <IncludeURL>",
  URL: "split the URL with a regular expression",
  URLSearchParams: "split the query string on & and = and decodeURIComponent the parts"
};

/** Every problem Rhino would have with a script, positions 1-based. Shared: do not modify. */
export const scriptProblems: (code: string) => readonly RhinoProblem[] = memoByText(64, (code) =>
  rhinoProblems(code, { hints: USER_HINTS, allowFeatureDetection: true, reportEveryConstruct: true })
);

export function findRhinoProblems(bundle: BundleModel): RuleFinding[] {
  return bundleScripts(bundle).flatMap((script) =>
    scriptProblems(script.text).map((p) => ({
      ruleId: "AA004",
      file: script.file,
      ...inFile(script, p),
      message: script.policy ? `<Source> of ${script.policy.name}: ${p.message}` : p.message
    }))
  );
}

export const rule = defineRule({
  id: "AA004",
  name: "rhino-compatible-javascript",
  severity: 2,
  summary: "JavaScript resources are ES5 that Apigee's Rhino runs, with no built-in Rhino lacks.",
  fix: "Rewrite the construct in ES5 (var, function, string concatenation) or compile the script to ES5; use the suggested replacement for a missing built-in.",
  checkBundle: findRhinoProblems
});

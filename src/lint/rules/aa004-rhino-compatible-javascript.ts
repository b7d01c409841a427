// AA004: JavaScript that Apigee's Rhino runs, checked by the same code as the
// project's own callouts (src/rhino-compat), with three differences for
// someone else's scripts: every post-ES5 construct is reported rather than
// the first, feature-detected built-ins are left out, and the hints do not
// point at this project's sources.

import { RhinoProblem, rhinoProblems } from "../../rhino-compat/check";
import type { BundleModel } from "./model/bundle";
import { readText } from "./model/bundle";
import type { TextPosition } from "./model/text-position";
import { contentPosition, firstChild, rawTextOf } from "./model/xml";
import { defineRule, RuleFinding } from "./rule";

/** MISSING_GLOBALS' hints name this project's source files; these suit anyone's bundle. */
const USER_HINTS: Record<string, string> = {
  TextEncoder: "encode UTF-8 with unescape(encodeURIComponent(s)) and charCodeAt",
  require: "bundle the module into the script, or load it with <IncludeURL>",
  URL: "split the URL with a regular expression",
  URLSearchParams: "split the query string on & and = and decodeURIComponent the parts"
};

/** Every problem Rhino would have with a script, positions 1-based. */
export function scriptProblems(code: string): RhinoProblem[] {
  return rhinoProblems(code, { hints: USER_HINTS, allowFeatureDetection: true, reportEveryConstruct: true });
}

function shifted(problem: RhinoProblem, start: TextPosition): TextPosition {
  return problem.line === 1 ? { line: start.line, column: start.column + problem.column - 1 } : { line: start.line + problem.line - 1, column: problem.column };
}

export function findRhinoProblems(bundle: BundleModel): RuleFinding[] {
  const resources = bundle.resources
    .filter((r) => r.type === "jsc" && r.name.endsWith(".js"))
    .flatMap((r) => scriptProblems(readText(r.file)).map((p) => ({ ruleId: "AA004", file: r.file, line: p.line, column: p.column, message: p.message })));
  const inline = [...bundle.policies.values()]
    .filter((p) => p.type === "Javascript")
    .flatMap((policy) => {
      const source = firstChild(policy.root, "Source");
      if (!source) return [];
      const start = contentPosition(source);
      return scriptProblems(rawTextOf(source)).map((p) => ({ ruleId: "AA004", file: policy.file, ...shifted(p, start), message: `<Source> of ${policy.name}: ${p.message}` }));
    });
  return [...resources, ...inline];
}

export const rule = defineRule({
  id: "AA004",
  name: "rhino-compatible-javascript",
  severity: 2,
  summary: "JavaScript resources are ES5 that Apigee's Rhino runs, with no built-in Rhino lacks.",
  fix: "Rewrite the construct in ES5 (var, function, string concatenation) or compile the script to ES5; use the suggested replacement for a missing built-in.",
  checkBundle: findRhinoProblems
});

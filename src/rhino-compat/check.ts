// Can Apigee's Rhino run this script? One check for the callout build (which
// refuses to ship what Rhino cannot run) and lint rule AA004 (which reports it
// in anyone's bundle). A script that parses as ES5 is checked for the
// built-ins Rhino lacks, RegExp arguments it rejects, and functions too large
// for one JVM method. A script that does not stops at its first syntax error,
// or, for AA004, is parsed again as modern JavaScript so that every post-ES5
// construct is reported at its own place.

import * as acorn from "acorn";
import { childNodes, JsNode, parseJavaScript, walk } from "../common/javascript";
import { missingBuiltIns } from "./built-ins";
import { e4xConstructAt, e4xSyntaxProblem } from "./e4x";
import { withoutFeatureDetection } from "./feature-detection";
import { modernSyntax } from "./modern-syntax";
import { problemAt, RhinoProblem } from "./problem";
import { MAX_FUNCTION_SOURCE_CHARS } from "./rhino-limits";

export type { RhinoProblem } from "./problem";

export interface RhinoCheckOptions {
  /** Advice for missing globals, replacing MISSING_GLOBALS' (which speaks to this project's own sources). */
  hints?: Readonly<Record<string, string>>;
  /** Leave out built-ins the script only feature-detects (see feature-detection.ts). */
  allowFeatureDetection?: boolean;
  /** For a script that is not ES5: every post-ES5 construct, rather than the first syntax error. */
  reportEveryConstruct?: boolean;
  /** The name to report for a function whose name starts here (1-based): minified code maps back to its source. */
  sourceName?: (line: number, column: number) => string | null;
}

/** Every problem Rhino would have with `code`; positions are 1-based, in the script. */
export function rhinoProblems(code: string, options: RhinoCheckOptions = {}): RhinoProblem[] {
  let program: JsNode;
  try {
    program = acorn.parse(code, { ecmaVersion: 5, sourceType: "script", locations: true }) as JsNode;
  } catch (e) {
    const modern = options.reportEveryConstruct ? parseJavaScript(code) : null;
    // Not JavaScript of any version: the ES5 parser's error names the place.
    if (!modern) return [syntaxProblem(code, e as SyntaxError & { loc?: { line: number; column: number } })];
    const builtIns = missingBuiltIns(modern, options.hints);
    const used = options.allowFeatureDetection ? withoutFeatureDetection(builtIns, modern) : builtIns;
    return [...modernSyntax(modern), ...used].sort((a, b) => a.line - b.line || a.column - b.column);
  }
  const problems = [...missingBuiltIns(program, options.hints), ...oversizedFunctions(program, options.sourceName)];
  return options.allowFeatureDetection ? withoutFeatureDetection(problems, program) : problems;
}

function syntaxProblem(code: string, err: SyntaxError & { loc?: { line: number; column: number }; pos?: number }): RhinoProblem {
  const loc = err.loc ?? { line: 1, column: 0 };
  const snippet = code.split("\n")[loc.line - 1]?.slice(loc.column, loc.column + 12) ?? "";
  const e4x = e4xConstructAt(code, err.pos ?? 0);
  if (e4x !== null) return { line: loc.line, column: loc.column + 1, message: e4xSyntaxProblem(e4x) };
  return {
    line: loc.line,
    column: loc.column + 1,
    message: `${describeSyntax(snippet)} is not ES5, so Rhino at language version 0 cannot parse it (${err.message.replace(/ \(\d+:\d+\)$/, "")})`
  };
}

function describeSyntax(snippet: string): string {
  if (snippet.startsWith("...")) return "spread or rest syntax (`...`)";
  if (snippet.startsWith("export")) return "an `export` in a callout entry (Apigee runs callouts as scripts; export nothing)";
  if (snippet.startsWith("import")) return "an `import` left in the bundle";
  return `the syntax at \`${snippet.trim()}\``;
}

const isFunction = (node: JsNode) => node.type === "FunctionDeclaration" || node.type === "FunctionExpression";

/** Characters taken by the functions directly nested in `fn` (not deeper). */
function directNestedSize(fn: JsNode): number {
  let total = 0;
  const visit = (node: JsNode) => {
    for (const child of childNodes(node)) {
      if (isFunction(child)) total += child.end - child.start;
      else visit(child);
    }
  };
  visit(fn);
  return total;
}

/** The top level and every function, inner functions first, whose own code is over MAX_FUNCTION_SOURCE_CHARS. */
function oversizedFunctions(program: JsNode, sourceName: RhinoCheckOptions["sourceName"]): RhinoProblem[] {
  const out: RhinoProblem[] = [];
  const check = (fn: JsNode, name: string) => {
    const own = fn.end - fn.start - directNestedSize(fn);
    if (own > MAX_FUNCTION_SOURCE_CHARS) {
      out.push(
        problemAt(
          fn,
          `${name} is ${own} characters of built code outside its nested functions (limit ${MAX_FUNCTION_SOURCE_CHARS}): ` +
            "Rhino compiles each function to one JVM method, which cannot exceed 64 KB; split it"
        )
      );
    }
  };
  check(program, "the top-level script");
  walk(program, {
    leave(node) {
      if (!isFunction(node)) return;
      const id = node.id as JsNode | null;
      const name = id ? sourceName?.(id.loc!.start.line, id.loc!.start.column + 1) ?? id.name : "(anonymous)";
      check(node, `function ${name}`);
    }
  });
  return out;
}

/**
 * E4X in `code`, which Rhino would run but Apigee X does not document: the
 * runner refuses such a script at load, as lint and the callout build report
 * it, so all three agree.
 */
export function e4xProblems(code: string): RhinoProblem[] {
  return rhinoProblems(code, { reportEveryConstruct: true }).filter((p) => p.message.includes("E4X"));
}

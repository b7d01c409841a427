// Checks a built callout the way Apigee's Rhino will see it: it must parse as
// ES5 script, must not reference built-ins that Rhino 1.7.7.1 lacks, and no
// function may grow past what Rhino can compile. Findings point back into the
// TypeScript through the bundle's source map.

import * as acorn from "acorn";
import * as walk from "acorn-walk";
import { TraceMap, originalPositionFor } from "@jridgewell/trace-mapping";
import * as path from "node:path";
import type { Finding } from "./findings";
import { MAX_FUNCTION_SOURCE_CHARS, MISSING_GLOBALS, MISSING_STATICS, SUPPORTED_REGEXP_FLAGS } from "./rhino-rules";

type AnyNode = acorn.Node & Record<string, any>;

export interface CheckInput {
  /** Built JavaScript. */
  code: string;
  /** Its source map (JSON), whose `sources` are relative to `mapDir`. */
  map: string;
  mapDir: string;
  /** Path the findings are reported against when the map has no answer. */
  outputName: string;
  /** Root for the paths printed in findings. */
  rootDir: string;
}

export function checkBuiltCallout(input: CheckInput): Finding[] {
  const locate = makeLocator(input);
  let program: AnyNode;
  try {
    program = acorn.parse(input.code, { ecmaVersion: 5, sourceType: "script", locations: true }) as AnyNode;
  } catch (e) {
    const err = e as SyntaxError & { loc?: { line: number; column: number } };
    const loc = err.loc ?? { line: 1, column: 0 };
    const snippet = input.code.split("\n")[loc.line - 1]?.slice(loc.column, loc.column + 12) ?? "";
    return [locate(loc.line, loc.column, `${describeSyntax(snippet)} is not ES5, so Rhino at language version 0 cannot parse it (${err.message.replace(/ \(\d+:\d+\)$/, "")})`)];
  }
  return [...findMissingBuiltIns(program, locate), ...findOversizedFunctions(program, locate)];
}

type Locate = ((line: number, column: number, message: string) => Finding) & {
  /** The source name at a position of the built code (identifiers are minified). */
  originalName(line: number, column: number): string | null;
};

function makeLocator(input: CheckInput): Locate {
  const traced = new TraceMap(input.map);
  const locate = (line: number, column: number, message: string): Finding => {
    const pos = originalPositionFor(traced, { line, column });
    if (pos.source == null || pos.line == null) {
      return { file: input.outputName, line, column: column + 1, message };
    }
    const file = path.relative(input.rootDir, path.resolve(input.mapDir, pos.source));
    return { file, line: pos.line, column: (pos.column ?? 0) + 1, message };
  };
  return Object.assign(locate, {
    originalName: (line: number, column: number) => originalPositionFor(traced, { line, column }).name ?? null
  });
}

function describeSyntax(snippet: string): string {
  if (snippet.startsWith("...")) return "spread or rest syntax (`...`)";
  if (snippet.startsWith("export")) return "an `export` in a callout entry (Apigee runs callouts as scripts; export nothing)";
  if (snippet.startsWith("import")) return "an `import` left in the bundle";
  return `the syntax at \`${snippet.trim()}\``;
}

function declaredNames(program: AnyNode): Set<string> {
  const names = new Set<string>();
  const addPattern = (p: AnyNode | null | undefined) => {
    if (p && p.type === "Identifier") names.add(p.name);
  };
  walk.full(program, (node: AnyNode) => {
    if (node.type === "VariableDeclarator") addPattern(node.id);
    if (node.type === "FunctionDeclaration" || node.type === "FunctionExpression") {
      addPattern(node.id);
      node.params.forEach(addPattern);
    }
    if (node.type === "CatchClause") addPattern(node.param);
  });
  return names;
}

function isReference(node: AnyNode, parent: AnyNode | undefined): boolean {
  if (!parent) return true;
  if (parent.type === "MemberExpression" && parent.property === node && !parent.computed) return false;
  if (parent.type === "Property" && parent.key === node && !parent.computed) return false;
  if (parent.type === "VariableDeclarator" && parent.id === node) return false;
  if ((parent.type === "FunctionDeclaration" || parent.type === "FunctionExpression") && parent.id === node) return false;
  if (parent.type === "LabeledStatement" || parent.type === "BreakStatement" || parent.type === "ContinueStatement") return false;
  return true;
}

function findMissingBuiltIns(program: AnyNode, locate: Locate): Finding[] {
  const declared = declaredNames(program);
  const findings: Finding[] = [];
  const at = (node: AnyNode, message: string) =>
    findings.push(locate(node.loc!.start.line, node.loc!.start.column, message));
  walk.ancestor(program, {
    Identifier(node: AnyNode, _state: unknown, ancestors: AnyNode[]) {
      const parent = ancestors[ancestors.length - 2];
      const hint = MISSING_GLOBALS[node.name];
      if (hint && !declared.has(node.name) && isReference(node, parent)) {
        at(node, `\`${node.name}\` does not exist in Apigee's Rhino: ${hint}`);
      }
    },
    MemberExpression(node: AnyNode) {
      const obj = node.object;
      if (obj.type !== "Identifier" || declared.has(obj.name) || node.computed) return;
      const missing = MISSING_STATICS[obj.name];
      if (missing && missing.indexOf(node.property.name) >= 0) {
        at(node, `\`${obj.name}.${node.property.name}\` does not exist in Apigee's Rhino (it is not ES5)`);
      }
    },
    NewExpression(node: AnyNode) {
      checkRegExpFlags(node, at);
    },
    CallExpression(node: AnyNode) {
      checkRegExpFlags(node, at);
    }
  });
  return findings;
}

function checkRegExpFlags(node: AnyNode, at: (node: AnyNode, message: string) => void): void {
  if (node.callee.type !== "Identifier" || node.callee.name !== "RegExp") return;
  const [pattern, flags] = node.arguments as AnyNode[];
  if (flags && flags.type === "Literal" && typeof flags.value === "string") {
    const bad = flags.value.split("").filter((f: string) => SUPPORTED_REGEXP_FLAGS.indexOf(f) < 0);
    if (bad.length) at(node, `regular-expression flag \`${bad.join("")}\` is not supported by Rhino; use only ${SUPPORTED_REGEXP_FLAGS}`);
  }
  if (pattern && pattern.type === "Literal" && typeof pattern.value === "string" && /\(\?<[A-Za-z_$]/.test(pattern.value)) {
    at(node, "named capture groups are not supported by Rhino; use numbered groups");
  }
}

function findOversizedFunctions(program: AnyNode, locate: Locate): Finding[] {
  const findings: Finding[] = [];
  const check = (fn: AnyNode, name: string) => {
    const own = fn.end - fn.start - directNestedSize(fn);
    if (own > MAX_FUNCTION_SOURCE_CHARS) {
      findings.push(
        locate(
          fn.loc!.start.line,
          fn.loc!.start.column,
          `${name} is ${own} characters of built code outside its nested functions (limit ${MAX_FUNCTION_SOURCE_CHARS}): ` +
            "Rhino compiles each function to one JVM method, which cannot exceed 64 KB; split it"
        )
      );
    }
  };
  check(program, "the top-level script");
  walk.full(program, (node: AnyNode) => {
    if (node.type === "FunctionDeclaration" || node.type === "FunctionExpression") {
      const id = node.id as AnyNode | null;
      const name = id ? locate.originalName(id.loc!.start.line, id.loc!.start.column) ?? id.name : "(anonymous)";
      check(node, `function ${name}`);
    }
  });
  return findings;
}

/** Characters taken by the functions directly nested in `fn` (not deeper). */
function directNestedSize(fn: AnyNode): number {
  let total = 0;
  const visit = (node: AnyNode, isRoot: boolean) => {
    if (!isRoot && (node.type === "FunctionDeclaration" || node.type === "FunctionExpression")) {
      total += node.end - node.start;
      return;
    }
    for (const key of Object.keys(node)) {
      const child = (node as Record<string, unknown>)[key];
      if (Array.isArray(child)) child.forEach((c) => isNode(c) && visit(c, false));
      else if (isNode(child)) visit(child, false);
    }
  };
  visit(fn, true);
  return total;
}

function isNode(value: unknown): value is AnyNode {
  return typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string";
}

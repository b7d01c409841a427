// Compiles one TypeScript callout into the single ES5 script that Apigee's
// JavaScript policy runs.
//
// esbuild bundles and lowers what it can to ES5; syntax it cannot lower
// (const/let, classes, destructuring, for-of, generators, async) is an error
// that names the source line. Object spread is deliberately left unlowered,
// because esbuild's helper for it needs ES2017 built-ins: the Rhino check
// (src/rhino-compat) then rejects it at its source position instead.
//
// The output format is a flat script (esbuild's `esm` with no exports), not an
// IIFE: Rhino's optimizer only types the locals of top-level functions, which
// makes hashing several times faster in compiled mode.
//
// The script is what users read in Apigee's proxy editor, so it is not
// minified: the source's names, esbuild's indentation and a `// src/...`
// line before each module's code. A banner names the package version and the
// entry file. Apigee's limit for a resource file is 15 MB (lint rule AA005),
// and minifying does not make Rhino faster (docs/performance.md).

import { originalPositionFor, TraceMap } from "@jridgewell/trace-mapping";
import * as esbuild from "esbuild";
import * as path from "node:path";
import { rhinoProblems } from "../rhino-compat/check";
import { CalloutBuildError, Finding } from "./findings";
import { conformToApigeeLint } from "./lint-conformance";

export interface CalloutBuildOptions {
  /** The callout's TypeScript entry file. */
  entry: string;
  /** Where the script will be written; source-map paths are relative to it. */
  outfile: string;
  /** Root for the paths printed in findings. */
  rootDir: string;
  /** A comment line for the top of the script (no line breaks), e.g. the package version and source file. */
  banner?: string;
}

export interface BuiltCallout {
  /** The script, ready for resources/jsc/. */
  code: string;
  /** Source map of esbuild's output, before the lint-conformance pass. */
  map: string;
}

const UNSUPPORTED_SYNTAX_HINTS: Record<string, string> = {
  const: "use `var`",
  let: "use `var`",
  "class syntax": "use functions and plain objects",
  "for-of loops": "use an index loop",
  destructuring: "read the properties one by one",
  "async functions": "use httpClient callbacks or exchange.waitForComplete()",
  "generator functions": "use a loop or a callback",
  "default arguments": "test for `undefined` in the body",
  "rest arguments": "use `arguments`",
  "array spread": "use `concat`",
  "object literal extensions": "assign computed keys after creating the object",
  "new.target": "not available"
};

export async function buildCallout(options: CalloutBuildOptions): Promise<BuiltCallout> {
  const result = await runEsbuild(options);
  const outputs = result.outputFiles ?? [];
  const code = outputs.find((f) => f.path.endsWith(".js"))?.text ?? "";
  const map = outputs.find((f) => f.path.endsWith(".map"))?.text ?? "{}";
  const findings = [
    ...checkModuleShape(result.metafile!, options),
    ...rhinoFindings(code, map, options)
  ];
  if (findings.length) throw new CalloutBuildError(findings);
  return { code: conformToApigeeLint(code, options.banner), map };
}

/** The Rhino check on the built script, each problem placed in the TypeScript through the source map. */
function rhinoFindings(code: string, map: string, options: CalloutBuildOptions): Finding[] {
  const traced = new TraceMap(map);
  const original = (line: number, column: number) => originalPositionFor(traced, { line, column: column - 1 });
  return rhinoProblems(code, { sourceName: (line, column) => original(line, column).name ?? null }).map(({ line, column, message }) => {
    const pos = original(line, column);
    if (pos.source == null || pos.line == null) return { file: path.relative(options.rootDir, options.outfile), line, column, message };
    const file = path.relative(options.rootDir, path.resolve(path.dirname(options.outfile), pos.source));
    return { file, line: pos.line, column: (pos.column ?? 0) + 1, message };
  });
}

async function runEsbuild(options: CalloutBuildOptions): Promise<esbuild.BuildResult & { metafile: esbuild.Metafile }> {
  try {
    return await esbuild.build({
      entryPoints: [options.entry],
      outfile: options.outfile,
      absWorkingDir: options.rootDir,
      bundle: true,
      format: "esm",
      platform: "neutral",
      mainFields: ["module", "main"],
      target: "es5",
      supported: { "object-rest-spread": true },
      charset: "ascii",
      legalComments: "none",
      minify: false,
      sourcemap: "external",
      sourcesContent: false,
      metafile: true,
      write: false,
      logLevel: "silent"
    });
  } catch (e) {
    const failure = e as esbuild.BuildFailure;
    if (!failure.errors) throw e;
    throw new CalloutBuildError(failure.errors.map((m) => esbuildFinding(m, options)));
  }
}

function esbuildFinding(message: esbuild.Message, options: CalloutBuildOptions): Finding {
  const loc = message.location;
  const lowering = /^Transforming (.+?) to the configured target environment/.exec(message.text);
  const text = lowering
    ? `${lowering[1]} is not ES5, and Apigee's Rhino runs ES5 only: ${UNSUPPORTED_SYNTAX_HINTS[lowering[1]] ?? "rewrite it in ES5"}`
    : message.text;
  return {
    file: loc ? loc.file : path.relative(options.rootDir, options.entry),
    line: loc ? loc.line : 1,
    column: loc ? loc.column + 1 : 1,
    message: text
  };
}

/** Callouts must be ES modules with no exports: see the file comment. */
function checkModuleShape(metafile: esbuild.Metafile, options: CalloutBuildOptions): Finding[] {
  const entry = path.relative(options.rootDir, options.entry);
  const findings: Finding[] = [];
  const at = (message: string) => findings.push({ file: entry, line: 1, column: 1, message });
  for (const output of Object.values(metafile.outputs)) {
    if (output.exports.length) {
      at(`a callout entry must not export anything (found: ${output.exports.join(", ")}); Apigee runs it as a script`);
    }
  }
  for (const [file, input] of Object.entries(metafile.inputs)) {
    if (input.format === "cjs") {
      findings.push({
        file,
        line: 1,
        column: 1,
        message: "this file is not an ES module, so esbuild wraps it in a CommonJS shim; add `export {};` or an import"
      });
    }
  }
  return findings;
}

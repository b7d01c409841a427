// The callout build refuses what Apigee's Rhino cannot run, naming the source
// file, the line and the construct; what it ships stays within Rhino's limits.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { packageRoot } from "../../src/common/paths";
import { buildCallout } from "../../src/toolchain/build-callout";
import { CalloutBuildError } from "../../src/toolchain/findings";
import { typecheckProject } from "../../src/toolchain/typecheck";
import { MAX_FUNCTION_SOURCE_CHARS } from "../../src/rhino-compat/rhino-limits";

const root = packageRoot();
const bad = (name: string) => path.join(root, "test/fixtures/bad-callouts", `${name}.ts`);

async function buildErrors(entry: string): Promise<string> {
  try {
    await buildCallout({ entry, outfile: path.join(os.tmpdir(), "apigee-aws-bad", "out.js"), rootDir: root });
  } catch (e) {
    if (e instanceof CalloutBuildError) return e.message;
    throw e;
  }
  throw new Error(`${entry} built, but it should not have`);
}

describe("the callout build", () => {
  it.each([
    ["uses-const", /uses-const\.ts:1:1: error: const is not ES5.*use `var`/],
    ["uses-class", /uses-class\.ts:1:1: error: class syntax is not ES5/],
    ["uses-for-of", /uses-for-of\.ts:2:12: error: for-of loops is not ES5.*index loop/],
    ["uses-object-spread", /uses-object-spread\.ts:2:\d+: error: spread or rest syntax/],
    ["uses-map", /uses-map\.ts:1:16: error: `Map` does not exist in Apigee's Rhino/],
    ["uses-object-assign", /uses-object-assign\.ts:1:15: error: `Object\.assign` does not exist/],
    ["uses-sticky-regexp", /uses-sticky-regexp\.ts:1:\d+: error: regular-expression flag `y`/],
    ["exports-something", /exports-something\.ts:1:1: error: a callout entry must not export anything \(found: value\)/]
  ])("rejects %s, naming the file, line and construct", async (name, expected) => {
    expect(await buildErrors(bad(name))).toMatch(expected);
  });

  it("rejects a script that esbuild would wrap as CommonJS (a package.json with type commonjs)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "apigee-aws-cjs-"));
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ type: "commonjs" }));
    fs.copyFileSync(bad("not-a-module"), path.join(dir, "not-a-module.ts"));
    expect(await buildErrors(path.join(dir, "not-a-module.ts"))).toMatch(/not-a-module\.ts:1:1: error: this file is not an ES module/);
  });

  it("rejects a function too large for one JVM method", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "apigee-aws-huge-"));
    const statements = Array.from({ length: 1500 }, (_, i) => `  x = (x + ${i} * 7) | 0;`).join("\n");
    const entry = path.join(dir, "huge-function.ts");
    fs.writeFileSync(entry, fs.readFileSync(bad("huge-function"), "utf8").replace("// @@BODY@@", statements));
    expect(await buildErrors(entry)).toMatch(new RegExp(`huge-function\\.ts:1:1: error: function big is \\d+ characters .*limit ${MAX_FUNCTION_SOURCE_CHARS}`));
  });

  it("rejects built-ins missing from ES5 at type-check time, naming them", () => {
    const dir = fs.mkdtempSync(path.join(root, "test/fixtures/.tmp-typecheck-"));
    try {
      fs.writeFileSync(
        path.join(dir, "tsconfig.json"),
        JSON.stringify({ extends: "../../../src/callouts/tsconfig.json", include: ["../bad-callouts/uses-pad-start.ts", "../../../src/callouts/apigee-globals.d.ts"] })
      );
      const problems = typecheckProject(root, path.relative(root, path.join(dir, "tsconfig.json"))).join("\n");
      expect(problems).toMatch(/uses-pad-start\.ts\(1,18\): error TS2550: Property 'padStart' does not exist/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("type-checks the shipped callouts and the Rhino host against ES5", () => {
    expect(typecheckProject(root, "src/callouts/tsconfig.json")).toEqual([]);
    expect(typecheckProject(root, "src/rhino/host/tsconfig.json")).toEqual([]);
    expect(typecheckProject(root, "test/fixtures/callouts/tsconfig.json")).toEqual([]);
  });
});

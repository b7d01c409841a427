// The callouts the build ships, compiled by Rhino's own compiler (jsc, -opt 9,
// language version 0): every script function must be a JVM method HotSpot will
// JIT-compile (under 8,000 bytes of bytecode), far inside the 64 KB limit.
// They are what users read in Apigee's proxy editor: a banner names the
// package version and the source, the source's names are kept, and the same
// sources build the same bytes.

import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { libDir } from "../../src/common/paths";
import { locateRhinoJar } from "../../src/rhino/locate";
import { buildCallout } from "../../src/toolchain/build-callout";
import { calloutBanner, calloutEntries } from "../../src/toolchain/callout-entries";
import { packageRoot } from "../../src/common/paths";
import { requireBuilt } from "../support/built";
import { methodCodeSizes } from "../support/classfile";

const HOTSPOT_HUGE_METHOD_LIMIT = 8000;
const JVM_METHOD_LIMIT = 65535;
const callouts = calloutEntries(packageRoot()).map((entry) => path.basename(entry, ".ts") + ".js");
const version = JSON.parse(fs.readFileSync(path.join(packageRoot(), "package.json"), "utf8")).version;
const functionNames = (code: string) => [...code.matchAll(/\bfunction\s+([A-Za-z_$][\w$]*)/g)].map((m) => m[1]);

describe.each(callouts)("shipped callout %s", (name) => {
  it("compiles to methods HotSpot can JIT", () => {
    requireBuilt(`callouts/${name}`);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "apigee-aws-jsc-"));
    const source = path.join(out, name);
    fs.copyFileSync(path.join(libDir(), "callouts", name), source);
    const run = spawnSync("java", ["-cp", locateRhinoJar(), "org.mozilla.javascript.tools.jsc.Main", "-opt", "9", "-version", "0", "-d", out, source], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    const classes = fs.readdirSync(out).filter((f) => f.endsWith(".class"));
    expect(classes.length).toBeGreaterThan(0);
    const functions = classes.flatMap((c) => methodCodeSizes(fs.readFileSync(path.join(out, c)))).filter((m) => m.name.startsWith("_c_"));
    expect(functions.length).toBeGreaterThan(0);
    const largest = functions.reduce((a, b) => (b.bytes > a.bytes ? b : a));
    expect(largest.bytes).toBeLessThan(HOTSPOT_HUGE_METHOD_LIMIT);
    expect(largest.bytes).toBeLessThan(JVM_METHOD_LIMIT);
  });

  it("is readable: the banner names the version and the source file, and every function keeps its source name", () => {
    requireBuilt(`callouts/${name}`);
    const code = fs.readFileSync(path.join(libDir(), "callouts", name), "utf8");
    const source = `src/callouts/${path.basename(name, ".js")}.ts`;
    expect(code.split("\n")[0]).toBe(`// apigee-aws ${version}: ${source} - generated, edit the source and rebuild (npm run build)`);
    // esbuild names each module it bundles on a line of its own, and appends a number to a name two modules share.
    const modules = [...code.matchAll(/^\/\/ (src\/\S+\.ts)$/gm)].map((m) => m[1]);
    expect(modules).toContain(source);
    const declared = new Set(modules.flatMap((m) => functionNames(fs.readFileSync(path.join(packageRoot(), m), "utf8"))));
    const built = functionNames(code);
    expect(built.length).toBeGreaterThan(0);
    expect(built.filter((f) => !declared.has(f) && !declared.has(f.replace(/\d+$/, "")))).toEqual([]);
    expect(code).not.toMatch(/[^\x00-\x7f]/);
  });
});

test("the same sources build the same bytes", async () => {
  const root = packageRoot();
  const entry = path.join(root, "src/callouts/s3-key.ts");
  const outfile = path.join(libDir(), "callouts", "s3-key.js");
  requireBuilt("callouts/s3-key.js");
  const again = await buildCallout({ entry, outfile, rootDir: root, banner: calloutBanner(root, entry) });
  expect(again.code).toBe(fs.readFileSync(outfile, "utf8"));
});

// The callouts the build ships, compiled by Rhino's own compiler (jsc, -opt 9,
// language version 0): every script function must be a JVM method HotSpot will
// JIT-compile (under 8,000 bytes of bytecode), far inside the 64 KB limit.

import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { libDir } from "../../src/common/paths";
import { locateRhinoJar } from "../../src/rhino/locate";
import { calloutEntries } from "../../src/toolchain/callout-entries";
import { packageRoot } from "../../src/common/paths";
import { requireBuilt } from "../support/built";
import { methodCodeSizes } from "../support/classfile";

const HOTSPOT_HUGE_METHOD_LIMIT = 8000;
const JVM_METHOD_LIMIT = 65535;
const callouts = calloutEntries(packageRoot()).map((entry) => path.basename(entry, ".ts") + ".js");

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
});

// Built callouts pass apigeelint's JavaScript rules (PO013 jshint, PO025
// eslint with apigeelint's default ES5 configuration) with no findings.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { libDir, packageRoot } from "../../src/common/paths";
import { runApigeelint } from "../../src/lint/apigeelint";
import { calloutEntries } from "../../src/toolchain/callout-entries";
import { conformToApigeeLint, STRICT_DIRECTIVE } from "../../src/toolchain/lint-conformance";
import { requireBuilt } from "../support/built";

function sharedFlowWith(scripts: string[]): string {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "apigee-aws-lint-")), "sharedflowbundle");
  fs.mkdirSync(path.join(dir, "policies"), { recursive: true });
  fs.mkdirSync(path.join(dir, "sharedflows"));
  fs.mkdirSync(path.join(dir, "resources/jsc"), { recursive: true });
  fs.writeFileSync(path.join(dir, "callouts.xml"), '<SharedFlowBundle revision="1" name="callouts"/>\n');
  const steps = scripts.map((s, i) => `  <Step><Name>JS-Callout${i}</Name></Step>`).join("\n");
  fs.writeFileSync(path.join(dir, "sharedflows/default.xml"), `<SharedFlow name="default">\n${steps}\n</SharedFlow>\n`);
  scripts.forEach((script, i) => {
    fs.copyFileSync(path.join(libDir(), "callouts", script), path.join(dir, "resources/jsc", script));
    fs.writeFileSync(
      path.join(dir, `policies/JS-Callout${i}.xml`),
      `<Javascript name="JS-Callout${i}" timeLimit="1000">\n  <ResourceURL>jsc://${script}</ResourceURL>\n</Javascript>\n`
    );
  });
  return dir;
}

describe("apigeelint on the shipped callouts", () => {
  const scripts = calloutEntries(packageRoot()).map((e) => path.basename(e, ".ts") + ".js");

  it("reports nothing at all, PO013 and PO025 included", () => {
    requireBuilt(...scripts.map((s) => `callouts/${s}`));
    expect(runApigeelint(sharedFlowWith(scripts))).toEqual([]);
  });

  it("does report esbuild output that skipped the conformance pass, which makes it clean", () => {
    const dir = sharedFlowWith(scripts.slice(0, 1));
    const file = path.join(dir, "resources/jsc", scripts[0]);
    const rulesFor = (script: string) => {
      fs.writeFileSync(file, script);
      return new Set(runApigeelint(dir).map((m) => m.ruleId));
    };
    // esbuild's output without the banner and the directive, and with each
    // semicolon before "}" dropped as its whitespace minifier does.
    const built = fs.readFileSync(file, "utf8");
    expect(built.split("\n")[1]).toBe(STRICT_DIRECTIVE.trim());
    const raw = built.split("\n").slice(2).join("\n").replace(/;(\s*)}/g, "$1}");
    expect(rulesFor(raw)).toEqual(new Set(["PO013", "PO025"]));
    expect(rulesFor(conformToApigeeLint(raw))).toEqual(new Set());
  });
});

// Every shared-flow bundle as committed: apigeelint (profile apigeex) reports
// nothing, its descriptor lists exactly its policies and scripts, the runner
// loads it, and its flow uses every policy it carries.

import * as fs from "node:fs";
import * as path from "node:path";
import { packageRoot } from "../../src/common/paths";
import { runApigeelint } from "../../src/lint/apigeelint";
import { loadDeployedBundle } from "../../src/runner/deployed-bundle";
import { SHARED_FLOW_CALLOUTS, sharedFlowRoot } from "../../src/generator/shared-flows";

describe.each(Object.keys(SHARED_FLOW_CALLOUTS))("sharedflows/%s", (name) => {
  const root = sharedFlowRoot(packageRoot(), name);

  test("apigeelint reports nothing", () => {
    expect(runApigeelint(root)).toEqual([]);
  });

  test("the descriptor lists exactly the policies and scripts, and the flow uses every policy", () => {
    const descriptor = fs.readFileSync(path.join(root, `${name}.xml`), "utf8");
    const listed = (tag: string) => [...descriptor.matchAll(new RegExp(`<${tag}>([^<]+)</${tag}>`, "g"))].map((m) => m[1]).sort();
    const files = (dir: string, ext: string) => fs.readdirSync(path.join(root, dir)).map((f) => f.replace(ext, "")).sort();
    expect(listed("Policy")).toEqual(files("policies", ".xml"));
    expect(listed("Resource")).toEqual(files("resources/jsc", "").map((f) => `jsc://${f}`));
    expect(files("resources/jsc", ".js")).toEqual([...SHARED_FLOW_CALLOUTS[name]].sort());
    const { bundle } = loadDeployedBundle(root);
    const used = new Set(bundle.kind === "sharedflowbundle" ? bundle.flows.get("default")!.map((s) => s.name) : []);
    expect([...bundle.policies.keys()].filter((p) => !used.has(p))).toEqual([]);
  });
});

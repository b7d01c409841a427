// The committed shared-flow bundles carry exactly the callouts src/ builds.

import * as fs from "node:fs";
import * as path from "node:path";
import { libDir, packageRoot } from "../../src/common/paths";
import { SHARED_FLOW_CALLOUTS, sharedFlowCalloutCopies, sharedFlowRoot } from "../../src/generator/shared-flows";

test("every shared flow in the manifest exists in sharedflows/", () => {
  const missing = Object.keys(SHARED_FLOW_CALLOUTS).filter((name) => !fs.existsSync(sharedFlowRoot(packageRoot(), name)));
  expect(missing).toEqual([]);
});

test.each(sharedFlowCalloutCopies(packageRoot(), libDir()).map(([built, copy]) => [path.relative(packageRoot(), copy), built, copy]))(
  "%s is byte for byte the built callout (npm run sync-sharedflows refreshes it)",
  (_name, built, copy) => {
    expect(fs.existsSync(copy)).toBe(true);
    expect(fs.readFileSync(copy).equals(fs.readFileSync(built))).toBe(true);
  }
);

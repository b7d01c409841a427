// `npm run sync-sharedflows`: copies the built callouts into the shared-flow
// bundles in sharedflows/ (run after changing src/callouts/).

import * as fs from "node:fs";
import { writeFileAtomic } from "../common/atomic-write";
import { libDir, packageRoot } from "../common/paths";
import { sharedFlowCalloutCopies } from "../generator/shared-flows";

for (const [built, copy] of sharedFlowCalloutCopies(packageRoot(), libDir())) {
  if (!fs.existsSync(built)) {
    process.stderr.write(`${built} is missing; run npm run build first\n`);
    process.exit(1);
  }
  const content = fs.readFileSync(built);
  if (!fs.existsSync(copy) || !fs.readFileSync(copy).equals(content)) {
    writeFileAtomic(copy, content);
    process.stdout.write(`updated ${copy}\n`);
  }
}

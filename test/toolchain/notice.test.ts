// NOTICE carries the licence of every npm package compiled into a shipped
// file; it is generated, and fails here when a bundle gains a package.

import * as fs from "node:fs";
import * as path from "node:path";
import { packageRoot } from "../../src/common/paths";
import { bundledPackages, noticeText } from "../../src/toolchain/notice";

test("NOTICE lists exactly the packages bundled into lib/ and the shared flows (npm run sync-notice)", async () => {
  const packages = await bundledPackages(packageRoot());
  expect(packages.length).toBeGreaterThan(0);
  for (const p of packages) expect(p.licenceText).toMatch(/copyright|permission|licen[cs]e/i);
  expect(fs.readFileSync(path.join(packageRoot(), "NOTICE"), "utf8")).toBe(noticeText(packages));
});

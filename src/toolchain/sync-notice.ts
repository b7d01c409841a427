// `npm run sync-notice`: rewrites NOTICE from the npm packages bundled into shipped files.

import * as fs from "node:fs";
import * as path from "node:path";
import { writeFileAtomic } from "../common/atomic-write";
import { packageRoot } from "../common/paths";
import { bundledPackages, noticeText } from "./notice";

async function main(): Promise<void> {
  const root = packageRoot();
  const file = path.join(root, "NOTICE");
  const text = noticeText(await bundledPackages(root));
  if (fs.existsSync(file) && fs.readFileSync(file, "utf8") === text) {
    process.stdout.write("NOTICE is up to date\n");
    return;
  }
  writeFileAtomic(file, text);
  process.stdout.write("updated NOTICE\n");
}

main().catch((e) => {
  process.stderr.write(`sync-notice failed: ${e instanceof Error ? e.message : e}\n`);
  process.exit(1);
});

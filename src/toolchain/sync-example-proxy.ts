// `npm run sync-apiproxy`: rewrites the repository's apiproxy/ from the README's
// intent (run after changing the generator, the callouts or the template).

import { compareOutputFolder, writeOutputFolder } from "../output/output-folder";
import { exampleProxyDir, exampleProxyFiles } from "./example-proxy";

const files = exampleProxyFiles();
const drift = compareOutputFolder(exampleProxyDir(), files);
const changed = drift.missing.length + drift.changed.length + drift.extra.length;
if (changed === 0) {
  process.stdout.write("apiproxy/ is up to date\n");
} else {
  writeOutputFolder(exampleProxyDir(), files);
  process.stdout.write(`updated apiproxy/ (${changed} files differed)\n`);
}

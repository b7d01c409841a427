// `npm run sync-lint-docs`: rewrites the rules table in docs/lint-rules.md
// from the rule list (src/lint/rules/index.ts), leaving the prose as it is.

import * as fs from "node:fs";
import * as path from "node:path";
import { writeFileAtomic } from "../common/atomic-write";
import { packageRoot } from "../common/paths";
import { withRulesTable } from "../lint/rules/rules-table";

try {
  const file = path.join(packageRoot(), "docs/lint-rules.md");
  const doc = fs.readFileSync(file, "utf8");
  const synced = withRulesTable(doc);
  if (synced === doc) {
    process.stdout.write("docs/lint-rules.md is up to date\n");
  } else {
    writeFileAtomic(file, synced);
    process.stdout.write("updated the rules table in docs/lint-rules.md\n");
  }
} catch (e) {
  process.stderr.write(`sync-lint-docs failed: ${e instanceof Error ? e.message : e}\n`);
  process.exit(1);
}

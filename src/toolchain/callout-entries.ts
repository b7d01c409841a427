import * as fs from "node:fs";
import * as path from "node:path";

/** The callout sources: each src/callouts/*.ts is one JavaScript-policy resource. */
export function calloutEntries(root: string): string[] {
  const dir = path.join(root, "src/callouts");
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
    .sort()
    .map((f) => path.join(dir, f));
}

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

/**
 * The first line of a shipped callout, naming the package version and the
 * source file: `apigee-aws 0.1.0: src/callouts/s3-key.ts - generated, edit the
 * source and rebuild (npm run build)`. ASCII like the rest of the script, and
 * without a date, so a build is byte-reproducible.
 */
export function calloutBanner(root: string, entry: string): string {
  const version = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).version;
  const source = path.relative(root, entry).split(path.sep).join("/");
  return `apigee-aws ${version}: ${source} - generated, edit the source and rebuild (npm run build)`;
}

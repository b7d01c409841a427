// The repository's apiproxy/ folder: the bundle the README's example intent
// (its first yaml block) generates for the one-line S3 proxy `artifacts`,
// kept in git so a reader sees real output. `npm run sync-apiproxy` rewrites
// it; a test fails when it drifts from the build, or when the README's intent
// stops building.

import * as fs from "node:fs";
import * as path from "node:path";
import { buildOutput, BuildOutput } from "../output/build-output";
import { packageRoot } from "../common/paths";
import { parseIntent } from "../intent";
import { planBuild } from "../plan";

export const EXAMPLE_SOURCE = "README.md";
export const EXAMPLE_PROXY = "artifacts";

/** The README's first ```yaml block. */
export function readmeIntentText(): string {
  const readme = fs.readFileSync(path.join(packageRoot(), EXAMPLE_SOURCE), "utf8");
  const block = /^```yaml\n([\s\S]*?)^```$/m.exec(readme);
  if (!block) throw new Error(`${EXAMPLE_SOURCE} has no \`\`\`yaml block: the example intent apiproxy/ is built from`);
  return block[1];
}

export function exampleProxyDir(): string {
  return path.join(packageRoot(), "apiproxy");
}

/** Paths inside apiproxy/ → content, exactly as the build writes proxies/artifacts/apiproxy/. */
export function exampleProxyFiles(): BuildOutput {
  const output = buildOutput(planBuild(parseIntent(readmeIntentText(), EXAMPLE_SOURCE)));
  const prefix = `proxies/${EXAMPLE_PROXY}/apiproxy/`;
  const files: BuildOutput = new Map();
  for (const [rel, content] of output) if (rel.startsWith(prefix)) files.set(rel.slice(prefix.length), content);
  if (files.size === 0) throw new Error(`the intent in ${EXAMPLE_SOURCE} no longer has a proxy named ${EXAMPLE_PROXY}; update src/toolchain/example-proxy.ts`);
  return files;
}

// The repository's apiproxy/ folder: the bundle the README's intent
// (templates/s3-read.yaml) generates for its one-line S3 proxy, kept in git so
// a reader sees real output. `npm run sync-apiproxy` rewrites it; a test fails
// when it drifts from the build.

import * as path from "node:path";
import { buildOutput, BuildOutput } from "../build/build-output";
import { packageRoot } from "../common/paths";
import { loadIntentFile } from "../intent";

export const EXAMPLE_INTENT = "templates/s3-read.yaml";
export const EXAMPLE_PROXY = "artifacts";

export function exampleProxyDir(): string {
  return path.join(packageRoot(), "apiproxy");
}

/** Paths inside apiproxy/ → content, exactly as the build writes proxies/artifacts/apiproxy/. */
export function exampleProxyFiles(): BuildOutput {
  const output = buildOutput(loadIntentFile(path.join(packageRoot(), EXAMPLE_INTENT)));
  const prefix = `proxies/${EXAMPLE_PROXY}/apiproxy/`;
  const files: BuildOutput = new Map();
  for (const [rel, content] of output) if (rel.startsWith(prefix)) files.set(rel.slice(prefix.length), content);
  if (files.size === 0) throw new Error(`${EXAMPLE_INTENT} no longer builds a proxy named ${EXAMPLE_PROXY}; update src/toolchain/example-proxy.ts`);
  return files;
}

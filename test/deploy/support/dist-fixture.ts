// Build outputs to deploy: the README example (templates/s3-read.yaml) built
// into a temporary dist, optionally from a modified copy of the intent, by
// what `apigee-aws build` runs (the CLI's own tests are in test/cli).

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { packageRoot } from "../../../src/common/paths";
import { buildOutput } from "../../../src/output/build-output";
import { writeBuildFolder } from "../../../src/output/output-folder";
import { planIntentFile } from "../../../src/plan";

export const STARTER_INTENT = path.join(packageRoot(), "templates/s3-read.yaml");

export function tempDir(prefix = "apigee-aws-deploy-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Builds `intentText` (the starter intent by default) into a new temporary dist and returns its path. */
export function buildDist(intentText = fs.readFileSync(STARTER_INTENT, "utf8")): string {
  const dir = tempDir();
  // Same file name as the template: the property set's header names it.
  const intent = path.join(dir, "s3-read.yaml");
  fs.writeFileSync(intent, intentText);
  const out = path.join(dir, "dist");
  writeBuildFolder(out, buildOutput(planIntentFile(intent)), intent, dir);
  return out;
}

/** Copies a dist so a test can edit it. */
export function copyDist(dist: string): string {
  const copy = path.join(tempDir(), "dist");
  fs.cpSync(dist, copy, { recursive: true });
  return copy;
}

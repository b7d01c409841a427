// Build outputs to deploy: the README example (templates/s3-read.yaml) built
// into a temporary dist, optionally from a modified copy of the intent.

import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { packageRoot } from "../../../src/common/paths";

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
  const run = spawnSync(process.execPath, [path.join(packageRoot(), "bin/apigee-aws.js"), "build", intent, "--out", out], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`build failed: ${run.stderr}`);
  return out;
}

/** Copies a dist so a test can edit it. */
export function copyDist(dist: string): string {
  const copy = path.join(tempDir(), "dist");
  fs.cpSync(dist, copy, { recursive: true });
  return copy;
}

// A fake `gcloud` for token tests: a directory to put on PATH holding an
// executable gcloud that runs the given sh script.

import * as fs from "node:fs";
import * as path from "node:path";
import { tempDir } from "./dist-fixture";

export function fakeGcloud(script: string): string {
  const dir = tempDir("apigee-aws-gcloud-");
  const file = path.join(dir, "gcloud");
  fs.writeFileSync(file, `#!/bin/sh\n${script}\n`);
  fs.chmodSync(file, 0o755);
  return dir;
}

/** A gcloud that prints `token` for `gcloud auth print-access-token` and fails on anything else. */
export function gcloudPrinting(token: string): string {
  return fakeGcloud(`[ "$1 $2" = "auth print-access-token" ] || { echo "unexpected arguments: $*" >&2; exit 3; }\necho "${token}"`);
}

// Benchmarks run proxies written on the spot into a temporary folder.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { writeFileTree } from "../common/file-tree";

/** Writes `files` (paths under apiproxy/) and returns the apiproxy folder. */
export function writeTempProxy(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "apigee-aws-bench-"));
  writeFileTree(root, Object.entries(files));
  return path.join(root, "apiproxy");
}

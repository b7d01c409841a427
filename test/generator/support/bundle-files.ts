// Writing a generated bundle to a temporary folder, for the runner and apigeelint.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { writeFileTree } from "../../../src/common/file-tree";

export { parseProperties } from "../../../src/common/properties";

/** Writes the files under a new temporary folder; returns the apiproxy/ folder. */
export function writeGenerated(files: Map<string, Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "apigee-aws-generated-"));
  writeFileTree(dir, files);
  return path.join(dir, "apiproxy");
}

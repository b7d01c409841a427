// Writing a build to its folder all at once (never a half-written dist/), and
// comparing a folder with what a build would write (`--check`).

import * as fs from "node:fs";
import * as path from "node:path";
import { compareFileTrees, readFileTree, writeFileTree, type FileTreeDrift } from "../common/file-tree";
import type { BuildOutput } from "./build-output";

/** Writes into a sibling temporary folder, then swaps it in with renames. */
export function writeOutputFolder(outDir: string, output: BuildOutput): void {
  const parent = path.dirname(path.resolve(outDir));
  fs.mkdirSync(parent, { recursive: true });
  const staging = fs.mkdtempSync(path.join(parent, `.${path.basename(outDir)}.new-`));
  try {
    writeFileTree(staging, output);
    const old = fs.existsSync(outDir) ? `${staging.replace(/\.new-/, ".old-")}` : null;
    if (old) fs.renameSync(outDir, old);
    fs.renameSync(staging, outDir);
    if (old) fs.rmSync(old, { recursive: true, force: true });
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw e;
  }
}

/** How the folder differs from the build; all empty when it is up to date. */
export function compareOutputFolder(outDir: string, output: BuildOutput): FileTreeDrift {
  return compareFileTrees(output, readFileTree(outDir));
}

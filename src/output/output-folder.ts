// Writing a build to its folder all at once (never a half-written dist/), and
// comparing a folder with what a build would write (`--check`).

import * as fs from "node:fs";
import * as path from "node:path";
import { compareFileTrees, readFileTree, writeFileTree, type FileTreeDrift } from "../common/file-tree";
import { UserError } from "../common/user-error";
import { BUILD_MARKER, type BuildOutput } from "./build-output";

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

/**
 * `build --out DIR`: replaces DIR whole, but only when DIR is new, empty, or
 * a previous build's (it holds BUILD_MARKER). A folder of other files, the
 * working directory or one above it, or the folder of the intent file is
 * refused before anything is written. Relative paths are relative to `cwd`;
 * messages show them as given.
 */
export function writeBuildFolder(outDir: string, output: BuildOutput, intentFile: string, cwd: string): void {
  checkReplaceable(outDir, intentFile, cwd);
  writeOutputFolder(path.resolve(cwd, outDir), output);
}

function contains(folder: string, target: string): boolean {
  const rel = path.relative(folder, target);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

function checkReplaceable(outDir: string, intentFile: string, cwd: string): void {
  const how = "point --out at a new or empty folder, or at a previous build's output (the default is dist)";
  const dir = path.resolve(cwd, outDir);
  if (contains(dir, path.resolve(cwd))) throw new UserError(`--out ${outDir} is the working directory or a folder above it, which build would replace whole; ${how}.`);
  if (contains(dir, path.resolve(cwd, intentFile))) throw new UserError(`--out ${outDir} holds the intent file ${intentFile}, which build would delete with the rest of the folder; ${how}.`);
  if (!fs.existsSync(dir)) return;
  if (!fs.statSync(dir).isDirectory()) throw new UserError(`--out ${outDir} is a file, not a folder; ${how}.`);
  const entries = fs.readdirSync(dir).sort();
  if (entries.length === 0 || entries.includes(BUILD_MARKER)) return;
  const shown = entries.slice(0, 3).join(", ") + (entries.length > 3 ? `, … (${entries.length} entries)` : "");
  throw new UserError(`--out ${outDir} holds files apigee-aws build did not write (${shown}) and build replaces the whole folder, so it is left alone; ${how}.`);
}

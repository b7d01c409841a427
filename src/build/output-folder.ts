// Writing a build to its folder all at once (never a half-written dist/), and
// comparing a folder with what a build would write (`--check`).

import * as fs from "node:fs";
import * as path from "node:path";
import type { BuildOutput } from "./build-output";

function listFiles(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(path.relative(root, full).split(path.sep).join("/"));
    }
  };
  walk(root);
  return out.sort();
}

/** Writes into a sibling temporary folder, then swaps it in with renames. */
export function writeOutputFolder(outDir: string, output: BuildOutput): void {
  const parent = path.dirname(path.resolve(outDir));
  fs.mkdirSync(parent, { recursive: true });
  const staging = fs.mkdtempSync(path.join(parent, `.${path.basename(outDir)}.new-`));
  try {
    for (const [rel, content] of output) {
      fs.mkdirSync(path.dirname(path.join(staging, rel)), { recursive: true });
      fs.writeFileSync(path.join(staging, rel), content);
    }
    const old = fs.existsSync(outDir) ? `${staging.replace(/\.new-/, ".old-")}` : null;
    if (old) fs.renameSync(outDir, old);
    fs.renameSync(staging, outDir);
    if (old) fs.rmSync(old, { recursive: true, force: true });
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw e;
  }
}

export interface OutputDrift {
  missing: string[];
  changed: string[];
  extra: string[];
}

/** How the folder differs from the build; all empty when it is up to date. */
export function compareOutputFolder(outDir: string, output: BuildOutput): OutputDrift {
  const onDisk = new Set(listFiles(outDir));
  const drift: OutputDrift = { missing: [], changed: [], extra: [] };
  for (const [rel, content] of output) {
    if (!onDisk.has(rel)) drift.missing.push(rel);
    else if (!fs.readFileSync(path.join(outDir, rel)).equals(content)) drift.changed.push(rel);
    onDisk.delete(rel);
  }
  drift.extra = [...onDisk].sort();
  return drift;
}

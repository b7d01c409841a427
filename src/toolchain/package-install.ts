// The package as a user gets it: `npm pack` from a copy of the checkout
// (without lib/, so prepack must build it), then `npm i TARBALL` into an empty
// folder with npm's defaults (install scripts not approved). Used by the test
// that runs every command from the installed package and by the benchmark
// that reports the install's size.

import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const NPM = process.platform === "win32" ? "npm.cmd" : "npm";
/** Keep npm's output short and off the network where the cache has the answer. */
const QUIET = ["--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"];

function npm(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  const run = spawnSync(NPM, args, { cwd, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`npm ${args.join(" ")} in ${cwd} failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
  return run.stdout;
}

/** The checkout's files as git sees them (tracked, and new files not ignored), without the build output. */
function checkoutFiles(root: string): string[] {
  const out = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return out.split("\0").filter((f) => f !== "" && fs.existsSync(path.join(root, f)));
}

/**
 * `npm pack` of a fresh copy of the checkout: its prepack builds lib/ there
 * (node_modules is linked, not copied). Returns the tarball's path in `dest`.
 */
export function packCheckout(root: string, dest: string): string {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), "apigee-aws-pack-"));
  try {
    for (const rel of checkoutFiles(root)) {
      fs.mkdirSync(path.dirname(path.join(copy, rel)), { recursive: true });
      fs.copyFileSync(path.join(root, rel), path.join(copy, rel));
    }
    fs.symlinkSync(path.join(root, "node_modules"), path.join(copy, "node_modules"), "dir");
    const name = npm(["pack", "--pack-destination", dest, "--loglevel=error"], copy).trim().split("\n").pop()!;
    return path.join(dest, name);
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
}

/** The tarball's files, relative to the package root ("lib/cli.js"), sorted. */
export function tarballFiles(tarball: string): string[] {
  const list = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return list
    .split("\n")
    .filter((l) => l !== "" && !l.endsWith("/"))
    .map((l) => l.replace(/^package\//, ""))
    .sort();
}

/** `npm i TARBALL` in a new empty project folder; returns the folder. */
export function installTarball(tarball: string, parent = os.tmpdir()): string {
  const dir = fs.mkdtempSync(path.join(parent, "apigee-aws-consumer-"));
  fs.writeFileSync(path.join(dir, "package.json"), `${JSON.stringify({ name: "consumer", version: "1.0.0", private: true }, null, 2)}\n`);
  npm(["install", tarball, ...QUIET], dir);
  return dir;
}

/** `npm i -g TARBALL` into its own prefix; returns the prefix (the command is PREFIX/bin/apigee-aws). */
export function installGlobally(tarball: string, parent = os.tmpdir()): string {
  const prefix = fs.mkdtempSync(path.join(parent, "apigee-aws-global-"));
  npm(["install", "--global", tarball, ...QUIET], prefix, { ...process.env, npm_config_prefix: prefix });
  return prefix;
}

export interface InstallFootprint {
  /** Bytes of every file under node_modules (apparent sizes). */
  bytes: number;
  /** Installed packages: the tree npm reports, without the project itself. */
  packages: number;
}

function treeBytes(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += treeBytes(full);
    else if (entry.isFile()) total += fs.statSync(full).size;
  }
  return total;
}

export function installFootprint(project: string): InstallFootprint {
  const parseable = npm(["ls", "--all", "--parseable"], project);
  const packages = new Set(parseable.split("\n").filter((l) => l.trim() !== "" && path.resolve(l) !== path.resolve(project)));
  return { bytes: treeBytes(path.join(project, "node_modules")), packages: packages.size };
}

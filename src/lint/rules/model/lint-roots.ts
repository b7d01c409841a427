// What the project checks read from the lint roots (folders such as dist/,
// a bundle folder, or single files): environment property sets
// (env/<env>/propertysets/*.properties), IAM role metadata
// (aws/<env>/<proxy>/role.json) and bundle folders. Zips are skipped. Paths
// keep the form of their root, so a relative root gives relative paths.

import * as fs from "node:fs";
import * as path from "node:path";

export interface PropertySetFile {
  file: string;
  env: string;
}

export interface RoleFile {
  file: string;
  env: string;
  proxy: string;
}

export interface LintRootContents {
  propertySets: PropertySetFile[];
  roles: RoleFile[];
  bundles: string[];
}

const SKIPPED_FOLDERS = new Set(["node_modules", ".git"]);
const MAX_DEPTH = 8;

function segments(file: string): string[] {
  return path.resolve(file).split(path.sep);
}

function asPropertySet(file: string): PropertySetFile | null {
  const s = segments(file);
  const n = s.length;
  if (!file.endsWith(".properties") || n < 4 || s[n - 2] !== "propertysets" || s[n - 4] !== "env") return null;
  return { file, env: s[n - 3] };
}

function asRole(file: string): RoleFile | null {
  const s = segments(file);
  const n = s.length;
  if (s[n - 1] !== "role.json" || n < 4 || s[n - 4] !== "aws") return null;
  return { file, env: s[n - 3], proxy: s[n - 2] };
}

function isBundleFolder(dir: string): boolean {
  const base = path.basename(path.resolve(dir));
  return (base === "apiproxy" || base === "sharedflowbundle") && fs.readdirSync(dir).some((f) => f.endsWith(".xml"));
}

/** A file of a bundle, in the form (relative or absolute) its bundle folder was given. */
export function asGiven(dirGiven: string, bundleDir: string, file: string): string {
  return path.join(dirGiven, path.relative(bundleDir, file));
}

export function readLintRoots(roots: string[]): LintRootContents {
  const out: LintRootContents = { propertySets: [], roles: [], bundles: [] };
  const seen = new Set<string>();
  const once = (p: string) => {
    const real = fs.realpathSync(p);
    if (seen.has(real)) return false;
    seen.add(real);
    return true;
  };
  const visitFile = (file: string) => {
    const propertySet = asPropertySet(file);
    if (propertySet && once(file)) out.propertySets.push(propertySet);
    const role = asRole(file);
    if (role && once(file)) out.roles.push(role);
  };
  const visitDir = (dir: string, depth: number) => {
    if (isBundleFolder(dir)) {
      if (once(dir)) out.bundles.push(dir);
      return;
    }
    if (depth > MAX_DEPTH) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (SKIPPED_FOLDERS.has(entry.name)) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visitDir(full, depth + 1);
      else if (entry.isFile()) visitFile(full);
    }
  };
  for (const root of roots) {
    if (!fs.existsSync(root)) continue;
    const stat = fs.statSync(root);
    if (stat.isDirectory()) visitDir(root, 0);
    else if (stat.isFile()) visitFile(root);
  }
  return out;
}

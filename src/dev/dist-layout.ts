// What the runner needs from a build's output folder: its bundle folders
// (proxies/<name>, sharedflows/<name>) and an environment's property sets
// (env/<env>/propertysets/NAME.properties). Used by `apigee-aws dev` for a
// dist/ on disk and for the build it makes of an intent.

import * as fs from "node:fs";
import * as path from "node:path";
import { parseProperties } from "../common/properties";
import { UserError } from "../common/user-error";

export type PropertySets = Record<string, Record<string, string>>;

/** Every bundle folder under DIST/proxies and DIST/sharedflows, sorted; DIST relative to `cwd` when given, the folders named below DIST as given. */
export function distBundleFolders(dist: string, cwd?: string): string[] {
  const at = (p: string) => (cwd === undefined ? p : path.resolve(cwd, p));
  return ["proxies", "sharedflows"].flatMap((kind) => {
    const dir = path.join(dist, kind);
    if (!fs.existsSync(at(dir))) return [];
    return fs
      .readdirSync(at(dir), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => path.join(dir, e.name))
      .sort();
  });
}

/** NAME.properties files (relative to `cwd` when given) as property sets NAME; a missing file is an error naming it (after `label`, e.g. the flag that gave it). */
export function readPropertySetFiles(files: string[], label = "property set", cwd?: string): PropertySets {
  const sets: PropertySets = {};
  for (const file of files) {
    const at = cwd === undefined ? file : path.resolve(cwd, file);
    if (!fs.existsSync(at)) throw new UserError(`${label} ${file}: no such file`);
    sets[path.basename(file).replace(/\.properties$/, "")] = parseProperties(fs.readFileSync(at, "utf8"), file);
  }
  return sets;
}

/** Every NAME.properties in a folder (none when it does not exist). */
export function readPropertySetFolder(dir: string): PropertySets {
  if (!fs.existsSync(dir)) return {};
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".properties")).sort();
  return readPropertySetFiles(files.map((f) => path.join(dir, f)));
}

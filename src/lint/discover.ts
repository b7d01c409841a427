// Which bundles `apigee-aws lint PATH...` checks: bundle folders, folders
// searched for them, and bundle zips. A zip built beside the folder it was
// zipped from (dist/proxies/x.zip beside dist/proxies/x/) is not linted a
// second time; it is compared with the folder instead.

import * as fs from "node:fs";
import * as path from "node:path";
import { isBundleRoot, type BundleRoot } from "../bundle/files";
import { UserError } from "../common/user-error";
import { compareText } from "./finding";
import { readZipBundle, ZipBundle } from "./zip-bundle";

export interface BundleTarget {
  kind: BundleRoot;
  source: "folder" | "zip";
  /** Absolute: the bundle root folder (…/apiproxy), or the zip. */
  location: string;
  /** A zip's contents, read once during discovery. */
  zip?: ZipBundle;
}

/** A zip and the folder bundle beside it that it should be a copy of. */
export interface ZipTwin {
  zip: string;
  contents: ZipBundle;
  /** Absolute bundle root of the folder (…/x/apiproxy). */
  folderRoot: string;
}

export interface Discovery {
  /** Sorted by location. */
  bundles: BundleTarget[];
  twins: ZipTwin[];
}

const SKIPPED_FOLDERS = new Set(["node_modules"]);

export function discoverBundles(paths: string[], cwd: string): Discovery {
  const found = new Map<string, BundleTarget>();
  const empty: string[] = [];
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    const search = new Search();
    search.start(given, absolute);
    for (const target of search.bundles) found.set(target.location, target);
    if (search.bundles.length === 0 && !search.sawPropertySets) empty.push(given);
  }
  if (empty.length) {
    throw new UserError(
      `no API proxy or shared-flow bundle found in ${empty.join(", ")}: give a bundle folder (apiproxy/ or sharedflowbundle/, or the folder holding one), ` +
        `a .zip of one, or a folder to search (e.g. dist/ after apigee-aws build)`
    );
  }
  return pairTwins([...found.values()].sort((a, b) => compareText(a.location, b.location)));
}

/** One path argument's walk. */
class Search {
  readonly bundles: BundleTarget[] = [];
  /** Environment property sets (env/<env>/propertysets/*.properties) are linted by the project checks. */
  sawPropertySets = false;

  start(given: string, absolute: string): void {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch {
      throw new UserError(`${given}: no such file or folder`);
    }
    if (stat.isFile()) {
      if (!absolute.toLowerCase().endsWith(".zip")) throw new UserError(`${given}: not a bundle folder or .zip; give an apiproxy/ or sharedflowbundle/ folder, a zip of one, or a folder to search`);
      const reading = readZipBundle(absolute);
      if ("notABundle" in reading) throw new UserError(`${given}: not an API proxy or shared-flow bundle zip: ${reading.notABundle}`);
      this.bundles.push({ kind: reading.bundle.kind, source: "zip", location: absolute, zip: reading.bundle });
      return;
    }
    if (!stat.isDirectory()) throw new UserError(`${given}: not a file or folder`);
    const base = path.basename(absolute);
    if (isBundleRoot(base)) this.bundles.push({ kind: base, source: "folder", location: absolute });
    else this.walk(absolute);
  }

  // Symbolic links are not followed (no loops, nothing outside the tree);
  // node_modules and dot-folders (.git, staging folders such as .dist.new-*) are skipped.
  private walk(dir: string): void {
    const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => compareText(a.name, b.name));
    if (path.basename(dir) === "propertysets" && entries.some((e) => e.isFile() && e.name.endsWith(".properties"))) this.sawPropertySets = true;
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (isBundleRoot(entry.name)) this.bundles.push({ kind: entry.name, source: "folder", location: full });
        else if (!SKIPPED_FOLDERS.has(entry.name) && !entry.name.startsWith(".")) this.walk(full);
      } else if (entry.isFile() && entry.name.toLowerCase().endsWith(".zip")) {
        // A zip that is not a bundle (a download, an archive) is not ours to judge.
        const reading = readZipBundle(full);
        if ("bundle" in reading) this.bundles.push({ kind: reading.bundle.kind, source: "zip", location: full, zip: reading.bundle });
      }
    }
  }
}

/** x.zip whose folder twin x/<kind>/ is also being linted is compared, not linted. */
function pairTwins(bundles: BundleTarget[]): Discovery {
  const folders = new Set(bundles.filter((b) => b.source === "folder").map((b) => b.location));
  const twins: ZipTwin[] = [];
  const linted: BundleTarget[] = [];
  for (const bundle of bundles) {
    const folderRoot = bundle.source === "zip" ? path.join(bundle.location.slice(0, -".zip".length), bundle.kind) : "";
    if (bundle.zip && folders.has(folderRoot)) twins.push({ zip: bundle.location, contents: bundle.zip, folderRoot });
    else linted.push(bundle);
  }
  return { bundles: linted, twins };
}

// A bundle's files as Apigee lays them out: everything below one root folder,
// apiproxy/ or sharedflowbundle/, with the descriptor (NAME.xml) directly in
// it. Read from a folder or a zip; a zip's entries carry the root
// ("apiproxy/policies/A.xml"), a bundle's files are keyed below it
// ("policies/A.xml").

import * as fs from "node:fs";
import * as path from "node:path";
import { isDescriptorPath } from "../common/bundle-content-hash";
import { unzipFiles } from "../common/bundle-zip";
import { readFileTree } from "../common/file-tree";
import { UserError } from "../common/user-error";

export const BUNDLE_ROOTS = ["apiproxy", "sharedflowbundle"] as const;
export type BundleRoot = (typeof BUNDLE_ROOTS)[number];

export interface BundleFiles {
  root: BundleRoot;
  /** Where the bundle came from, for messages: the root folder or the zip. */
  source: string;
  /** "proxies/default.xml" → contents, relative to the bundle root. */
  files: Map<string, Buffer>;
}

/** A bundle at `location`: its root folder, the folder holding it, or a zip of it. */
export function readBundleFiles(location: string): BundleFiles {
  if (!fs.existsSync(location)) throw new UserError(`${location}: no such file or folder`);
  if (fs.statSync(location).isFile()) return readBundleZip(location);
  const base = path.basename(location);
  if (isBundleRoot(base)) return readBundleFolder(location, base);
  const roots = BUNDLE_ROOTS.filter((r) => fs.existsSync(path.join(location, r)));
  if (roots.length !== 1) {
    throw new UserError(`${location}: expected an apiproxy/ or sharedflowbundle/ folder (or a zip of one) here`);
  }
  return readBundleFolder(path.join(location, roots[0]), roots[0]);
}

export function readBundleFolder(folder: string, root: BundleRoot): BundleFiles {
  return { root, source: folder, files: readFileTree(folder) };
}

function readBundleZip(zip: string): BundleFiles {
  let entries: Map<string, Buffer>;
  try {
    entries = unzipFiles(fs.readFileSync(zip));
  } catch (e) {
    throw new UserError(`${zip}: not a readable zip (${(e as Error).message})`);
  }
  const roots = new Set([...entries.keys()].map((n) => n.split("/")[0]));
  const root = BUNDLE_ROOTS.find((r) => roots.has(r));
  if (!root || roots.size !== 1) {
    throw new UserError(`${zip}: entries must all sit under apiproxy/ or sharedflowbundle/ (found: ${[...roots].join(", ")})`);
  }
  return { root, source: zip, files: new Map([...belowRoot(entries, root)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) };
}

export function isBundleRoot(name: string): name is BundleRoot {
  return (BUNDLE_ROOTS as readonly string[]).includes(name);
}

/** The zip entries that are not below `root`/, which Apigee refuses. */
export function entriesOutside(entries: Iterable<string>, root: BundleRoot): string[] {
  return [...entries].filter((rel) => !rel.startsWith(`${root}/`));
}

/** Zip entries below `root`/, keyed without it; the others are left out. */
export function belowRoot(entries: Map<string, Buffer>, root: BundleRoot): Map<string, Buffer> {
  const prefix = `${root}/`;
  return new Map([...entries].filter(([rel]) => rel.startsWith(prefix)).map(([rel, content]) => [rel.slice(prefix.length), content]));
}

/** The bundle's files as zip entries, below its root. */
export function withRoot(bundle: Pick<BundleFiles, "root" | "files">): Map<string, Buffer> {
  return new Map([...bundle.files].map(([rel, content]) => [`${bundle.root}/${rel}`, content]));
}

/** Descriptor candidates: the XML files directly in the root, keyed below it; a bundle has exactly one. */
export function descriptorPaths(bundle: Pick<BundleFiles, "root" | "files">): string[] {
  return [...bundle.files.keys()].filter((rel) => isDescriptorPath(`${bundle.root}/${rel}`));
}

/** How a file of the bundle is named in messages: a real path, or zip!/root/path. */
export function displayPath(bundle: BundleFiles, rel: string): string {
  return bundle.source.endsWith(".zip") ? `${bundle.source}!/${bundle.root}/${rel}` : path.join(bundle.source, rel);
}

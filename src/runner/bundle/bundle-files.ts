// A bundle's files, from a folder (apiproxy/ or sharedflowbundle/, or their
// parent) or a zip, keyed by their path inside the bundle root.

import * as fs from "node:fs";
import * as path from "node:path";
import { unzipFiles } from "../../common/bundle-zip";
import { readFileTree } from "../../common/file-tree";
import { UserError } from "../../common/user-error";

export interface BundleFiles {
  kind: "apiproxy" | "sharedflowbundle";
  /** Where the bundle came from, for messages: the folder or zip. */
  source: string;
  /** "proxies/default.xml" → contents, relative to the bundle root. */
  files: Map<string, Buffer>;
}

const ROOTS = ["apiproxy", "sharedflowbundle"] as const;

export function readBundleFiles(location: string): BundleFiles {
  if (!fs.existsSync(location)) throw new UserError(`${location}: no such file or folder`);
  if (fs.statSync(location).isFile()) return fromZip(location);
  const base = path.basename(location);
  if ((ROOTS as readonly string[]).includes(base)) return fromFolder(location, base as BundleFiles["kind"]);
  const roots = ROOTS.filter((r) => fs.existsSync(path.join(location, r)));
  if (roots.length !== 1) {
    throw new UserError(`${location}: expected an apiproxy/ or sharedflowbundle/ folder (or a zip of one) here`);
  }
  return fromFolder(path.join(location, roots[0]), roots[0]);
}

function fromFolder(root: string, kind: BundleFiles["kind"]): BundleFiles {
  return { kind, source: root, files: readFileTree(root) };
}

function fromZip(zip: string): BundleFiles {
  let entries: Map<string, Buffer>;
  try {
    entries = unzipFiles(fs.readFileSync(zip));
  } catch (e) {
    throw new UserError(`${zip}: not a readable zip (${(e as Error).message})`);
  }
  const names = [...entries.keys()];
  const roots = new Set(names.map((n) => n.split("/")[0]));
  const kind = ROOTS.find((r) => roots.has(r));
  if (!kind || roots.size !== 1) {
    throw new UserError(`${zip}: entries must all sit under apiproxy/ or sharedflowbundle/ (found: ${[...roots].join(", ")})`);
  }
  const files = new Map<string, Buffer>();
  for (const n of names.sort()) files.set(n.slice(kind.length + 1), entries.get(n)!);
  return { kind, source: zip, files };
}

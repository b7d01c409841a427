// Bundle zips: recognising one (its entries all under apiproxy/ or
// sharedflowbundle/) and unpacking it where apigeelint can read it.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { BUNDLE_ROOTS, type BundleRoot } from "../bundle/files";
import { unzipFiles } from "../common/bundle-zip";
import { writeFileTree } from "../common/file-tree";
import { compareText } from "./finding";

export interface ZipBundle {
  kind: BundleRoot;
  /** Path inside the bundle root ("policies/A.xml") → content. */
  files: Map<string, Buffer>;
}

export type ZipReading = { bundle: ZipBundle } | { notABundle: string };

/** Reads a zip; `notABundle` says why it is not a bundle zip. */
export function readZipBundle(zip: string): ZipReading {
  let entries: Map<string, Buffer>;
  try {
    entries = unzipFiles(fs.readFileSync(zip));
  } catch (e) {
    return { notABundle: `not a readable zip (${(e as Error).message})` };
  }
  const names = [...entries.keys()];
  if (names.length === 0) return { notABundle: "the zip is empty" };
  const roots = [...new Set(names.map((n) => n.split("/")[0]))].sort(compareText);
  const kind = BUNDLE_ROOTS.find((k) => roots.length === 1 && roots[0] === k && names.every((n) => n.includes("/")));
  if (!kind) return { notABundle: `its entries must all sit under apiproxy/ or sharedflowbundle/ (found: ${roots.join(", ")})` };
  const unsafe = names.find((n) => !isSafeEntry(n));
  if (unsafe) return { notABundle: `entry ${JSON.stringify(unsafe)} would be written outside the bundle` };
  const files = new Map<string, Buffer>();
  for (const name of names.sort(compareText)) files.set(name.slice(kind.length + 1), entries.get(name)!);
  return { bundle: { kind, files } };
}

function isSafeEntry(name: string): boolean {
  return !name.startsWith("/") && !name.includes("\\") && !name.split("/").some((segment) => segment === ".." || segment === "." || segment === "");
}

/** Writes the bundle into a new temporary folder; returns the bundle root (…/apiproxy). */
export function unpackZipBundle(bundle: ZipBundle): { root: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "apigee-aws-lint-zip-"));
  const root = path.join(dir, bundle.kind);
  writeFileTree(root, bundle.files);
  return { root, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

// Bundle zips: recognising one (its entries all under apiproxy/ or
// sharedflowbundle/), unpacking it where apigeelint can read it, and
// comparing it with the folder it was built beside.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { unzipSync } from "fflate";
import { compareText } from "./finding";

export type BundleKind = "apiproxy" | "sharedflowbundle";
export const BUNDLE_KINDS: readonly BundleKind[] = ["apiproxy", "sharedflowbundle"];

export interface ZipBundle {
  kind: BundleKind;
  /** Path inside the bundle root ("policies/A.xml") → content. */
  files: Map<string, Buffer>;
}

export type ZipReading = { bundle: ZipBundle } | { notABundle: string };

/** Reads a zip; `notABundle` says why it is not a bundle zip. */
export function readZipBundle(zip: string): ZipReading {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(fs.readFileSync(zip));
  } catch (e) {
    return { notABundle: `not a readable zip (${(e as Error).message})` };
  }
  const names = Object.keys(entries).filter((n) => !n.endsWith("/"));
  if (names.length === 0) return { notABundle: "the zip is empty" };
  const roots = [...new Set(names.map((n) => n.split("/")[0]))].sort(compareText);
  const kind = BUNDLE_KINDS.find((k) => roots.length === 1 && roots[0] === k && names.every((n) => n.includes("/")));
  if (!kind) return { notABundle: `its entries must all sit under apiproxy/ or sharedflowbundle/ (found: ${roots.join(", ")})` };
  const unsafe = names.find((n) => !isSafeEntry(n));
  if (unsafe) return { notABundle: `entry ${JSON.stringify(unsafe)} would be written outside the bundle` };
  const files = new Map<string, Buffer>();
  for (const name of names.sort(compareText)) files.set(name.slice(kind.length + 1), Buffer.from(entries[name]));
  return { bundle: { kind, files } };
}

function isSafeEntry(name: string): boolean {
  return !name.startsWith("/") && !name.includes("\\") && !name.split("/").some((segment) => segment === ".." || segment === "." || segment === "");
}

/** Writes the bundle into a new temporary folder; returns the bundle root (…/apiproxy). */
export function unpackZipBundle(bundle: ZipBundle): { root: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "apigee-aws-lint-zip-"));
  const root = path.join(dir, bundle.kind);
  for (const [rel, content] of bundle.files) {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return { root, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export interface BundleDrift {
  /** In the folder, not in the zip. */
  missing: string[];
  changed: string[];
  /** In the zip, not in the folder. */
  extra: string[];
}

/** How the zip's files differ from the folder's (paths relative to the bundle root); all empty when byte-identical. */
export function compareWithFolder(zipFiles: Map<string, Buffer>, folderFiles: Map<string, Buffer>): BundleDrift {
  const drift: BundleDrift = { missing: [], changed: [], extra: [] };
  for (const [rel, content] of folderFiles) {
    const inZip = zipFiles.get(rel);
    if (inZip === undefined) drift.missing.push(rel);
    else if (!inZip.equals(content)) drift.changed.push(rel);
  }
  for (const rel of zipFiles.keys()) if (!folderFiles.has(rel)) drift.extra.push(rel);
  for (const list of [drift.missing, drift.changed, drift.extra]) list.sort(compareText);
  return drift;
}

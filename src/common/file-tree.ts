// A folder as a map of "/"-separated relative paths to contents, and back:
// how bundles are read, built, compared and written.

import * as fs from "node:fs";
import * as path from "node:path";

/** Every file below `root` (none when it does not exist), relative and "/"-separated, sorted. */
export function listFileTree(root: string): string[] {
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

export function readFileTree(root: string): Map<string, Buffer> {
  return new Map(listFileTree(root).map((rel) => [rel, fs.readFileSync(path.join(root, rel))]));
}

export function writeFileTree(root: string, files: Iterable<[string, string | Uint8Array]>): void {
  const made = new Set<string>();
  for (const [rel, content] of files) {
    const file = path.join(root, rel);
    const dir = path.dirname(file);
    if (!made.has(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    fs.writeFileSync(file, content);
  }
}

export interface FileTreeDrift {
  /** In `expected`, not in `actual`. */
  missing: string[];
  /** In both, with different bytes. */
  changed: string[];
  /** In `actual`, not in `expected`. */
  extra: string[];
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** How `actual` differs from `expected`, each list sorted; all empty when they hold the same files, byte for byte. */
export function compareFileTrees(expected: Map<string, Buffer>, actual: Map<string, Buffer>): FileTreeDrift {
  const drift: FileTreeDrift = { missing: [], changed: [], extra: [] };
  for (const [rel, content] of expected) {
    const other = actual.get(rel);
    if (other === undefined) drift.missing.push(rel);
    else if (!other.equals(content)) drift.changed.push(rel);
  }
  for (const rel of actual.keys()) if (!expected.has(rel)) drift.extra.push(rel);
  for (const list of [drift.missing, drift.changed, drift.extra]) list.sort(byCodeUnit);
  return drift;
}

export function isSameTree(drift: FileTreeDrift): boolean {
  return drift.missing.length === 0 && drift.changed.length === 0 && drift.extra.length === 0;
}

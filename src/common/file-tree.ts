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

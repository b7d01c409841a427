// The shape of src/: top-level folders import each other without cycles, so
// each folder can be read (and changed) knowing only what it depends on; the
// shipped code never reaches into the tests, and only what serves locally
// (dev, the benchmarks, the dev command) uses the stand-ins.

import * as fs from "node:fs";
import * as path from "node:path";
import { packageRoot } from "../../src/common/paths";

const SRC = path.join(packageRoot(), "src");
/** Static imports, re-exports, dynamic imports and requires with a relative path; type-only imports count too. */
const IMPORT = /(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)["'](\.{1,2}\/[^"']+)["']/gm;
/** Who may use the loopback stand-ins: `apigee-aws dev` and the benchmarks serve with them. */
const STAND_IN_USERS = [/^dev\//, /^bench\//, /^cli\/commands\/dev\.ts$/, /^stand-ins\//];

interface Edge {
  from: string;
  to: string;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.ts$/.test(e.name) ? [full] : [];
  });
}

function edges(): Edge[] {
  return sourceFiles(SRC).flatMap((file) =>
    [...fs.readFileSync(file, "utf8").matchAll(IMPORT)].map((m) => ({
      from: path.relative(SRC, file).split(path.sep).join("/"),
      to: path.relative(SRC, path.resolve(path.dirname(file), m[1])).split(path.sep).join("/")
    }))
  );
}

const top = (rel: string) => rel.split("/")[0];

/** Folder-level cycles, each as the list of folders around it. */
function folderCycles(all: Edge[]): string[][] {
  const graph = new Map<string, Set<string>>();
  for (const e of all) {
    if (top(e.from) === top(e.to)) continue;
    if (!graph.has(top(e.from))) graph.set(top(e.from), new Set());
    graph.get(top(e.from))!.add(top(e.to));
  }
  const cycles: string[][] = [];
  const visit = (node: string, trail: string[]) => {
    for (const next of graph.get(node) ?? []) {
      const at = trail.indexOf(next);
      if (at >= 0) cycles.push([...trail.slice(at), next]);
      else visit(next, [...trail, next]);
    }
  };
  for (const start of [...graph.keys()].sort()) visit(start, [start]);
  // One entry per cycle, whichever folder the search entered it from.
  const seen = new Set<string>();
  return cycles.filter((cycle) => {
    const key = [...new Set(cycle)].sort().join(" ");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const all = edges();

test("the graph is read: known imports are found", () => {
  expect(all).toContainEqual({ from: "plan/planner.ts", to: "iam/trust-policy" });
  expect(all).toContainEqual({ from: "cli/main.ts", to: "cli/commands/build" });
  expect(all.length).toBeGreaterThan(500);
});

test("no cycles between the top-level folders of src/", () => {
  const cycles = folderCycles(all);
  const explained = cycles.map((cycle) =>
    cycle
      .slice(1)
      .map((to, i) => `${cycle[i]} → ${to} (${all.find((e) => top(e.from) === cycle[i] && top(e.to) === to)!.from})`)
      .join(", ")
  );
  expect(explained).toEqual([]);
});

test("the cycle check would see a cycle", () => {
  expect(folderCycles([{ from: "a/x.ts", to: "b/y" }, { from: "b/y.ts", to: "a/z" }])).toContainEqual(["a", "b", "a"]);
});

test("shipped code never imports the tests, and only dev and the benchmarks use the stand-ins", () => {
  expect(all.filter((e) => e.to.startsWith("../"))).toEqual([]);
  const standInUses = all.filter((e) => top(e.to) === "stand-ins" && !STAND_IN_USERS.some((allowed) => allowed.test(e.from)));
  expect(standInUses).toEqual([]);
});

// The worker pool finds what apigeelint's CLI finds once per bundle (the
// mode before it): byte-identical JSON findings on every lint fixture, on the
// bundles `apigee-aws build templates/full.yaml` writes (folders, the zips
// beside them, and a zip on its own), and, with apigeelint's JSHint and
// ESLint rules switched on, on the fixtures with JavaScript (PO025 runs
// ESLint in the working directory, which the worker changes per bundle).

import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { collectFindings, CollectOptions } from "../../../src/lint/collect-findings";
import { DEFAULT_EXCLUDED } from "../../../src/lint/rule-catalog";
import { ROOT } from "../cli/support";
import { requirePlugins } from "../rules/lint-helpers";
import { requireWorker, tempDir } from "./support";

let dir: string;

beforeAll(() => {
  requirePlugins();
  requireWorker();
  dir = tempDir("equivalence");
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Both modes' findings as JSON; the workers get one worker (every bundle through it) or two. */
async function bothModes(options: Omit<CollectOptions, "jobs">, workerJobs: number): Promise<{ workers: string; processes: string; findings: number; bundles: number }> {
  const [workers, processes] = await Promise.all([
    collectFindings({ ...options, jobs: workerJobs, internal: { engine: "workers" } }),
    collectFindings({ ...options, jobs: 2, internal: { engine: "processes" } })
  ]);
  return { workers: JSON.stringify(workers, null, 1), processes: JSON.stringify(processes, null, 1), findings: workers.findings.length, bundles: workers.bundles.length };
}

test("every lint fixture, through one worker: the same findings as one apigeelint process per bundle", async () => {
  const result = await bothModes({ paths: ["test/fixtures/lint"], cwd: ROOT, exclude: new Set(DEFAULT_EXCLUDED) }, 1);
  expect(result.bundles).toBeGreaterThanOrEqual(20);
  expect(result.findings).toBeGreaterThan(20);
  expect(result.workers).toBe(result.processes);
});

test("the bundles built from templates/full.yaml, folders and zips: the same findings in both modes", async () => {
  const out = path.join(dir, "full");
  const build = spawnSync(process.execPath, [path.join(ROOT, "bin/apigee-aws.js"), "build", path.join(ROOT, "templates/full.yaml"), "--out", out], { encoding: "utf8" });
  if (build.status !== 0) throw new Error(`apigee-aws build templates/full.yaml failed: ${build.stderr}`);
  // A zip with no folder beside it is linted itself (unpacked), not compared with a folder.
  fs.mkdirSync(path.join(dir, "zips"));
  fs.copyFileSync(path.join(out, "proxies/orders.zip"), path.join(dir, "zips/orders.zip"));
  const result = await bothModes({ paths: ["full", "zips"], cwd: dir, exclude: new Set(DEFAULT_EXCLUDED) }, 2);
  expect(result.bundles).toBe(9);
  // AA007's warning on the caller-mode proxy (reports); nothing else.
  expect(JSON.parse(result.workers).findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(["AA007"]);
  expect(result.workers).toBe(result.processes);
});

test("with JSHint and ESLint on (--include-all), the fixtures with JavaScript: the same findings in both modes", async () => {
  const result = await bothModes({ paths: ["test/fixtures/lint/rules/AA003", "test/fixtures/lint/rules/AA004"], cwd: ROOT, exclude: new Set() }, 1);
  const rules = new Set(JSON.parse(result.workers).findings.map((f: { ruleId: string }) => f.ruleId));
  expect(rules.has("PO013") && rules.has("PO025")).toBe(true);
  expect(result.workers).toBe(result.processes);
});

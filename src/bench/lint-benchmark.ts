// `npm run bench -- lint`: `apigee-aws lint` over 100 generated bundles (97
// S3 proxies with read, write and read-write access, and the 3 shared flows),
// against the plain apigeelint CLI run once per bundle with the same plugins,
// exclusions and number of processes at once (what lint did before its worker
// pool). Figures are recorded in docs/performance.md.
// - lint.100bundles.s: the whole of lint's collection (discovery, the worker
//   pool, project checks), the default number of jobs (the CPUs);
// - lint.100bundles.sequential.s: the same with one worker;
// - lint.100bundles.apigeelint.s: `node apigeelint/cli.js` once per bundle,
//   as many at once as lint.100bundles.s has workers;
// - lint.speedup.vs.apigeelint: the apigeelint time over lint's;
// - lint.100bundles.speedup: one worker's time over the pool's.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { buildOutput } from "../output/build-output";
import { writeOutputFolder } from "../output/output-folder";
import { parseIntent } from "../intent";
import { planBuild } from "../plan";
import { runApigeelintAsync, settingsArgs } from "../lint/apigeelint";
import { collectFindings } from "../lint/collect-findings";
import { discoverBundles } from "../lint/discover";
import { DEFAULT_JOBS } from "../lint/invocation";
import { mapPool } from "../lint/pool";
import { DEFAULT_EXCLUDED } from "../lint/rule-catalog";
import { projectPluginsDir } from "../lint/rules/plugin-files";
import type { Benchmark, Figure } from "./figures";

const PROXIES = 97;
const ACCESS = ["read", "write", "read-write"];

function benchIntent(): string {
  const proxies = Array.from({ length: PROXIES }, (_, i) => `  p${String(i).padStart(3, "0")}: s3://bench-bucket-${i}/data/ ${ACCESS[i % ACCESS.length]}`);
  return [
    "aws: {account: \"123456789012\", region: us-east-1}",
    "identity: {project: my-project}",
    "auth: {jwt: {issuer: https://auth.example.com/, audience: my-api, jwksUri: https://auth.example.com/.well-known/jwks.json}}",
    "environments: [test, prod]",
    "proxies:",
    ...proxies,
    ""
  ].join("\n");
}

async function timeLint(dist: string, jobs: number): Promise<{ seconds: number; bundles: number; findings: number }> {
  const start = performance.now();
  const result = await collectFindings({ paths: [dist], cwd: path.dirname(dist), jobs, exclude: new Set(DEFAULT_EXCLUDED) });
  return { seconds: (performance.now() - start) / 1000, bundles: result.bundles.length, findings: result.findings.length };
}

/** apigeelint's CLI once per bundle folder (the zips beside them are copies), `jobs` at a time. */
async function timeApigeelint(dist: string, jobs: number): Promise<{ seconds: number; bundles: number; findings: number }> {
  const start = performance.now();
  const bundles = discoverBundles([dist], path.dirname(dist)).bundles.filter((b) => b.source === "folder");
  const args = settingsArgs({ excluded: [...DEFAULT_EXCLUDED].sort(), pluginsDir: projectPluginsDir() });
  const runs = await mapPool(bundles, jobs, (b) => runApigeelintAsync(b.location, args));
  const findings = runs.reduce((n, run) => n + run.messages.length + run.failures.length, 0);
  return { seconds: (performance.now() - start) / 1000, bundles: runs.length, findings };
}

export const lintBundles: Benchmark = {
  name: "lint",
  async run(): Promise<Figure[]> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "apigee-aws-bench-lint-"));
    try {
      const dist = path.join(dir, "dist");
      writeOutputFolder(dist, buildOutput(planBuild(parseIntent(benchIntent(), "bench.yaml"))));
      const jobs = DEFAULT_JOBS();
      const parallel = await timeLint(dist, jobs);
      const sequential = await timeLint(dist, 1);
      const apigeelint = await timeApigeelint(dist, jobs);
      for (const [what, run] of Object.entries({ parallel, sequential, apigeelint })) {
        if (run.bundles !== 100) throw new Error(`expected 100 bundles, the ${what} run linted ${run.bundles}`);
        if (run.findings !== 0) throw new Error(`generated bundles should lint clean; the ${what} run found ${run.findings}`);
      }
      return [
        { name: "lint.100bundles.s", value: parallel.seconds, unit: "s" },
        { name: "lint.100bundles.sequential.s", value: sequential.seconds, unit: "s" },
        { name: "lint.100bundles.apigeelint.s", value: apigeelint.seconds, unit: "s" },
        { name: "lint.speedup.vs.apigeelint", value: apigeelint.seconds / parallel.seconds, unit: "x" },
        { name: "lint.100bundles.speedup", value: sequential.seconds / parallel.seconds, unit: "x" }
      ];
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
};

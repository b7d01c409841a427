// `npm run bench -- lint`: `apigee-aws lint` over 100 generated bundles (97
// S3 proxies with read, write and read-write access, and the 3 shared flows),
// with the pool of apigeelint processes and then one process at a time.
// lint.100bundles.speedup is sequential time over parallel time.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { buildOutput } from "../output/build-output";
import { writeOutputFolder } from "../output/output-folder";
import { parseIntent } from "../intent";
import { planBuild } from "../plan";
import { collectFindings } from "../lint/collect-findings";
import { DEFAULT_JOBS } from "../lint/invocation";
import { DEFAULT_EXCLUDED } from "../lint/rule-catalog";
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

export const lintBundles: Benchmark = {
  name: "lint",
  async run(): Promise<Figure[]> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "apigee-aws-bench-lint-"));
    try {
      const dist = path.join(dir, "dist");
      writeOutputFolder(dist, buildOutput(planBuild(parseIntent(benchIntent(), "bench.yaml"))));
      const parallel = await timeLint(dist, DEFAULT_JOBS());
      const sequential = await timeLint(dist, 1);
      if (parallel.bundles !== 100 || sequential.bundles !== 100) throw new Error(`expected 100 bundles, linted ${parallel.bundles} and ${sequential.bundles}`);
      if (parallel.findings !== 0 || sequential.findings !== 0) throw new Error(`generated bundles should lint clean; found ${parallel.findings} and ${sequential.findings}`);
      return [
        { name: "lint.100bundles.s", value: parallel.seconds, unit: "s" },
        { name: "lint.100bundles.sequential.s", value: sequential.seconds, unit: "s" },
        { name: "lint.100bundles.speedup", value: sequential.seconds / parallel.seconds, unit: "x" }
      ];
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
};

// build.<N>proxies.s: `apigee-aws build` on an intent with N one-line S3
// proxies (read, write and read-write in turn) and two environments, from the
// YAML text to the files on disk (a new folder each time), lint
// excluded; also its CPU part (generate) and disk part (write) apart, since
// the disk part varies with the machine's storage. Growth should be near linear.

import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { buildOutput } from "../output/build-output";
import { writeOutputFolder } from "../output/output-folder";
import { parseIntent } from "../intent";
import { planBuild } from "../plan";
import type { Benchmark, Figure } from "./figures";

const ACCESS = ["read", "write", "read-write"];

export function manyProxiesIntent(count: number): string {
  const lines = [
    "aws: {account: \"123456789012\", region: us-east-1}",
    // Each environment's accounts in its own project, as Google's quota of 100 accounts per project suggests.
    "identity: {project: my-test-project, projects: {prod: my-prod-project}}",
    "auth: {jwt: {issuer: https://auth.example.com/, audience: my-api, jwksUri: https://auth.example.com/jwks.json}}",
    "environments: [test, prod]",
    "proxies:"
  ];
  for (let i = 0; i < count; i++) lines.push(`  p${i}: s3://bucket-${i % 50}/prefix-${i}/ ${ACCESS[i % ACCESS.length]}`);
  return lines.join("\n") + "\n";
}

interface BuildTimes {
  total: number;
  /** YAML to files in memory: the CPU part. */
  generate: number;
  /** Writing them (replacing the previous build): the disk part. */
  write: number;
}

const seconds = (from: bigint, to: bigint) => Number(to - from) / 1e9;

let runs = 0;

/** One build into a new folder, after flushing earlier runs' writes so they do not throttle this one. */
function timeBuild(count: number, dir: string): BuildTimes {
  const text = manyProxiesIntent(count);
  execFileSync("sync");
  const started = process.hrtime.bigint();
  const output = buildOutput(planBuild(parseIntent(text, `many-${count}.yaml`)));
  const generated = process.hrtime.bigint();
  writeOutputFolder(path.join(dir, `dist-${count}-${runs++}`), output);
  const written = process.hrtime.bigint();
  return { total: seconds(started, written), generate: seconds(started, generated), write: seconds(generated, written) };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export const buildMany: Benchmark = {
  name: "build",
  async run(): Promise<Figure[]> {
    // In the working directory, as a real build writes: on some machines the
    // temporary folder's file system is several times slower for small files.
    const dir = fs.mkdtempSync(path.join(process.cwd(), ".apigee-aws-bench-build-"));
    try {
      timeBuild(20, dir); // warm-up: module loading and JIT
      const figures: Figure[] = [];
      const generate: number[] = [];
      for (const count of [500, 1000]) {
        const runs = [timeBuild(count, dir), timeBuild(count, dir), timeBuild(count, dir)];
        generate.push(median(runs.map((r) => r.generate)));
        figures.push({ name: `build.${count}proxies.s`, value: median(runs.map((r) => r.total)), unit: "s" });
        figures.push({ name: `build.${count}proxies.generate.s`, value: generate[generate.length - 1], unit: "s" });
        figures.push({ name: `build.${count}proxies.write.s`, value: median(runs.map((r) => r.write)), unit: "s" });
      }
      figures.push({ name: "build.generate.1000vs500.ratio", value: generate[1] / generate[0], unit: "x" });
      return figures;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
};

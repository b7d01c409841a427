// build.<N>proxies.s: `apigee-aws build` on an intent with N one-line S3
// proxies (read, write and read-write in turn) and two environments, from the
// YAML text to the files on disk, lint excluded. Growth should be near linear.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { buildOutput } from "../build/build-output";
import { writeOutputFolder } from "../build/output-folder";
import { parseIntent } from "../intent";
import type { Benchmark, Figure } from "./figures";

const ACCESS = ["read", "write", "read-write"];

export function manyProxiesIntent(count: number): string {
  const lines = [
    "aws: {account: \"123456789012\", region: us-east-1}",
    "identity: {serviceAccount: apigee-runtime@my-project.iam.gserviceaccount.com, uniqueId: \"123456789012345678901\"}",
    "auth: {jwt: {issuer: https://auth.example.com/, audience: my-api, jwksUri: https://auth.example.com/jwks.json}}",
    "environments: [test, prod]",
    "proxies:"
  ];
  for (let i = 0; i < count; i++) lines.push(`  p${i}: s3://bucket-${i % 50}/prefix-${i}/ ${ACCESS[i % ACCESS.length]}`);
  return lines.join("\n") + "\n";
}

function timeBuild(count: number, dir: string): number {
  const text = manyProxiesIntent(count);
  const started = process.hrtime.bigint();
  const output = buildOutput(parseIntent(text, `many-${count}.yaml`));
  writeOutputFolder(path.join(dir, `dist-${count}`), output);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

export const buildMany: Benchmark = {
  name: "build",
  async run(): Promise<Figure[]> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "apigee-aws-bench-build-"));
    try {
      timeBuild(20, dir); // warm-up: module loading and JIT
      const figures: Figure[] = [];
      for (const count of [500, 1000]) {
        const runs = [timeBuild(count, dir), timeBuild(count, dir), timeBuild(count, dir)].sort((a, b) => a - b);
        figures.push({ name: `build.${count}proxies.s`, value: runs[1], unit: "s" });
      }
      figures.push({ name: "build.1000vs500.ratio", value: figures[1].value / figures[0].value, unit: "x" });
      return figures;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
};

// `npm run bench [-- prefix...]`: prints one figure per line, `name: value unit`.
// Figures and the machine they came from are recorded in docs/performance.md.

import { buildMany } from "./build-benchmark";
import type { Benchmark } from "./figures";
import { formatFigure } from "./figures";
import { lintBundles } from "./lint-benchmark";
import { packageFootprint } from "./package-benchmark";
import { runnerThroughput } from "./runner-benchmarks";
import { s3GetLatency } from "./s3-get-benchmark";
import { calloutSizes, sigv4Node, sigv4Rhino } from "./sigv4-benchmarks";

const BENCHMARKS: Benchmark[] = [calloutSizes, sigv4Node, sigv4Rhino, runnerThroughput, s3GetLatency, buildMany, lintBundles, packageFootprint];

async function main(prefixes: string[]): Promise<void> {
  const selected = BENCHMARKS.filter((b) => prefixes.length === 0 || prefixes.some((p) => b.name.startsWith(p) || p.startsWith(b.name)));
  if (selected.length === 0) {
    process.stderr.write(`no benchmark matches ${prefixes.join(", ")}; known: ${BENCHMARKS.map((b) => b.name).join(", ")}\n`);
    process.exit(2);
  }
  for (const benchmark of selected) {
    for (const figure of await benchmark.run()) process.stdout.write(formatFigure(figure) + "\n");
  }
}

main(process.argv.slice(2)).catch((e) => {
  process.stderr.write(`benchmark failed: ${e instanceof Error ? e.message : e}\n`);
  process.exit(1);
});

// Throughput of the local runtime for a request that runs one JavaScript
// policy in Rhino: the figure that shows no request pays a JVM start.

import { Runner } from "../runner/runner";
import type { Benchmark, Figure } from "./figures";
import { percentile, runLoad } from "./load-generator";
import { writeTempProxy } from "./temp-proxy";

const CONCURRENCY = 16;
const WARMUP = 1000;
const MEASURED = 5000;

function writeOneScriptProxy(): string {
  return writeTempProxy({
    "apiproxy/bench.xml": '<APIProxy name="bench"/>',
    "apiproxy/proxies/default.xml":
      '<ProxyEndpoint name="default"><PreFlow name="PreFlow"><Request><Step><Name>Script</Name></Step></Request></PreFlow>' +
      '<HTTPProxyConnection><BasePath>/bench</BasePath></HTTPProxyConnection><RouteRule name="noroute"/></ProxyEndpoint>',
    "apiproxy/policies/Script.xml": '<Javascript name="Script" timeLimit="1000"><ResourceURL>jsc://script.js</ResourceURL></Javascript>',
    "apiproxy/resources/jsc/script.js":
      "var n = String(context.getVariable('request.queryparam.n') || 'x');\ncontext.setVariable('response.header.x-echo', n.toUpperCase());\n"
  });
}

export const runnerThroughput: Benchmark = {
  name: "runner.javascript",
  async run(): Promise<Figure[]> {
    const runner = await Runner.start({ bundles: [writeOneScriptProxy()], environment: { name: "bench" } });
    try {
      await runLoad(`${runner.url}/bench?n=warm`, WARMUP, CONCURRENCY);
      const r = await runLoad(`${runner.url}/bench?n=measured`, MEASURED, CONCURRENCY);
      if (r.failures) throw new Error(`${r.failures} of ${r.requests} requests failed`);
      return [
        { name: "runner.javascript.rps", value: r.requests / r.seconds, unit: "req/s" },
        { name: "runner.javascript.p50", value: percentile(r.latencies, 50), unit: "ms" },
        { name: "runner.javascript.p99", value: percentile(r.latencies, 99), unit: "ms" }
      ];
    } finally {
      await runner.close();
    }
  }
};

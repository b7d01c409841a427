// A closed-loop HTTP load generator on loopback: `concurrency` clients, each
// sending its next request when the previous answer arrived, over keep-alive.

import * as http from "node:http";

export interface LoadResult {
  requests: number;
  seconds: number;
  /** Per-request latencies in milliseconds, sorted. */
  latencies: number[];
  failures: number;
}

function once(agent: http.Agent, url: URL, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { agent, headers }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end();
  });
}

export async function runLoad(target: string, total: number, concurrency: number, headers: Record<string, string> = {}): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const url = new URL(target);
  const latencies: number[] = [];
  let failures = 0;
  let issued = 0;
  const started = performance.now();
  const client = async () => {
    while (issued < total) {
      issued++;
      const t0 = performance.now();
      const status = await once(agent, url, headers);
      latencies.push(performance.now() - t0);
      if (status >= 400) failures++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { requests: total, seconds, latencies: latencies.sort((a, b) => a - b), failures };
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

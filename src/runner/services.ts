// What the runner provides to policies, shared across requests: the
// environment's configuration, state (caches, KVMs, counters), outbound HTTP,
// Google tokens, MessageLogging's background writes and the Rhino host.

import type { RhinoHost } from "../rhino/rhino-host";
import { LogWrites, type LogWriteOutcome } from "./execution/log-writes";
import { OutboundHttp } from "./execution/outbound";
import { CacheStore } from "./state/cache";
import { KvmScope, KvmStore } from "./state/kvm";
import { QuotaCounters, SpikeArrestState } from "./state/rate-limits";

/** Mints Google tokens for <Authentication> (the Google stand-in in dev and tests). */
export interface GoogleTokenSource {
  accessToken(serviceAccount: string, scopes: string[], lifetimeSeconds?: number): Promise<string>;
  idToken(serviceAccount: string, audience: string, includeEmail: boolean): Promise<string>;
}

/** Hears how each MessageLogging write ended: `apigee-aws dev`'s log, tests. */
export interface MessageLoggingService {
  onWrite(outcome: LogWriteOutcome): void;
}

export interface RunnerEnvironment {
  /** environment.name, and the environment whose property sets apply. */
  name: string;
  /** Environment property sets: propertyset.NAME.KEY. */
  propertySets?: Record<string, Record<string, string>>;
  kvms?: Partial<Record<KvmScope, Record<string, Record<string, string>>>>;
  /** The service account proxies are deployed with, for Google authentication. */
  serviceAccount?: string;
  google?: GoogleTokenSource;
  /** "host[:port]" → "http://127.0.0.1:PORT": where outbound requests for a host really go. */
  hostOverrides?: Record<string, string>;
  /**
   * Told of every MessageLogging write once it has ended. Writes happen
   * without it (to https://logging.googleapis.com through `hostOverrides`, or
   * to a syslog Host:Port); a failed one is always in the runner's log.
   */
  logging?: MessageLoggingService;
  now?: () => number;
}

export interface RuntimeServices {
  environment: RunnerEnvironment;
  now(): number;
  cache: CacheStore;
  kvm: KvmStore;
  quota: QuotaCounters;
  spikeArrest: SpikeArrestState;
  http: OutboundHttp;
  /** MessageLogging's writes, made in the background so the response never waits for them. */
  logWrites: LogWrites;
  /** The compiled-mode Rhino host, started on first use. */
  rhino(): Promise<RhinoHost>;
  log(line: string): void;
}

export function createServices(
  environment: RunnerEnvironment,
  rhino: () => Promise<RhinoHost>,
  log: (line: string) => void
): RuntimeServices {
  const now = environment.now ?? Date.now;
  return {
    environment,
    now,
    cache: new CacheStore(now),
    kvm: new KvmStore(environment.kvms),
    quota: new QuotaCounters(now),
    spikeArrest: new SpikeArrestState(now),
    http: new OutboundHttp(environment.hostOverrides),
    logWrites: new LogWrites((outcome) => reportLogWrite(environment, log, outcome)),
    rhino,
    log
  };
}

/** A failed write goes to the runner's log (the client never hears of it); every outcome to the environment's listener. */
function reportLogWrite(environment: RunnerEnvironment, log: (line: string) => void, outcome: LogWriteOutcome): void {
  if (!outcome.ok) log(`  MessageLogging ${outcome.policy} (${outcome.bundle}): ${outcome.sink} write to ${outcome.destination} failed: ${outcome.error}`);
  try {
    environment.logging?.onWrite(outcome);
  } catch (e) {
    log(`  MessageLogging listener failed: ${(e as Error).message}`);
  }
}

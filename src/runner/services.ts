// What the runner provides to policies, shared across requests: the
// environment's configuration, state (caches, KVMs, counters), outbound HTTP,
// Google tokens and the Rhino host.

import type { RhinoHost } from "../rhino/rhino-host";
import { OutboundHttp } from "./execution/outbound";
import { CacheStore } from "./state/cache";
import { KvmScope, KvmStore } from "./state/kvm";
import { QuotaCounters, SpikeArrestState } from "./state/rate-limits";

/** Mints Google tokens for <Authentication> (the Google stand-in in dev and tests). */
export interface GoogleTokenSource {
  accessToken(serviceAccount: string, scopes: string[], lifetimeSeconds?: number): Promise<string>;
  idToken(serviceAccount: string, audience: string, includeEmail: boolean): Promise<string>;
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
    rhino,
    log
  };
}

// Counters behind Quota (fixed or rolling windows) and SpikeArrest
// (smoothed: one request per interval, as Apigee does, or a sliding window).

/** A fixed quota window and what was counted in it. */
export interface QuotaWindow {
  start: number;
  end: number;
  used: number;
  /** Requests refused in this window. */
  exceeded: number;
}

export class QuotaCounters {
  private readonly windows = new Map<string, { start: number; count: number; hits: number[] }>();
  private readonly fixed = new Map<string, QuotaWindow>();
  private readonly rolling = new Map<string, { at: number; weight: number }[]>();
  private readonly refusals = new Map<string, number>();

  constructor(private readonly now: () => number) {}

  /**
   * Counts `weight` requests against `allow` per `intervalMs` for `key`.
   * Calendar-style windows start at the first request; rolling windows look
   * back `intervalMs` from now. Returns the count after this request and when
   * the window resets.
   */
  hit(key: string, weight: number, intervalMs: number, rolling: boolean): { used: number; resetsAt: number } {
    const now = this.now();
    let w = this.windows.get(key);
    if (!w || (!rolling && now >= w.start + intervalMs)) this.windows.set(key, (w = { start: now, count: 0, hits: [] }));
    if (rolling) {
      w.hits = w.hits.filter((t) => t > now - intervalMs);
      for (let i = 0; i < weight; i++) w.hits.push(now);
      return { used: w.hits.length, resetsAt: (w.hits[0] ?? now) + intervalMs };
    }
    w.count += weight;
    return { used: w.count, resetsAt: w.start + intervalMs };
  }

  /** Takes back a hit that was refused, so refused requests do not count. */
  undo(key: string, weight: number, rolling: boolean): void {
    const w = this.windows.get(key);
    if (!w) return;
    if (rolling) w.hits.splice(w.hits.length - weight, weight);
    else w.count -= weight;
  }

  /**
   * The fixed window of `key` current now. When the stored window has ended
   * (or there is none), `open(now)` gives the bounds of the new one and its
   * count starts at zero. The caller adds to `used` and `exceeded`.
   */
  fixedWindow(key: string, open: (now: number) => { start: number; end: number }): QuotaWindow {
    const now = this.now();
    let w = this.fixed.get(key);
    if (!w || now >= w.end || now < w.start) this.fixed.set(key, (w = { ...open(now), used: 0, exceeded: 0 }));
    return w;
  }

  /** Weight counted for `key` in the last `lengthMs`, and when the oldest of it stops counting. */
  rollingUsage(key: string, lengthMs: number): { used: number; resetsAt: number } {
    const now = this.now();
    const hits = (this.rolling.get(key) ?? []).filter((h) => h.at > now - lengthMs);
    this.rolling.set(key, hits);
    return { used: hits.reduce((sum, h) => sum + h.weight, 0), resetsAt: (hits[0]?.at ?? now) + lengthMs };
  }

  addRolling(key: string, weight: number): void {
    const hits = this.rolling.get(key) ?? [];
    hits.push({ at: this.now(), weight });
    this.rolling.set(key, hits);
  }

  /** Counts one refused request for `key` across all windows; returns the total. */
  refuse(key: string): number {
    const total = (this.refusals.get(key) ?? 0) + 1;
    this.refusals.set(key, total);
    return total;
  }

  refusedTotal(key: string): number {
    return this.refusals.get(key) ?? 0;
  }
}

export class SpikeArrestState {
  private readonly lastAllowed = new Map<string, number>();
  private readonly nextAllowedAt = new Map<string, number>();
  private readonly windowHits = new Map<string, { at: number; weight: number }[]>();

  constructor(private readonly now: () => number) {}

  /** Allows one request per `intervalMs` for `key`: Apigee smooths the rate instead of counting per window. */
  allow(key: string, intervalMs: number): boolean {
    const now = this.now();
    const last = this.lastAllowed.get(key);
    if (last !== undefined && now - last < intervalMs) return false;
    this.lastAllowed.set(key, now);
    return true;
  }

  /**
   * Smoothed rate: a request may pass once the one before it has had its
   * share of time, `intervalMs` per unit of weight. A refused request takes
   * no share.
   */
  allowSmoothed(key: string, intervalMs: number, weight: number): boolean {
    const now = this.now();
    const next = this.nextAllowedAt.get(key);
    if (next !== undefined && now < next) return false;
    this.nextAllowedAt.set(key, now + intervalMs * weight);
    return true;
  }

  /** Sliding window: at most `limit` weight in any `windowMs`; refused requests do not count. */
  allowInWindow(key: string, limit: number, windowMs: number, weight: number): boolean {
    const now = this.now();
    const hits = (this.windowHits.get(key) ?? []).filter((h) => h.at > now - windowMs);
    const used = hits.reduce((sum, h) => sum + h.weight, 0);
    const allowed = used + weight <= limit;
    if (allowed) hits.push({ at: now, weight });
    this.windowHits.set(key, hits);
    return allowed;
  }
}

// The runtime cache behind LookupCache, PopulateCache and InvalidateCache:
// one in-memory store per cache resource, entries with a time to live.

export class CacheStore {
  private readonly resources = new Map<string, Map<string, { value: string; expiresAt: number }>>();

  constructor(private readonly now: () => number) {}

  private resource(name: string): Map<string, { value: string; expiresAt: number }> {
    let r = this.resources.get(name);
    if (!r) this.resources.set(name, (r = new Map()));
    return r;
  }

  get(resource: string, key: string): string | null {
    const entry = this.resource(resource).get(key);
    if (!entry) return null;
    if (entry.expiresAt <= this.now()) {
      this.resource(resource).delete(key);
      return null;
    }
    return entry.value;
  }

  put(resource: string, key: string, value: string, ttlSeconds: number): void {
    this.resource(resource).set(key, { value, expiresAt: this.now() + ttlSeconds * 1000 });
  }

  delete(resource: string, key: string): boolean {
    return this.resource(resource).delete(key);
  }

  /** Deletes every key starting with `prefix`: InvalidateCache with PurgeChildEntries. */
  deletePrefix(resource: string, prefix: string): number {
    let n = 0;
    for (const key of [...this.resource(resource).keys()]) if (key.startsWith(prefix) && this.resource(resource).delete(key)) n++;
    return n;
  }
}

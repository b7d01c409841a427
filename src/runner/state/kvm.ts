// Key value maps for KeyValueMapOperations, by scope and map name, seeded
// from the runner's environment configuration.

export type KvmScope = "environment" | "organization" | "apiproxy" | "policy";

export class KvmStore {
  private readonly maps = new Map<string, Map<string, string>>();

  constructor(seed: Partial<Record<KvmScope, Record<string, Record<string, string>>>> = {}) {
    for (const [scope, maps] of Object.entries(seed)) {
      for (const [name, entries] of Object.entries(maps ?? {})) {
        this.map(scope as KvmScope, name, "").clear();
        for (const [k, v] of Object.entries(entries)) this.map(scope as KvmScope, name, "").set(k, v);
      }
    }
  }

  /** `owner` separates apiproxy- and policy-scoped maps of different proxies. */
  map(scope: KvmScope, name: string, owner: string): Map<string, string> {
    const id = `${scope}\u0000${scope === "environment" || scope === "organization" ? "" : owner}\u0000${name}`;
    let m = this.maps.get(id);
    if (!m) this.maps.set(id, (m = new Map()));
    return m;
  }
}

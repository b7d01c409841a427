// Deploy order. Apigee validates a deployment's FlowCallouts against the
// shared flows deployed in the environment, so a shared flow goes out after
// every shared flow it calls, and proxies after all shared flows. Ties are
// broken by name, so the order never depends on the file system.

import { UserError } from "../common/user-error";

/** A bundle and the shared flows its FlowCallouts call. */
export interface CalloutNode {
  name: string;
  calls: string[];
}

export interface MissingReference {
  from: string;
  to: string;
}

/**
 * Shared flows in an order where each comes after the shared flows it calls
 * (calls to flows outside `flows` are ignored here; see missingReferences).
 * A cycle is an error naming it: Apigee could deploy none of its members first.
 */
export function sharedFlowOrder(flows: CalloutNode[]): string[] {
  const byName = new Map(flows.map((f) => [f.name, f]));
  const state = new Map<string, "visiting" | "done">();
  const order: string[] = [];
  const visit = (name: string, trail: string[]) => {
    if (state.get(name) === "done") return;
    if (state.get(name) === "visiting") {
      const cycle = [...trail.slice(trail.indexOf(name)), name];
      throw new UserError(`the shared flows call each other in a cycle (${cycle.join(" → ")}), so none of them can be deployed first; remove one of those FlowCallouts`);
    }
    state.set(name, "visiting");
    for (const callee of [...byName.get(name)!.calls].sort()) if (byName.has(callee)) visit(callee, [...trail, name]);
    state.set(name, "done");
    order.push(name);
  };
  for (const name of [...byName.keys()].sort()) visit(name, []);
  return order;
}

/** FlowCallout targets that are not among `available`, in bundle then target order. */
export function missingReferences(bundles: CalloutNode[], available: ReadonlySet<string>): MissingReference[] {
  const out: MissingReference[] = [];
  for (const bundle of [...bundles].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    for (const to of [...bundle.calls].sort()) if (!available.has(to)) out.push({ from: bundle.name, to });
  }
  return out;
}

/** The shared flows reachable from `start` through FlowCallouts (not including start itself). */
export function reachableSharedFlows(start: string[], flows: CalloutNode[]): Set<string> {
  const byName = new Map(flows.map((f) => [f.name, f.calls]));
  const seen = new Set<string>();
  const stack = [...start];
  while (stack.length) {
    const next = stack.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(byName.get(next) ?? []));
  }
  return seen;
}

// Quota per caller: the verified token's subject, or the client IP for a
// public proxy. Apigee's Quota counts per minute at the finest, so a per-second
// quota is refused by the intent reader (SpikeArrest is the per-second control).

import type { ProxyIntent } from "../../intent/model";
import { el, textEl } from "../xml";
import { policy, Policy } from "../parts";

export function quotaPolicy(q: NonNullable<ProxyIntent["quota"]>, identifier: string): Policy {
  return policy(
    el(
      "Quota",
      { name: "Q-Caller" },
      textEl("DisplayName", "Q-Caller"),
      el("Allow", { count: q.count }),
      textEl("Interval", q.interval),
      textEl("TimeUnit", q.unit),
      el("Identifier", { ref: identifier }),
      textEl("Distributed", true),
      textEl("Synchronous", true)
    )
  );
}

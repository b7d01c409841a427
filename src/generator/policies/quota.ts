// Quota per caller: the verified token's subject, or the client IP for a
// public proxy. Apigee's Quota counts per minute at the finest, so a per-second
// quota is refused here (SpikeArrest is the per-second control).

import type { ProxyIntent } from "../../intent/model";
import { proxyError } from "../errors";
import { el, textEl } from "../xml";
import { policy, Policy } from "../parts";

export function quotaPolicy(proxy: ProxyIntent, q: NonNullable<ProxyIntent["quota"]>, identifier: string): Policy {
  if (q.unit === "second") {
    throw proxyError(proxy, `Apigee's Quota cannot count per second (its smallest unit is a minute); use spikeArrest: "${q.count}ps", or a quota per minute`);
  }
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

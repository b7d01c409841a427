// SpikeArrest: the intent's rate ("30ps", "600pm") for the whole proxy.

import { el, textEl } from "../xml";
import { policy, Policy } from "../parts";
import type { ProxyIntent } from "../../intent/model";
import { proxyError } from "../errors";

export function spikeArrestPolicy(proxy: ProxyIntent, rate: string): Policy {
  if (!/^[1-9][0-9]*(ps|pm)$/.test(rate)) throw proxyError(proxy, `spikeArrest "${rate}" must be a whole number followed by ps or pm, e.g. 30ps`);
  return policy(el("SpikeArrest", { name: "SA-Proxy" }, textEl("DisplayName", "SA-Proxy"), textEl("Rate", rate), textEl("UseEffectiveCount", true)));
}

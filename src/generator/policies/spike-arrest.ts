// SpikeArrest: the intent's rate ("30ps", "600pm") for the whole proxy.

import { el, textEl } from "../xml";
import { policy, Policy } from "../parts";

export function spikeArrestPolicy(rate: string): Policy {
  return policy(el("SpikeArrest", { name: "SA-Proxy" }, textEl("DisplayName", "SA-Proxy"), textEl("Rate", rate), textEl("UseEffectiveCount", true)));
}

// JavaScript policies running a built callout from resources/jsc/.

import { el, textEl, XmlChild } from "../xml";
import { policy, Policy } from "../parts";

export function javascriptPolicy(name: string, script: string, properties: [string, string][] = [], timeLimitMs = 1000, comment?: XmlChild): Policy {
  return policy(
    el(
      "Javascript",
      { name, timeLimit: timeLimitMs },
      comment,
      textEl("DisplayName", name),
      properties.length ? el("Properties", null, ...properties.map(([k, v]) => textEl("Property", v, { name: k }))) : null,
      textEl("ResourceURL", `jsc://${script}`)
    ),
    [script]
  );
}

// FlowCallouts to the apigee-aws shared flows, with the parameters of
// docs/runtime-contract.md.

import { el, textEl, XmlChild } from "../xml";
import { policy, Policy } from "../parts";

export type Parameter = [string, { value: string } | { ref: string }];

export function flowCallout(name: string, sharedFlow: string, parameters: Parameter[], comment?: XmlChild): Policy {
  return policy(
    el(
      "FlowCallout",
      { name },
      comment,
      textEl("DisplayName", name),
      textEl("SharedFlowBundle", sharedFlow),
      el("Parameters", null, ...parameters.map(([n, v]) => ("ref" in v ? el("Parameter", { name: n, ref: v.ref }) : textEl("Parameter", v.value, { name: n }))))
    )
  );
}

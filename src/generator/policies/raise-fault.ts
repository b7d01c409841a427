// RaiseFault policies: answers the proxy gives itself, ending the flow.

import { el, textEl, XmlChild } from "../xml";
import { policy, Policy } from "../parts";
import { setElement, type PayloadSpec } from "./assign-message";

export interface RaiseFaultSpec {
  name: string;
  status: string;
  reason?: string;
  headers?: [string, string][];
  payload?: PayloadSpec;
  comment?: XmlChild;
}

export function raiseFault(spec: RaiseFaultSpec): Policy {
  return policy(
    el(
      "RaiseFault",
      { name: spec.name },
      spec.comment,
      textEl("DisplayName", spec.name),
      el("FaultResponse", null, setElement({ status: spec.status, reason: spec.reason, headers: spec.headers, payload: spec.payload })),
      textEl("IgnoreUnresolvedVariables", true)
    )
  );
}

// RaiseFault policies: answers the proxy gives itself, ending the flow.

import { el, textEl, XmlChild } from "../xml";
import { policy, Policy } from "../parts";
import { payloadElement } from "./assign-message";

export interface RaiseFaultSpec {
  name: string;
  status: string;
  reason?: string;
  headers?: [string, string][];
  payload?: { contentType: string; text: string; delimiters?: "at-hash" };
  comment?: XmlChild;
}

export function raiseFault(spec: RaiseFaultSpec): Policy {
  const payload = payloadElement(spec.payload);
  return policy(
    el(
      "RaiseFault",
      { name: spec.name },
      spec.comment,
      textEl("DisplayName", spec.name),
      el(
        "FaultResponse",
        null,
        el(
          "Set",
          null,
          spec.headers?.length ? el("Headers", null, ...spec.headers.map(([name, value]) => textEl("Header", value, { name }))) : null,
          payload,
          textEl("StatusCode", spec.status),
          spec.reason ? textEl("ReasonPhrase", spec.reason) : null
        )
      ),
      textEl("IgnoreUnresolvedVariables", true)
    )
  );
}

// AssignMessage policies: variables, headers, and whole answers (status,
// reason, payload). Static JSON payloads are written with "@" and "#" as the
// template delimiters (variablePrefix/variableSuffix), so their braces are
// not read as variable references; staticJson() escapes those two characters.

import { el, textEl, XmlChild, XmlElement } from "../xml";
import { policy, Policy } from "../parts";

export type VariableValue = { value: string } | { ref: string } | { template: string };

export interface PayloadSpec {
  contentType: string;
  text: string;
  delimiters?: "at-hash";
}

export interface AnswerSpec {
  status?: string;
  reason?: string;
  /** Header name → value (a message template). */
  headers?: [string, string][];
  payload?: PayloadSpec;
}

export interface AssignMessageSpec {
  name: string;
  /** Which message: request or response; absent when the policy only sets variables. */
  assignTo?: "request" | "response";
  /** Headers to remove; [] removes every header. */
  removeHeaders?: string[];
  set?: AnswerSpec;
  variables?: [string, VariableValue][];
  ignoreUnresolved?: boolean;
  comment?: XmlChild;
}

function headersElement(headers: [string, string][]): XmlElement {
  return el("Headers", null, ...headers.map(([name, value]) => textEl("Header", value, { name })));
}

/** <Payload contentType=...>, with @...# delimiters when the text is JSON with braces of its own. */
export function payloadElement(payload: PayloadSpec | undefined): XmlElement | null {
  if (!payload) return null;
  const attrs = payload.delimiters === "at-hash" ? { contentType: payload.contentType, variablePrefix: "@", variableSuffix: "#" } : { contentType: payload.contentType };
  return textEl("Payload", payload.text, attrs);
}

/** <Set>: the answer's headers, payload, status and reason (AssignMessage, and RaiseFault's FaultResponse). */
export function setElement(spec: AnswerSpec): XmlElement {
  const payload = payloadElement(spec.payload);
  return el(
    "Set",
    null,
    spec.headers?.length ? headersElement(spec.headers) : null,
    payload,
    spec.status ? textEl("StatusCode", spec.status) : null,
    spec.reason ? textEl("ReasonPhrase", spec.reason) : null
  );
}

function variableElement([name, v]: [string, VariableValue]): XmlElement {
  const source = "value" in v ? textEl("Value", v.value) : "ref" in v ? textEl("Ref", v.ref) : textEl("Template", v.template);
  return el("AssignVariable", null, textEl("Name", name), source);
}

export function assignMessage(spec: AssignMessageSpec): Policy {
  return policy(
    el(
      "AssignMessage",
      { name: spec.name },
      spec.comment,
      textEl("DisplayName", spec.name),
      spec.removeHeaders ? el("Remove", null, el("Headers", null, ...spec.removeHeaders.map((h) => el("Header", { name: h })))) : null,
      spec.set ? setElement(spec.set) : null,
      (spec.variables ?? []).map(variableElement),
      textEl("IgnoreUnresolvedVariables", spec.ignoreUnresolved ?? false),
      spec.assignTo ? textEl("AssignTo", spec.assignTo, { createNew: false, transport: "http", type: spec.assignTo }) : null
    )
  );
}

/** JSON text for a payload with "@"/"#" delimiters: those characters become \u escapes, which JSON readers decode. */
export function staticJson(value: unknown): string {
  return JSON.stringify(value).replace(/@/g, "\\u0040").replace(/#/g, "\\u0023");
}

/** Where every problem answer marks itself answered, so the DefaultFaultRule's catch-all leaves it alone (policies/AM-Problem-Unexpected.xml). */
export const FAULT_ANSWERED = "apigee_aws.fault.answered";

/** A problem body (RFC 9457) with Apigee's message ID, which finds the request's audit record: for an at-hash payload. */
export function problemJson(problem: { type: string; title: string; status: number; detail?: string }): string {
  return `${staticJson(problem).slice(0, -1)},"messageId":"@messageid#"}`;
}

// Applying SSM parameter values to the flow, from the cache or from SSM's
// answer, and the problem body when one cannot be read. A problem names the
// parameter and SSM's error code, never a value.

import { commaList, readString } from "./flow";
import { problem } from "./problem";
import { setProblemVariables } from "./problem-flow";
import { SSM_FLOW, SSM_PARAM, SSM_VALUE } from "./ssm-names";

/** Parameter name → value. */
export type SsmValues = { [name: string]: string };

/** The names asked for (Apigee has already filled in a {environment.name} in the FlowCallout parameter). */
export function requestedNames(): string[] {
  return commaList(readString(SSM_PARAM.names));
}

export function applyValues(names: string[], values: SsmValues): void {
  for (var i = 0; i < names.length; i++) context.setVariable(SSM_VALUE + "." + names[i], values[names[i]]);
  context.setVariable(SSM_VALUE, values[names[0]]);
  var header = readString(SSM_PARAM.header);
  if (header) context.setVariable("request.header." + header, values[names[0]]);
}

/** `kind` is the stable code the caller reads in the type: misconfigured, ssm-unavailable, ssm-access-denied, ssm-parameter-not-found. */
export function setProblem(kind: string, status: number, title: string, detail: string, members: { [name: string]: string }): void {
  var p = problem(kind, status, title, detail);
  for (var k in members) if (Object.prototype.hasOwnProperty.call(members, k)) p.members[k] = members[k];
  setProblemVariables({ status: SSM_FLOW.faultStatus, body: SSM_FLOW.faultBody, detail: SSM_FLOW.faultDetail }, "urn:apigee-aws:problem:aws-ssm-parameter:", p);
}

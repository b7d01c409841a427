// The HTTP methods a proxy allows, from its access level: read is GET and
// HEAD, write is PUT, read-write both, and DELETE only when the intent says so.

import type { ProxyIntent } from "../intent/model";
import { not } from "./conditions";
import { problemJson } from "./policies/assign-message";
import { raiseFault } from "./policies/raise-fault";
import type { Policy } from "./parts";

export function allowedMethods(proxy: ProxyIntent): string[] {
  const methods: string[] = [];
  if (proxy.access === "read" || proxy.access === "read-write") methods.push("GET", "HEAD");
  if (proxy.access === "write" || proxy.access === "read-write") methods.push("PUT");
  if (proxy.delete) methods.push("DELETE");
  return methods;
}

/** The condition under which the method guard answers 405 (one JavaRegex term: long or-chains trip apigeelint's CC004). */
export function methodNotAllowedCondition(proxy: ProxyIntent): string {
  return not(`request.verb ~~ "${allowedMethods(proxy).join("|")}"`);
}

export function methodGuardPolicy(proxy: ProxyIntent): Policy {
  const allow = allowedMethods(proxy).join(", ");
  return raiseFault({
    name: "RF-MethodNotAllowed",
    status: "405",
    reason: "Method Not Allowed",
    headers: [["Allow", allow]],
    payload: {
      contentType: "application/problem+json",
      delimiters: "at-hash",
      text: problemJson({
        type: "urn:apigee-aws:problem:method-not-allowed",
        title: "Method not allowed",
        status: 405,
        detail: `This API allows ${allow}.`
      })
    }
  });
}

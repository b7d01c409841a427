// CORS without Apigee's CORS policy (the local runtime does not run it):
// a RaiseFault answers preflights from allowed origins, and an AssignMessage
// adds the response headers for allowed origins, on normal answers (PostFlow)
// and on errors (DefaultFaultRule, AlwaysEnforce). A disallowed origin gets no
// CORS headers, so the browser refuses the answer; a preflight from one is
// not answered as a preflight (OPTIONS is then not an allowed method).

import { assignMessage } from "./policies/assign-message";
import { raiseFault } from "./policies/raise-fault";
import type { Policy } from "./parts";

const ALLOWED_REQUEST_HEADERS = "authorization, content-type, content-md5, range, if-match, if-none-match, if-modified-since, if-unmodified-since";
const EXPOSED_HEADERS = "content-length, content-range, content-type, etag, last-modified, accept-ranges, x-amz-request-id, retry-after, allow";
const PREFLIGHT_MAX_AGE_SECONDS = "600";

export interface CorsPolicies {
  /** Answers an allowed preflight; step it when preflightCondition holds. */
  preflight: Policy;
  preflightCondition: string;
  /** Adds Access-Control-Allow-Origin and friends; step it when originAllowed holds. */
  headers: Policy;
  originAllowed: string;
}

/**
 * One JavaRegex term (Apigee matches the whole value) however many origins:
 * long or-chains trip apigeelint's CC004. Origins hold only letters, digits,
 * "." "-" ":" "/" (the intent reader's rule), and "." is written [.], so the
 * pattern has no backslash.
 */
function originCondition(origins: string[]): string {
  if (origins.includes("*")) return "request.header.origin != null";
  return `request.header.origin ~~ "${origins.map((o) => o.replace(/\./g, "[.]")).join("|")}"`;
}

export function corsPolicies(origins: string[], methods: string[]): CorsPolicies {
  const originAllowed = originCondition(origins);
  const preflight = raiseFault({
    name: "RF-CORS-Preflight",
    status: "204",
    reason: "No Content",
    headers: [
      ["Access-Control-Allow-Origin", "{request.header.origin}"],
      ["Access-Control-Allow-Methods", methods.join(", ")],
      ["Access-Control-Allow-Headers", ALLOWED_REQUEST_HEADERS],
      ["Access-Control-Max-Age", PREFLIGHT_MAX_AGE_SECONDS],
      ["Vary", "Origin"]
    ]
  });
  const headers = assignMessage({
    name: "AM-CORS-Headers",
    assignTo: "response",
    set: {
      headers: [
        ["Access-Control-Allow-Origin", "{request.header.origin}"],
        ["Access-Control-Expose-Headers", EXPOSED_HEADERS],
        ["Vary", "Origin"]
      ]
    }
  });
  return {
    preflight,
    preflightCondition: `request.verb = "OPTIONS" and request.header.access-control-request-method != null and ${originAllowed}`,
    headers,
    originAllowed
  };
}

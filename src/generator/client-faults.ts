// Problem answers (RFC 9457) for the faults a client causes before the proxy
// calls AWS: a missing or invalid token (401, with WWW-Authenticate) and a
// rate limit (429). They are AssignMessage policies in ProxyEndpoint
// FaultRules, not RaiseFaults, so the DefaultFaultRule (CORS headers) still runs.

import type { JwtAuth } from "../intent/model";
import type { FaultRuleSpec } from "./endpoints";
import { assignMessage, FAULT_ANSWERED, problemJson } from "./policies/assign-message";
import { fixedPolicy } from "./fixed-policies";
import { step } from "./parts";

export function unauthorizedRule(jwt: JwtAuth): FaultRuleSpec {
  const answer = assignMessage({
    name: "AM-Problem-Unauthorized",
    assignTo: "response",
    removeHeaders: [],
    set: {
      status: "401",
      reason: "Unauthorized",
      headers: [["WWW-Authenticate", 'Bearer error="invalid_token"']],
      payload: {
        contentType: "application/problem+json",
        delimiters: "at-hash",
        text: problemJson({
          type: "urn:apigee-aws:problem:unauthorized",
          title: "A valid bearer token is required",
          status: 401,
          detail: `Send Authorization: Bearer with a token from ${jwt.issuer} for audience ${jwt.audience}.`
        })
      }
    },
    variables: [[FAULT_ANSWERED, { value: "true" }]]
  });
  return { name: "invalid-token", condition: "JWT.failed = true", steps: [step(answer)] };
}

export function rateLimitedRule(): FaultRuleSpec {
  const answer = fixedPolicy("AM-Problem-TooManyRequests");
  return { name: "rate-limited", condition: 'fault.name = "SpikeArrestViolation" or fault.name = "QuotaViolation"', steps: [step(answer)] };
}

// The ProxyEndpoint steps every generated proxy shares, around what is
// specific to its target:
//   admission:    SpikeArrest → CORS preflight → VerifyJWT → Quota
//   (target-specific checks: the S3 method guard and key check)
//   credentials:  caller token → client headers removed → aws-credentials →
//                 aws-ssm-parameter per SSM header → literal headers
// and the fault handling for what admission refuses.

import type { ProxyIntent } from "../intent/model";
import type { ProxyPlan } from "../plan/model";
import { callerTokenPolicy, credentialsSteps, literalHeadersPolicy, secretsCredentialsSteps, ssmHeaderPolicies } from "./aws-policies";
import { fixedPolicy } from "./fixed-policies";
import { FAULT_ANSWERED } from "./policies/assign-message";
import { rateLimitedRule, unauthorizedRule } from "./client-faults";
import type { CorsPolicies } from "./cors";
import type { DefaultFaultRuleSpec, FaultRuleSpec } from "./endpoints";
import { step, Step } from "./parts";
import type { Policy } from "./parts";
import { quotaPolicy } from "./policies/quota";
import { spikeArrestPolicy } from "./policies/spike-arrest";
import { jwtClaim, verifyJwtPolicy } from "./policies/verify-jwt";

export function admissionSteps(proxy: ProxyIntent, cors: CorsPolicies | null): Step[] {
  const steps: Step[] = [];
  if (proxy.spikeArrest) steps.push(step(spikeArrestPolicy(proxy.spikeArrest)));
  if (cors) steps.push(step(cors.preflight, cors.preflightCondition));
  if (proxy.auth.kind === "jwt") steps.push(step(verifyJwtPolicy(proxy.auth.jwt)));
  if (proxy.quota) steps.push(step(quotaPolicy(proxy.quota, proxy.auth.kind === "jwt" ? jwtClaim("subject") : "client.ip")));
  return steps;
}

/** `stripClientHeaders` removes what the client must not send to AWS; it runs after the caller's token is kept. */
export function credentialSteps(proxyPlan: ProxyPlan, stripClientHeaders: Policy): Step[] {
  const steps: Step[] = [];
  if (proxyPlan.credentials.mode === "caller") steps.push(step(callerTokenPolicy()));
  steps.push(step(stripClientHeaders));
  // Caller mode reads its SSM headers with its own secrets role first; the caller's credentials then replace those for the target.
  const secrets = secretsCredentialsSteps(proxyPlan);
  const ssm = ssmHeaderPolicies(proxyPlan).map((p) => step(p));
  if (secrets.length) steps.push(...secrets, ...ssm, ...credentialsSteps(proxyPlan));
  else steps.push(...credentialsSteps(proxyPlan), ...ssm);
  const literal = literalHeadersPolicy(proxyPlan.proxy);
  if (literal) steps.push(step(literal));
  return steps;
}

/** Problem answers for a refused token or a rate limit. */
export function admissionFaultRules(proxy: ProxyIntent): FaultRuleSpec[] {
  const rules: FaultRuleSpec[] = proxy.spikeArrest || proxy.quota ? [rateLimitedRule()] : [];
  if (proxy.auth.kind === "jwt") rules.push(unauthorizedRule(proxy.auth.jwt));
  return rules;
}

/** The headers every answer carries: X-Content-Type-Options: nosniff, and CORS's for allowed origins. */
function answerHeaderSteps(cors: CorsPolicies | null): Step[] {
  return [step(fixedPolicy("AM-SecurityHeaders")), ...(cors ? [step(cors.headers, cors.originAllowed)] : [])];
}

/**
 * On every error answer of an endpoint, whatever fault rule ran
 * (AlwaysEnforce): a problem body in place of Apigee's own error JSON, whose
 * faultstring would show the caller internals (script errors, policy names),
 * unless a FaultRule or RaiseFault answered already or the answer is the
 * target's own (a signed target's AWS errors pass through); then the
 * security and CORS headers.
 */
export function defaultFaultRule(cors: CorsPolicies | null): DefaultFaultRuleSpec {
  return { alwaysEnforce: true, steps: [step(fixedPolicy("AM-Problem-Unexpected"), `${FAULT_ANSWERED} != true and fault.name != "RaiseFault" and fault.name != "ErrorResponseCode"`), ...answerHeaderSteps(cors)] };
}

/** Those headers on normal answers (ProxyEndpoint PostFlow response). */
export function responseHeaderSteps(cors: CorsPolicies | null): Step[] {
  return answerHeaderSteps(cors);
}

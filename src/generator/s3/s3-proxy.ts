// An S3 proxy: the ProxyEndpoint that checks the caller and the request and
// obtains credentials, and two TargetEndpoints, "list" (GET on the base path:
// S3's XML turned into JSON) and "objects" (everything else, streamed both
// ways so large objects pass).
//
// ProxyEndpoint PreFlow, in order:
//   SpikeArrest → CORS preflight → VerifyJWT → Quota → method guard (405) →
//   key check (400) → caller token → client x-amz-*/Authorization removed →
//   aws-credentials → aws-ssm-parameter per SSM header → literal headers.
// TargetEndpoints: target.url, aws-sigv4; on the way back S3's x-amz-*
// headers are dropped (x-amz-request-id kept); an S3 error becomes a problem
// answer (src/callouts/support/s3-error-codes.ts).

import type { ProxyIntent, S3Target } from "../../intent/model";
import type { BundleValue, ProxyPlan } from "../../plan/model";
import { stripClientHeadersPolicy } from "../aws-policies";
import { corsPolicies, CorsPolicies } from "../cors";
import { FaultRuleSpec, FlowSteps, NO_STEPS, ProxyDesign, ProxyEndpointSpec, TargetEndpointSpec } from "../endpoints";
import { allowedMethods, methodGuardPolicy, methodNotAllowedCondition } from "../methods";
import { step, Step } from "../parts";
import { admissionFaultRules, admissionSteps, defaultFaultRule, responseHeaderSteps, credentialSteps } from "../request-steps";
import { s3ConnectionUrl, s3Endpoint } from "./s3-endpoint";
import {
  downloadPolicy,
  errorPolicy,
  invalidRequestPolicy,
  keyPolicy,
  listPolicy,
  problemAnswerPolicy,
  requestIdPolicy,
  retryAfterPolicy,
  S3_VARIABLES,
  signPolicy,
  stripResponseHeadersPolicy,
  targetUrlPolicy
} from "./s3-policies";

const STREAMING: [string, string][] = [
  ["request.streaming.enabled", "true"],
  ["response.streaming.enabled", "true"]
];

const TARGET_FAULTS = 'fault.name = "ErrorResponseCode" or fault.name = "ServiceUnavailable" or fault.name = "GatewayTimeout"';

function requestSteps(proxyPlan: ProxyPlan, endpoint: string, target: S3Target, cors: CorsPolicies | null): Step[] {
  const proxy = proxyPlan.proxy;
  return [
    ...admissionSteps(proxy, cors),
    step(methodGuardPolicy(proxy), methodNotAllowedCondition(proxy)),
    step(keyPolicy(endpoint, target)),
    step(invalidRequestPolicy(), `${S3_VARIABLES.problemStatus} != null`),
    ...credentialSteps(proxyPlan, stripClientHeadersPolicy())
  ];
}

function s3FaultRules(): FaultRuleSpec[] {
  return [
    {
      name: "s3-error",
      condition: TARGET_FAULTS,
      steps: [
        step(errorPolicy()),
        step(problemAnswerPolicy()),
        step(retryAfterPolicy(), `${S3_VARIABLES.retryAfter} != null`),
        step(requestIdPolicy(), `${S3_VARIABLES.requestId} != null`)
      ]
    }
  ];
}

function targetEndpoint(name: "list" | "objects", region: BundleValue, endpoint: string, target: S3Target, inlineTypes: string[], cors: CorsPolicies | null): TargetEndpointSpec {
  const response: Step[] = name === "list" ? [step(listPolicy(target))] : [];
  response.push(step(stripResponseHeadersPolicy()));
  if (name === "objects") response.push(step(downloadPolicy(inlineTypes)));
  const preFlow: FlowSteps = { request: [step(targetUrlPolicy()), step(signPolicy(region))], response };
  return {
    name,
    description: name === "list" ? `ListObjectsV2 of s3://${target.bucket}/${target.prefix}, answered as JSON` : `Objects under s3://${target.bucket}/${target.prefix}, streamed`,
    preFlow,
    postFlow: NO_STEPS,
    faultRules: s3FaultRules(),
    defaultFaultRule: defaultFaultRule(cors),
    properties: name === "objects" ? STREAMING : [],
    url: s3ConnectionUrl(endpoint)
  };
}

export function s3ProxyDesign(proxyPlan: ProxyPlan, target: S3Target): ProxyDesign {
  const proxy: ProxyIntent = proxyPlan.proxy;
  const region = proxyPlan.region;
  const endpoint = s3Endpoint(region, target);
  const cors = proxy.cors ? corsPolicies(proxy.cors.origins, allowedMethods(proxy)) : null;
  const proxyEndpoint: ProxyEndpointSpec = {
    name: "default",
    description: `${proxy.access} access to s3://${target.bucket}/${target.prefix}`,
    basePath: proxy.basePath,
    preFlow: { request: requestSteps(proxyPlan, endpoint, target, cors), response: [] },
    postFlow: { request: [], response: responseHeaderSteps(cors) },
    faultRules: admissionFaultRules(proxy),
    defaultFaultRule: defaultFaultRule(cors),
    properties: STREAMING,
    routeRules: [
      { name: "list", condition: `${S3_VARIABLES.operation} = "list"`, target: "list" },
      { name: "objects", target: "objects" }
    ]
  };
  return { proxyEndpoint, targetEndpoints: [targetEndpoint("list", region, endpoint, target, proxy.inlineTypes, cors), targetEndpoint("objects", region, endpoint, target, proxy.inlineTypes, cors)] };
}

// A proxy to any AWS endpoint signed with SigV4 (target kind "aws"): a
// passthrough. The ProxyEndpoint checks the caller (rate limits, CORS, JWT,
// quota) and obtains credentials as an S3 proxy does, but guards no method
// and no path; the TargetEndpoint sends the client's method, path and query
// to the endpoint, signed for the intent's service and region, and AWS's
// answer (errors included) comes back as AWS sent it.
//
// The client's signing headers (Authorization, x-amz-date,
// x-amz-security-token, x-amz-content-sha256) are removed; its other x-amz-*
// headers stay, as AWS APIs need them (X-Amz-Target for the JSON protocols,
// X-Amz-Invocation-Type for Lambda), and are signed.

import type { SignedTarget } from "../../intent/model";
import type { ProxyPlan } from "../../plan/model";
import { HEADERS_SCRIPT } from "../aws-policies";
import { corsPolicies } from "../cors";
import type { ProxyDesign, TargetEndpointSpec } from "../endpoints";
import { NO_STEPS } from "../endpoints";
import { step, Step } from "../parts";
import type { Policy } from "../parts";
import { assignMessage } from "../policies/assign-message";
import { flowCallout } from "../policies/flow-callout";
import { javascriptPolicy } from "../policies/javascript";
import { admissionFaultRules, admissionSteps, defaultFaultRule, responseHeaderSteps, credentialSteps } from "../request-steps";

const ALL_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"];
const SIGNING_HEADERS = "authorization, x-amz-date, x-amz-security-token, x-amz-content-sha256";

/**
 * https://host[:port][/base/path] with no query or fragment: the client's path
 * suffix and query are appended. A base path (an API Gateway stage such as
 * /prod) is kept, without its trailing "/".
 */
function endpointUrl(target: SignedTarget): string {
  const url = new URL(target.url);
  return `https://${url.host}${url.pathname.replace(/\/+$/, "")}`;
}

function stripSigningHeadersPolicy(): Policy {
  return javascriptPolicy("JS-StripClientHeaders", HEADERS_SCRIPT, [
    ["message", "request"],
    ["remove", SIGNING_HEADERS]
  ]);
}

/**
 * target.url in full (endpoint, the client's path suffix as sent, its query),
 * since it is what aws-sigv4 signs; Apigee must then append nothing.
 */
function targetUrlPolicies(endpoint: string): Step[] {
  const copies: [string, { value: string }][] = [
    ["target.copy.pathsuffix", { value: "false" }],
    ["target.copy.queryparams", { value: "false" }]
  ];
  const withQuery = assignMessage({ name: "AM-TargetUrl-Query", variables: [["target.url", { template: `${endpoint}{proxy.pathsuffix}?{request.querystring}` }], ...copies] });
  const withoutQuery = assignMessage({ name: "AM-TargetUrl", variables: [["target.url", { template: `${endpoint}{proxy.pathsuffix}` }], ...copies] });
  return [step(withoutQuery, 'request.querystring = null or request.querystring = ""'), step(withQuery, 'request.querystring != null and request.querystring != ""')];
}

export function signedProxyDesign(proxyPlan: ProxyPlan, target: SignedTarget): ProxyDesign {
  const proxy = proxyPlan.proxy;
  const endpoint = endpointUrl(target);
  const cors = proxy.cors ? corsPolicies(proxy.cors.origins, ALL_METHODS) : null;
  const sign = flowCallout("FC-SigV4", "aws-sigv4", [
    ["aws.sigv4.service", { value: target.service }],
    ["aws.sigv4.region", { value: target.region }]
  ]);
  const targetEndpoint: TargetEndpointSpec = {
    name: "default",
    description: `${target.service} in ${target.region}, signed with SigV4`,
    preFlow: { request: [...targetUrlPolicies(endpoint), step(sign)], response: [] },
    postFlow: NO_STEPS,
    faultRules: [],
    defaultFaultRule: defaultFaultRule(cors),
    properties: [],
    url: endpoint
  };
  return {
    proxyEndpoint: {
      name: "default",
      description: `Signed passthrough to ${endpoint} (${target.service})`,
      basePath: proxy.basePath,
      preFlow: { request: [...admissionSteps(proxy, cors), ...credentialSteps(proxyPlan, stripSigningHeadersPolicy())], response: [] },
      postFlow: { request: [], response: responseHeaderSteps(cors) },
      faultRules: admissionFaultRules(proxy),
      defaultFaultRule: defaultFaultRule(cors),
      properties: [],
      routeRules: [{ name: "default", target: "default" }]
    },
    targetEndpoints: [targetEndpoint]
  };
}

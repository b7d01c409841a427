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

import type { Intent, ProxyIntent, SignedTarget } from "../../intent/model";
import { HEADERS_SCRIPT } from "../aws-policies";
import { corsPolicies } from "../cors";
import type { ProxyDesign, TargetEndpointSpec } from "../endpoints";
import { NO_STEPS } from "../endpoints";
import { proxyError } from "../errors";
import { step, Step } from "../parts";
import type { Policy } from "../parts";
import { assignMessage } from "../policies/assign-message";
import { flowCallout } from "../policies/flow-callout";
import { javascriptPolicy } from "../policies/javascript";
import { admissionFaultRules, admissionSteps, corsDefaultFaultRule, corsResponseSteps, credentialSteps } from "../request-steps";

const ALL_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"];
const SIGNING_HEADERS = "authorization, x-amz-date, x-amz-security-token, x-amz-content-sha256";
const REGION = /^[a-z]{2}(-[a-z]+)+-[0-9]+$/;
const SERVICE = /^[a-z0-9-]+$/;

/**
 * https://host[:port][/base/path] with no query or fragment: the client's path
 * suffix and query are appended. A base path (an API Gateway stage such as
 * /prod) is kept, without its trailing "/".
 */
function endpointUrl(proxy: ProxyIntent, target: SignedTarget): string {
  let url: URL;
  try {
    url = new URL(target.url);
  } catch {
    throw proxyError(proxy, `target url "${target.url}" is not a URL`);
  }
  if (url.protocol !== "https:" || url.username || url.password || url.search || url.hash) {
    throw proxyError(proxy, `target url "${target.url}" must be https://HOST[/PATH] with no query, fragment or credentials; the client's path and query are appended to it`);
  }
  if (!SERVICE.test(target.service)) throw proxyError(proxy, `sign.service "${target.service}" is not an AWS signing name such as lambda or execute-api`);
  if (!REGION.test(target.region)) throw proxyError(proxy, `sign.region "${target.region}" is not a region name such as us-east-1`);
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

export function signedProxyDesign(intent: Intent, proxy: ProxyIntent, target: SignedTarget): ProxyDesign {
  const endpoint = endpointUrl(proxy, target);
  const cors = proxy.cors ? corsPolicies(proxy, proxy.cors.origins, ALL_METHODS) : null;
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
    defaultFaultRule: corsDefaultFaultRule(cors),
    properties: [],
    url: endpoint
  };
  return {
    proxyEndpoint: {
      name: "default",
      description: `Signed passthrough to ${endpoint} (${target.service})`,
      basePath: proxy.basePath,
      preFlow: { request: [...admissionSteps(proxy, cors), ...credentialSteps(intent, proxy, stripSigningHeadersPolicy())], response: [] },
      postFlow: { request: [], response: corsResponseSteps(cors) },
      faultRules: admissionFaultRules(proxy),
      defaultFaultRule: corsDefaultFaultRule(cors),
      properties: [],
      routeRules: [{ name: "default", target: "default" }]
    },
    targetEndpoints: [targetEndpoint]
  };
}

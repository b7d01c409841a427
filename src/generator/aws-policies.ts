// The policies every generated proxy runs between accepting a request and
// calling AWS: the caller's token kept for caller identity, the client's
// headers that must not reach AWS removed, credentials from aws-credentials,
// and the target headers the intent adds (SSM values through
// aws-ssm-parameter, literals through AssignMessage).

import type { Intent, ProxyIntent } from "../intent/model";
import { proxyError } from "./errors";
import { fixedPolicy } from "./fixed-policies";
import { assignMessage, VariableValue } from "./policies/assign-message";
import { flowCallout, Parameter } from "./policies/flow-callout";
import { javascriptPolicy } from "./policies/javascript";
import { propertyVariable } from "./property-set";
import { comment } from "./xml";
import type { Policy } from "./parts";

/** The private variable holding the caller's verified JWT in caller mode. */
export const CALLER_TOKEN_VARIABLE = "private.apigee_aws.callerToken";

export const HEADERS_SCRIPT = "s3-headers.js";

/** The verified bearer token without its scheme, for STS in caller mode. */
export function callerTokenPolicy(): Policy {
  return fixedPolicy("AM-CallerToken");
}

/** Removes Authorization and every x-amz-* header the client sent: they must never be signed or reach AWS. */
export function stripClientHeadersPolicy(): Policy {
  return javascriptPolicy("JS-StripClientHeaders", HEADERS_SCRIPT, [
    ["message", "request"],
    ["prefix", "x-amz-"],
    ["remove", "authorization"]
  ]);
}

export function credentialsPolicy(intent: Intent, proxy: ProxyIntent): Policy {
  const parameters: Parameter[] = [
    ["aws.credentials.roleArn", { ref: propertyVariable(proxy.name, "roleArn") }],
    ["aws.credentials.mode", { value: proxy.identity }],
    ["aws.credentials.region", { value: intent.aws.region }]
  ];
  if (proxy.identity === "gateway") {
    if (!intent.identity) {
      throw proxyError(proxy, `uses identity: gateway, which needs the Apigee runtime's service account: set identity.serviceAccount in ${intent.file}`);
    }
    parameters.push(["aws.credentials.serviceAccount", { value: intent.identity.serviceAccount }]);
  } else {
    if (proxy.auth.kind !== "jwt") throw proxyError(proxy, `uses identity: caller, which needs the caller's JWT: configure auth: jwt, or use identity: gateway`);
    parameters.push(["aws.credentials.callerTokenVariable", { value: CALLER_TOKEN_VARIABLE }]);
  }
  return flowCallout(
    "FC-AwsCredentials",
    "aws-credentials",
    parameters,
    comment("The role differs per environment: it is read from the environment's property set apigeeaws.")
  );
}

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

function checkHeaderName(proxy: ProxyIntent, name: string): void {
  if (!HEADER_NAME.test(name)) throw proxyError(proxy, `"${name}" is not a valid HTTP header name`);
  const lower = name.toLowerCase();
  if (lower === "host" || lower === "authorization" || lower === "x-amz-date" || lower === "x-amz-security-token" || lower === "x-amz-content-sha256") {
    throw proxyError(proxy, `header ${name} is set by SigV4 signing and cannot be configured`);
  }
}

/** One aws-ssm-parameter call per SSM-valued header, after aws-credentials. */
export function ssmHeaderPolicies(intent: Intent, proxy: ProxyIntent): Policy[] {
  const ssm = proxy.headers.filter((h) => h.value.kind === "ssm");
  return ssm.map((h, i) => {
    checkHeaderName(proxy, h.name);
    const parameter = (h.value as { kind: "ssm"; parameter: string }).parameter;
    return flowCallout(`FC-SsmHeader-${i + 1}`, "aws-ssm-parameter", [
      ["aws.ssm.names", { value: parameter }],
      ["aws.ssm.header", { value: h.name }],
      ["aws.ssm.region", { value: intent.aws.region }]
    ]);
  });
}

/**
 * Literal target headers, or null when there are none. Each is set with
 * AssignVariable <Value>, which is not a message template, so a value may
 * hold any character but a line break.
 */
export function literalHeadersPolicy(proxy: ProxyIntent): Policy | null {
  const literal = proxy.headers.filter((h) => h.value.kind === "literal");
  if (!literal.length) return null;
  const variables: [string, VariableValue][] = literal.map((h) => {
    checkHeaderName(proxy, h.name);
    const value = (h.value as { kind: "literal"; value: string }).value;
    if (/[\r\n]/.test(value)) throw proxyError(proxy, `the value of header ${h.name} may not contain a line break`);
    return [`request.header.${h.name}`, { value }];
  });
  return assignMessage({ name: "AM-TargetHeaders", variables });
}

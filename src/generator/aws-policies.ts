// The policies every generated proxy runs between accepting a request and
// calling AWS: the caller's token kept for caller identity, the client's
// headers that must not reach AWS removed, credentials from aws-credentials,
// and the target headers the intent adds (SSM values through
// aws-ssm-parameter, literals through AssignMessage).

import type { ProxyIntent } from "../intent/model";
import type { BuildPlan, ProxyPlan } from "../plan/model";
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

export function credentialsPolicy(plan: BuildPlan, proxyPlan: ProxyPlan): Policy {
  const { proxy, credentials } = proxyPlan;
  const parameters: Parameter[] = [
    ["aws.credentials.roleArn", { ref: propertyVariable(proxy.name, "roleArn") }],
    ["aws.credentials.mode", { value: credentials.mode }],
    ["aws.credentials.region", { value: plan.intent.aws.region }]
  ];
  if (credentials.mode === "gateway") parameters.push(["aws.credentials.serviceAccount", { value: credentials.serviceAccount.email }]);
  else parameters.push(["aws.credentials.callerTokenVariable", { value: CALLER_TOKEN_VARIABLE }]);
  return flowCallout(
    "FC-AwsCredentials",
    "aws-credentials",
    parameters,
    comment("The role differs per environment: it is read from the environment's property set apigeeaws.")
  );
}

/** One aws-ssm-parameter call per SSM-valued header, after aws-credentials. */
export function ssmHeaderPolicies(plan: BuildPlan, proxy: ProxyIntent): Policy[] {
  const ssm = proxy.headers.filter((h) => h.value.kind === "ssm");
  return ssm.map((h, i) => {
    const parameter = (h.value as { kind: "ssm"; parameter: string }).parameter;
    return flowCallout(`FC-SsmHeader-${i + 1}`, "aws-ssm-parameter", [
      ["aws.ssm.names", { value: parameter }],
      ["aws.ssm.header", { value: h.name }],
      ["aws.ssm.region", { value: plan.intent.aws.region }]
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
  const variables: [string, VariableValue][] = literal.map((h) => [`request.header.${h.name}`, { value: (h.value as { kind: "literal"; value: string }).value }]);
  return assignMessage({ name: "AM-TargetHeaders", variables });
}

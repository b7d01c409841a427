// The policies every generated proxy runs between accepting a request and
// calling AWS: the caller's token kept for caller identity, the client's
// headers that must not reach AWS removed, credentials from aws-credentials,
// and the target headers the intent adds (SSM values through
// aws-ssm-parameter, literals through AssignMessage).

import type { ProxyIntent } from "../intent/model";
import type { ProxyPlan } from "../plan/model";
import { fixedPolicy } from "./fixed-policies";
import { assignMessage, VariableValue } from "./policies/assign-message";
import { flowCallout, Parameter } from "./policies/flow-callout";
import { javascriptPolicy } from "./policies/javascript";
import { propertyVariable } from "./property-set";
import type { ProxySetting } from "./property-set";
import { comment } from "./xml";
import { step, type Policy, type Step } from "./parts";

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

/** States of aws-credentials in which the proxy must mint its ID token before the exchange (docs/runtime-contract.md). */
const NEEDS_ID_TOKEN = 'aws.credentials.state = "missing" or aws.credentials.state = "refreshing"';

function credentialsCall(name: string, parameters: Parameter[], stage: "lookup" | "exchange" | "all", note: string): Policy {
  return flowCallout(name, "aws-credentials", [...parameters, ["aws.credentials.stage", { value: stage }]], comment(note));
}

function baseParameters(proxyPlan: ProxyPlan, arn: ProxySetting, mode: "gateway" | "caller"): Parameter[] {
  return [
    ["aws.credentials.roleArn", { ref: propertyVariable(proxyPlan.proxy.name, arn) }],
    ["aws.credentials.mode", { value: mode }],
    ["aws.credentials.region", proxyPlan.region]
  ];
}

/**
 * Gateway identity: aws-credentials looks up its cache, the proxy mints a
 * Google ID token as the account it is deployed with (its own, in this
 * environment) when the cache holds none, and aws-credentials exchanges it.
 */
function gatewaySteps(proxyPlan: ProxyPlan, arn: ProxySetting, name: string): Step[] {
  const parameters: Parameter[] = [...baseParameters(proxyPlan, arn, "gateway"), ["aws.credentials.serviceAccount", { ref: propertyVariable(proxyPlan.proxy.name, "serviceAccount") }]];
  return [
    step(credentialsCall(name, parameters, "lookup", "The role and the service account differ per environment: both are read from the environment's property set apigeeaws.")),
    step(fixedPolicy("SC-AwsCredentials-GenerateIdToken"), NEEDS_ID_TOKEN),
    step(credentialsCall(`${name}-Exchange`, parameters, "exchange", "Exchanges the ID token SC-AwsCredentials-GenerateIdToken minted, when the lookup found no usable credentials."))
  ];
}

/** The steps that leave the environment's role's credentials in private.aws.credentials.*, for signing the target request. */
export function credentialsSteps(proxyPlan: ProxyPlan): Step[] {
  if (proxyPlan.credentials.mode === "gateway") return gatewaySteps(proxyPlan, "roleArn", "FC-AwsCredentials");
  const parameters: Parameter[] = [...baseParameters(proxyPlan, "roleArn", "caller"), ["aws.credentials.callerTokenVariable", { value: CALLER_TOKEN_VARIABLE }]];
  return [step(credentialsCall("FC-AwsCredentials", parameters, "all", "The role differs per environment: it is read from the environment's property set apigeeaws."))];
}

/**
 * Caller mode with SSM headers: credentials of the proxy's secrets role,
 * assumed with its own service account, for aws-ssm-parameter; the caller's
 * role, which any holder of such a token can assume without Apigee, never
 * holds the parameters. Empty for every other proxy.
 */
export function secretsCredentialsSteps(proxyPlan: ProxyPlan): Step[] {
  return proxyPlan.secretsRoles.length === 0 ? [] : gatewaySteps(proxyPlan, "secretsRoleArn", "FC-AwsCredentials-Secrets");
}

/**
 * One aws-ssm-parameter call per SSM-valued header, after aws-credentials.
 * A FlowCallout parameter's value is a message template (Apigee's
 * FlowCallout reference), so the intent's {env} is written as
 * {environment.name}: Apigee fills in each environment's own parameter, and
 * the bundle stays the same in every environment.
 */
export function ssmHeaderPolicies(proxyPlan: ProxyPlan): Policy[] {
  const ssm = proxyPlan.proxy.headers.filter((h) => h.value.kind === "ssm");
  return ssm.map((h, i) => {
    const parameter = (h.value as { kind: "ssm"; parameter: string }).parameter;
    return flowCallout(`FC-SsmHeader-${i + 1}`, "aws-ssm-parameter", [
      ["aws.ssm.names", { value: parameter.split("{env}").join("{environment.name}") }],
      ["aws.ssm.header", { value: h.name }],
      ["aws.ssm.region", proxyPlan.region]
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

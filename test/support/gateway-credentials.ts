// How a test proxy obtains gateway-mode credentials, the way generated
// bundles do: aws-credentials looks up its cache (stage lookup), the proxy
// mints its own Google ID token when the cache has none
// (policies/SC-AwsCredentials-GenerateIdToken.xml, run as the proxy's
// deployment account), and aws-credentials exchanges it (stage exchange).

import * as fs from "node:fs";
import * as path from "node:path";
import { packageRoot } from "../../src/common/paths";

export const GENERATE_ID_TOKEN = "SC-AwsCredentials-GenerateIdToken";

const GENERATE_ID_TOKEN_STEP = `<Step><Name>${GENERATE_ID_TOKEN}</Name><Condition>aws.credentials.state = "missing" or aws.credentials.state = "refreshing"</Condition></Step>`;

/** A parameter's literal value, or { ref } for a variable the flow reads at run time. */
export type ParameterValue = string | { ref: string };

function credentialsCall(name: string, params: Record<string, ParameterValue>, stage: "lookup" | "exchange"): string {
  const all: Record<string, ParameterValue> = { ...params, stage };
  const parameters = Object.entries(all)
    .map(([k, v]) => (typeof v === "string" ? `<Parameter name="aws.credentials.${k}">${v}</Parameter>` : `<Parameter name="aws.credentials.${k}" ref="${v.ref}"/>`))
    .join("");
  return `<FlowCallout name="${name}"><SharedFlowBundle>aws-credentials</SharedFlowBundle><Parameters>${parameters}</Parameters></FlowCallout>`;
}

export function generateIdTokenPolicy(): string {
  return fs.readFileSync(path.join(packageRoot(), "policies", `${GENERATE_ID_TOKEN}.xml`), "utf8");
}

/**
 * The policies (FlowCallouts NAME and NAME-Exchange, and the proxy's ID-token
 * call) and the steps, in order, that leave credentials for `params.roleArn`
 * in private.aws.credentials.*. Calling it twice in one proxy (two roles)
 * reuses the one ID-token policy.
 */
export function gatewayCredentials(name: string, params: Record<string, ParameterValue>): { policies: Record<string, string>; steps: string[] } {
  return {
    policies: {
      [name]: credentialsCall(name, params, "lookup"),
      [GENERATE_ID_TOKEN]: generateIdTokenPolicy(),
      [`${name}-Exchange`]: credentialsCall(`${name}-Exchange`, params, "exchange")
    },
    steps: [name, GENERATE_ID_TOKEN_STEP, `${name}-Exchange`]
  };
}

// JavaScript policy resource of the aws-ssm-parameter shared flow, step 2:
// reads SSM's GetParameters answer, applies the values, and prepares the cache
// entry. SSM's answer holds the values in clear, so it is blanked at once.
// Contract: docs/runtime-contract.md.

import { readString } from "./support/flow";
import { DEFAULT_TTL_SECONDS, SSM_FLOW, SSM_PARAM } from "./support/ssm-names";
import { applyValues, requestedNames, setProblem, SsmValues } from "./support/ssm-values";

interface GetParametersAnswer {
  Parameters?: { Name: string; Value: string }[];
  InvalidParameters?: string[];
  __type?: string;
  message?: string;
  Message?: string;
}

function parse(text: string): GetParametersAnswer | null {
  try {
    return JSON.parse(text) as GetParametersAnswer;
  } catch (e) {
    return null;
  }
}

function errorCode(answer: GetParametersAnswer | null): string {
  var type = answer && answer.__type ? String(answer.__type) : "";
  return type.substring(type.lastIndexOf("#") + 1) || "UnknownError";
}

function fail(kind: string, status: number, title: string, detail: string, members: { [name: string]: string }): void {
  setProblem(kind, status, title, detail, members);
}

// The aws-sigv4 parameters this flow set for its own request must not leak
// into the proxy's next signature.
function forgetSigningParameters(): void {
  var names = ["aws.sigv4.service", "aws.sigv4.region", "aws.sigv4.message", "aws.sigv4.url"];
  for (var i = 0; i < names.length; i++) context.removeVariable(names[i]);
}

function read(): void {
  forgetSigningParameters();
  var names = requestedNames();
  var status = Number(readString(SSM_FLOW.response + ".status.code") || 0);
  var answer = parse(readString(SSM_FLOW.response + ".content") || "");
  context.setVariable(SSM_FLOW.response + ".content", "");
  var roleArn = readString(SSM_PARAM.roleArn) || "";
  if (status !== 200 || !answer) {
    var code = status ? errorCode(answer) : "NoResponse";
    var denied = code === "AccessDeniedException";
    return fail(denied ? "ssm-access-denied" : "ssm-unavailable", denied ? 500 : 502, denied ? "The proxy's role may not read an SSM parameter" : "SSM Parameter Store could not be reached or refused the request",
      "SSM answered " + (status || "nothing") + " " + code + " for " + names.join(", ") + " with role " + roleArn, { parameters: names.join(","), ssmErrorCode: code, roleArn: roleArn });
  }
  if (answer.InvalidParameters && answer.InvalidParameters.length) {
    return fail("ssm-parameter-not-found", 500, "An SSM parameter does not exist", "SSM has no parameter " + answer.InvalidParameters.join(", ") + " (or the role " + roleArn + " may not see it)",
      { parameters: answer.InvalidParameters.join(","), ssmErrorCode: "ParameterNotFound", roleArn: roleArn });
  }
  var values: SsmValues = {};
  var list = answer.Parameters || [];
  for (var i = 0; i < list.length; i++) values[list[i].Name] = list[i].Value;
  applyValues(names, values);
  var ttl = Number(readString(SSM_PARAM.ttlSeconds) || DEFAULT_TTL_SECONDS);
  context.setVariable(SSM_PARAM.ttlSeconds, ttl > 0 ? ttl : DEFAULT_TTL_SECONDS);
  context.setVariable(SSM_FLOW.entry, JSON.stringify(values));
  context.setVariable(SSM_FLOW.source, "ssm");
}

read();

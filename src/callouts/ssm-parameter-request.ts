// JavaScript policy resource of the aws-ssm-parameter shared flow, step 1:
// checks the parameters, then either applies cached values (within their TTL)
// (LookupCache keyed by role, region, names and decryption ran just before)
// or prepares the GetParameters request that aws-sigv4 signs.
// Contract: docs/runtime-contract.md.

import { readString } from "./support/flow";
import { SSM_FLOW, SSM_PARAM } from "./support/ssm-names";
import { applyValues, requestedNames, setProblem, SsmValues } from "./support/ssm-values";

function misconfigured(parameter: string, detail: string): void {
  setProblem("misconfigured", 500, "The aws-ssm-parameter shared flow is misconfigured", detail, { parameter: parameter });
  context.setVariable(SSM_FLOW.fetch, false);
}

function cachedValues(): SsmValues | null {
  var cached = readString(SSM_FLOW.cached);
  if (!cached) return null;
  try {
    return JSON.parse(cached) as SsmValues;
  } catch (e) {
    return null;
  }
}

function start(): void {
  var names = requestedNames();
  var region = readString(SSM_PARAM.region) || "us-east-1";
  var roleArn = readString(SSM_PARAM.roleArn);
  if (!names.length) return misconfigured(SSM_PARAM.names, "name one or more SSM parameters, comma-separated, e.g. /acme/db/password");
  if (names.length > 10) return misconfigured(SSM_PARAM.names, "GetParameters reads at most 10 parameters; got " + names.length);
  if (!roleArn) return misconfigured(SSM_PARAM.roleArn, "run the aws-credentials shared flow first: the cache is kept per role");
  var decrypt = readString(SSM_PARAM.withDecryption) !== "false";
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) return misconfigured(SSM_PARAM.region, "expected an AWS region such as us-east-1, got " + region);
  context.setVariable(SSM_FLOW.region, region);
  context.setVariable(SSM_FLOW.endpoint, "https://ssm." + region + ".amazonaws.com/");
  var values = cachedValues();
  if (values) {
    applyValues(names, values);
    context.setVariable(SSM_FLOW.source, "cache");
    context.setVariable(SSM_FLOW.fetch, false);
    return;
  }
  context.setVariable(SSM_FLOW.requestBody, JSON.stringify({ Names: names, WithDecryption: decrypt }));
  context.setVariable(SSM_FLOW.fetch, true);
}

start();

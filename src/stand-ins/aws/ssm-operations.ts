// SSM's GetParameter, GetParameters and GetParametersByPath on an
// authenticated request: input validation with SSM's ValidationException
// wording, ssm:* authorisation on parameter ARNs, kms:Decrypt on the key of
// each SecureString read WithDecryption, and the JSON 1.1 answer shapes.

import type { AwsError } from "./aws-errors";
import { decide, denialMessage, type AccessQuestion, type CallerContext } from "./request-authorize";
import { parseFilters, selectVersion } from "./ssm-filters";
import { nameProblem, type ParameterStore, type ParameterVersion } from "./ssm-parameters";

export interface SsmCall {
  caller: CallerContext;
  store: ParameterStore;
  /** The names a KeyId filter may give a SecureString's key: its ARN, its ID, and alias/aws/ssm for the default key. */
  keyNames(p: ParameterVersion): string[];
}

export type SsmOutcome = { body: Record<string, unknown> } | { error: AwsError };

const MAX_NAMES = 10;
const MAX_RESULTS = 10;

export function parameterArn(caller: CallerContext, name: string): string {
  return `arn:aws:ssm:${caller.region}:${caller.world.accountId}:parameter/${name.replace(/^\//, "")}`;
}

// ---- GetParameter -----------------------------------------------------------

export function getParameter(call: SsmCall, input: Record<string, unknown>): SsmOutcome {
  const decrypt = withDecryption(input);
  if (typeof decrypt !== "boolean") return decrypt;
  if (input.Name === undefined || input.Name === null) return validation("Value null at 'name' failed to satisfy constraint: Member must not be null");
  if (typeof input.Name !== "string") return serialization("Name must be a string");
  const selected = parseSelector(call.caller, input.Name);
  if ("error" in selected) return selected;
  const { name, version, selector } = selected;
  const denied = authorize(call.caller, { action: "ssm:GetParameter", resource: parameterArn(call.caller, name) });
  if (denied) return denied;
  if (!call.store.has(name)) return { error: { code: "ParameterNotFound", status: 400 } };
  const found = call.store.get(name, version);
  if (!found) {
    return { error: { code: "ParameterVersionNotFound", status: 400, message: `Systems Manager could not find version ${version} of ${name}. Verify the version and try again.` } };
  }
  const keyDenied = decrypt ? authorizeDecrypt(call.caller, [found]) : undefined;
  if (keyDenied) return keyDenied;
  return { body: { Parameter: { ...describe(call.caller, found, decrypt), ...(selector ? { Selector: selector } : {}) } } };
}

/** "name", "name:3" (a version) or the parameter's ARN. Labels are not supported. */
function parseSelector(caller: CallerContext, requested: string): { name: string; version?: number; selector?: string } | { error: AwsError } {
  let name = requested;
  const arnPrefix = `arn:aws:ssm:${caller.region}:${caller.world.accountId}:parameter/`;
  if (name.startsWith("arn:")) {
    if (!name.startsWith(arnPrefix)) return validation(`Value '${requested}' at 'name' failed to satisfy constraint: Member must be a parameter ARN in ${caller.region} of account ${caller.world.accountId}`);
    const rest = name.slice(arnPrefix.length);
    name = rest.includes("/") ? `/${rest}` : rest;
  }
  const colon = name.lastIndexOf(":");
  let version: number | undefined;
  let selector: string | undefined;
  if (colon >= 0) {
    selector = name.slice(colon);
    if (!/^:[1-9]\d*$/.test(selector)) return validation(`The selector '${selector}' is not a version number; this stand-in does not support parameter labels.`);
    version = Number(selector.slice(1));
    name = name.slice(0, colon);
  }
  const problem = nameProblem(name, false);
  return problem ? { error: { code: "ValidationException", status: 400, message: problem } } : { name, version, selector };
}

// ---- GetParameters ----------------------------------------------------------

export function getParameters(call: SsmCall, input: Record<string, unknown>): SsmOutcome {
  const decrypt = withDecryption(input);
  if (typeof decrypt !== "boolean") return decrypt;
  const names = input.Names;
  if (names === undefined || names === null) return validation("Value null at 'names' failed to satisfy constraint: Member must not be null");
  if (!Array.isArray(names) || names.some((n) => typeof n !== "string")) return serialization("Names must be a list of strings");
  if (names.length < 1) return validation(`Value '[]' at 'names' failed to satisfy constraint: Member must have length greater than or equal to 1`);
  if (names.length > MAX_NAMES) {
    return validation(`Value '[${names.join(", ")}]' at 'names' failed to satisfy constraint: Member must have length less than or equal to ${MAX_NAMES}`);
  }
  const found: { requested: string; parameter: ParameterVersion; selector?: string }[] = [];
  const invalid: string[] = [];
  for (const requested of [...new Set(names as string[])]) {
    const selected = parseSelector(call.caller, requested);
    if ("error" in selected) {
      invalid.push(requested);
      continue;
    }
    const denied = authorize(call.caller, { action: "ssm:GetParameters", resource: parameterArn(call.caller, selected.name) });
    if (denied) return denied;
    const parameter = call.store.get(selected.name, selected.version);
    if (parameter) found.push({ requested, parameter, selector: selected.selector });
    else invalid.push(requested);
  }
  const keyDenied = decrypt ? authorizeDecrypt(call.caller, found.map((f) => f.parameter)) : undefined;
  if (keyDenied) return keyDenied;
  return {
    body: {
      Parameters: found.map((f) => ({ ...describe(call.caller, f.parameter, decrypt), ...(f.selector ? { Selector: f.selector } : {}) })),
      InvalidParameters: invalid
    }
  };
}

// ---- GetParametersByPath ----------------------------------------------------

export function getParametersByPath(call: SsmCall, input: Record<string, unknown>): SsmOutcome {
  const decrypt = withDecryption(input);
  if (typeof decrypt !== "boolean") return decrypt;
  const { Path: path, Recursive: recursive = false, MaxResults: maxResults = MAX_RESULTS, NextToken: nextToken, ParameterFilters: filters } = input;
  if (path === undefined || path === null) return validation("Value null at 'path' failed to satisfy constraint: Member must not be null");
  if (typeof path !== "string" || typeof recursive !== "boolean" || typeof maxResults !== "number" || (nextToken !== undefined && typeof nextToken !== "string")) {
    return serialization("Path must be a string, Recursive a boolean, MaxResults a number and NextToken a string");
  }
  if (!path.startsWith("/") || (path !== "/" && nameProblem(path.replace(/\/$/, ""), false))) {
    return { error: { code: "ValidationException", status: 400, message: `The parameter path ${path} is not valid. A path must start with a forward slash (/) and be made of letters, numbers and . - _ /.` } };
  }
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > MAX_RESULTS) {
    return validation(`Value '${maxResults}' at 'maxResults' failed to satisfy constraint: Member must have value ${maxResults < 1 ? "greater than or equal to 1" : `less than or equal to ${MAX_RESULTS}`}`);
  }
  const parsedFilters = parseFilters(filters);
  if ("error" in parsedFilters) return parsedFilters;
  const denied = authorize(call.caller, { action: "ssm:GetParametersByPath", resource: parameterArn(call.caller, path === "/" ? "/" : path.replace(/\/$/, "")) });
  if (denied) return denied;
  let after = "";
  if (nextToken !== undefined) {
    const decoded = decodeToken(nextToken);
    if (decoded === undefined) return { error: { code: "InvalidNextToken", status: 400, message: "The specified token is not valid." } };
    after = decoded;
  }
  const base = path.endsWith("/") ? path : `${path}/`;
  const matching = call.store
    .names()
    .filter((name) => name.startsWith(base) && name > after && (recursive || !name.slice(base.length).includes("/")))
    .map((name) => selectVersion(call.store, name, parsedFilters.ok, call.keyNames))
    .filter((p): p is ParameterVersion => p !== undefined);
  const page = matching.slice(0, maxResults);
  const keyDenied = decrypt ? authorizeDecrypt(call.caller, page) : undefined;
  if (keyDenied) return keyDenied;
  const more = matching.length > page.length;
  return {
    body: {
      Parameters: page.map((p) => describe(call.caller, p, decrypt)),
      ...(more ? { NextToken: Buffer.from(JSON.stringify({ after: page[page.length - 1].name })).toString("base64") } : {})
    }
  };
}

function decodeToken(token: string): string | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64").toString("utf8")) as { after?: unknown };
    return typeof parsed.after === "string" ? parsed.after : undefined;
  } catch {
    return undefined;
  }
}

// ---- shared -----------------------------------------------------------------

function describe(caller: CallerContext, p: ParameterVersion, decrypt: boolean): Record<string, unknown> {
  return {
    Name: p.name,
    Type: p.type,
    Value: decrypt ? p.value : p.storedValue,
    Version: p.version,
    LastModifiedDate: p.lastModified / 1000,
    ARN: parameterArn(caller, p.name),
    DataType: "text"
  };
}

function withDecryption(input: Record<string, unknown>): boolean | { error: AwsError } {
  const value = input.WithDecryption ?? false;
  return typeof value === "boolean" ? value : serialization("WithDecryption must be a boolean");
}

function authorize(caller: CallerContext, question: AccessQuestion): { error: AwsError } | undefined {
  const decision = decide(caller, question);
  if (decision === "Allow") return undefined;
  return { error: { code: "AccessDeniedException", status: 400, message: denialMessage(caller.session, question, decision, false) } };
}

/** SSM decrypts SecureStrings with KMS as the caller: kms:Decrypt on the key, via SSM, for this parameter's ARN. */
function authorizeDecrypt(caller: CallerContext, parameters: ParameterVersion[]): { error: AwsError } | undefined {
  for (const p of parameters.filter((p) => p.type === "SecureString")) {
    const question: AccessQuestion = {
      action: "kms:Decrypt",
      resource: p.keyArn!,
      context: {
        "kms:ViaService": `ssm.${caller.region}.amazonaws.com`,
        "kms:CallerAccount": caller.world.accountId,
        "kms:EncryptionContext:PARAMETER_ARN": parameterArn(caller, p.name)
      }
    };
    const decision = decide(caller, question);
    if (decision !== "Allow") {
      const message = `${denialMessage(caller.session, question, decision, false)} (Service: AWSKMS; Status Code: 400; Error Code: AccessDeniedException)`;
      return { error: { code: "AccessDeniedException", status: 400, message } };
    }
  }
  return undefined;
}

function validation(problem: string): { error: AwsError } {
  return { error: { code: "ValidationException", status: 400, message: `1 validation error detected: ${problem}` } };
}

function serialization(problem: string): { error: AwsError } {
  return { error: { code: "SerializationException", status: 400, message: problem } };
}

// The query-protocol parameters of AssumeRoleWithWebIdentity, taken from the
// URL query and the form body alike, and checked against the STS model's
// constraints with the messages STS uses ("1 validation error detected:
// Value 'a b' at 'roleSessionName' failed to satisfy constraint: ...").

import { stsErrors } from "./sts-errors";

export const STS_VERSION = "2011-06-15";
const ACTION = "AssumeRoleWithWebIdentity";
/** Both RoleSessionName and SourceIdentity: "upper- and lower-case alphanumeric characters with no spaces ... =,.@-". */
const NAME_PATTERN = /^[\w+=,.@-]*$/;
const MIN_DURATION = 900;
const MAX_DURATION = 43200;

export interface AssumeRoleParams {
  roleArn: string;
  roleSessionName: string;
  webIdentityToken: string;
  /** undefined when not sent: the session then lasts 3600 s. */
  durationSeconds: number | undefined;
  sourceIdentity: string | undefined;
}

export function readParams(query: URLSearchParams, body: URLSearchParams): URLSearchParams {
  const merged = new URLSearchParams(query);
  for (const [name, value] of body) merged.append(name, value);
  return merged;
}

export function parseAssumeRoleParams(params: URLSearchParams): AssumeRoleParams {
  const action = params.get("Action");
  if (action === null || action === "") throw stsErrors.missingAction();
  const version = params.get("Version");
  if (version === null || version === "") throw stsErrors.missingParameter("Version");
  if (action !== ACTION || version !== STS_VERSION) throw stsErrors.invalidAction(action, version);

  const duration = parseDuration(params.get("DurationSeconds"));
  const values = {
    roleArn: params.get("RoleArn"),
    roleSessionName: params.get("RoleSessionName"),
    webIdentityToken: params.get("WebIdentityToken"),
    sourceIdentity: params.get("SourceIdentity")
  };
  const problems = [
    ...checkString("roleArn", values.roleArn, { required: true, min: 20, max: 2048 }),
    ...checkString("roleSessionName", values.roleSessionName, { required: true, min: 2, max: 64, pattern: NAME_PATTERN }),
    ...checkString("webIdentityToken", values.webIdentityToken, { required: true, min: 4, max: 20000, sensitive: true }),
    ...checkDuration(duration),
    ...checkString("sourceIdentity", values.sourceIdentity, { required: false, min: 2, max: 64, pattern: NAME_PATTERN })
  ];
  if (problems.length > 0) throw stsErrors.validation(problems);
  return {
    roleArn: values.roleArn as string,
    roleSessionName: values.roleSessionName as string,
    webIdentityToken: values.webIdentityToken as string,
    durationSeconds: duration,
    sourceIdentity: values.sourceIdentity ?? undefined
  };
}

interface StringConstraints {
  required: boolean;
  min: number;
  max: number;
  pattern?: RegExp;
  /** Sensitive values are not echoed back in messages. */
  sensitive?: boolean;
}

function checkString(member: string, value: string | null, c: StringConstraints): string[] {
  if (value === null) return c.required ? [`Value null at '${member}' failed to satisfy constraint: Member must not be null`] : [];
  const shown = c.sensitive ? "***" : value;
  const at = `Value '${shown}' at '${member}' failed to satisfy constraint:`;
  const problems: string[] = [];
  if (value.length < c.min) problems.push(`${at} Member must have length greater than or equal to ${c.min}`);
  if (value.length > c.max) problems.push(`${at} Member must have length less than or equal to ${c.max}`);
  if (c.pattern && !c.pattern.test(value)) {
    problems.push(`${at} Member must satisfy regular expression pattern: ${c.pattern.source.replace(/^\^|\$$/g, "")}`);
  }
  return problems;
}

function parseDuration(text: string | null): number | undefined {
  if (text === null) return undefined;
  if (!/^[+-]?\d+$/.test(text.trim())) throw stsErrors.invalidParameterValue("DurationSeconds", text, "Expected an integer.");
  return Number(text.trim());
}

function checkDuration(duration: number | undefined): string[] {
  if (duration === undefined) return [];
  const at = `Value '${duration}' at 'durationSeconds' failed to satisfy constraint:`;
  if (duration < MIN_DURATION) return [`${at} Member must have value greater than or equal to ${MIN_DURATION}`];
  if (duration > MAX_DURATION) return [`${at} Member must have value less than or equal to ${MAX_DURATION}`];
  return [];
}

export interface RoleArnParts {
  accountId: string;
  /** The role's name without its path: what assumed-role ARNs carry. */
  roleName: string;
}

/** arn:aws:iam::123456789012:role/path/name; anything else is "Request ARN is invalid", as STS says. */
export function parseRoleArn(roleArn: string): RoleArnParts {
  const match = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:[\x21-\x7e]*\/)?([\w+=,.@-]{1,64})$/.exec(roleArn);
  if (!match) throw stsErrors.validationMessage("Request ARN is invalid");
  return { accountId: match[1], roleName: match[2] };
}

// Shape checks IAM applies when a trust policy (AssumeRolePolicyDocument) or
// a permissions policy is stored, so a generated document that AWS would
// answer with MalformedPolicyDocument fails here first. Messages name the
// statement index and the field, and say what IAM expects instead.

import { parseConditionOperatorName } from "./condition-operators";
import type { PolicyDocument, PolicyKind, PolicyStatement } from "./document";
import { PolicyDocumentError } from "./policy-document-error";

export type { PolicyKind } from "./document";

const KNOWN_VERSIONS = ["2012-10-17", "2008-10-17"];
const DOCUMENT_FIELDS = ["Version", "Id", "Statement"];
const STATEMENT_FIELDS = [
  "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"
];

export function validatePolicyDocument(doc: unknown, kind: PolicyKind): PolicyDocument {
  const parsed = typeof doc === "string" ? parseJson(doc) : doc;
  if (!isObject(parsed)) throw new PolicyDocumentError(`The ${kind} policy must be a JSON object with "Version" and "Statement".`);
  for (const field of Object.keys(parsed)) {
    if (!DOCUMENT_FIELDS.includes(field)) {
      throw new PolicyDocumentError(`Policy field "${field}" is not an IAM policy element; use only ${DOCUMENT_FIELDS.join(", ")}.`);
    }
  }
  checkVersion(parsed.Version);
  const statements = statementList(parsed.Statement);
  statements.forEach((statement, index) => checkStatement(statement, index, kind));
  return parsed as unknown as PolicyDocument;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new PolicyDocumentError(`The policy is not valid JSON: ${(e as Error).message}`);
  }
}

function checkVersion(version: unknown): void {
  // IAM stores a document without Version (it then means 2008-10-17), so only a wrong value is refused.
  if (version === undefined) return;
  if (typeof version !== "string" || !KNOWN_VERSIONS.includes(version)) {
    throw new PolicyDocumentError(`Version ${JSON.stringify(version)} is not a policy language version; use "2012-10-17".`);
  }
}

function statementList(statement: unknown): unknown[] {
  if (statement === undefined) throw new PolicyDocumentError(`The policy has no "Statement"; add an array of statements.`);
  const list = Array.isArray(statement) ? statement : [statement];
  if (list.length === 0) throw new PolicyDocumentError(`"Statement" is empty; add at least one statement.`);
  return list;
}

function checkStatement(statement: unknown, index: number, kind: PolicyKind): void {
  const where = `Statement[${index}]`;
  if (!isObject(statement)) throw new PolicyDocumentError(`${where} must be an object with Effect, Action and ${kind === "trust" ? "Principal" : "Resource"}.`);
  for (const field of Object.keys(statement)) {
    if (!STATEMENT_FIELDS.includes(field)) {
      throw new PolicyDocumentError(`${where}: "${field}" is not a statement element; use only ${STATEMENT_FIELDS.join(", ")}.`);
    }
  }
  if (statement.Sid !== undefined && (typeof statement.Sid !== "string" || !/^[A-Za-z0-9]*$/.test(statement.Sid))) {
    throw new PolicyDocumentError(`${where}.Sid ${JSON.stringify(statement.Sid)} must contain only ASCII letters and digits.`);
  }
  if (statement.Effect !== "Allow" && statement.Effect !== "Deny") {
    throw new PolicyDocumentError(`${where}.Effect must be "Allow" or "Deny" (got ${JSON.stringify(statement.Effect)}).`);
  }
  checkExactlyOne(statement, where, "Action", "NotAction", "actions");
  for (const field of ["Action", "NotAction"]) checkActions(statement[field], `${where}.${field}`);
  if (kind === "permissions") checkPermissionsScope(statement, where);
  else checkTrustScope(statement, where);
  checkCondition(statement.Condition, `${where}.Condition`);
}

function checkPermissionsScope(statement: Record<string, unknown>, where: string): void {
  if (statement.Principal !== undefined || statement.NotPrincipal !== undefined) {
    throw new PolicyDocumentError(`${where}: a permissions policy must not specify a Principal; the role it is attached to is the principal.`);
  }
  checkExactlyOne(statement, where, "Resource", "NotResource", "resources");
  for (const field of ["Resource", "NotResource"]) checkResources(statement[field], `${where}.${field}`);
}

function checkTrustScope(statement: Record<string, unknown>, where: string): void {
  if (statement.Resource !== undefined || statement.NotResource !== undefined) {
    throw new PolicyDocumentError(`${where}: a trust policy has prohibited field Resource; the role itself is the resource.`);
  }
  checkExactlyOne(statement, where, "Principal", "NotPrincipal", "a principal");
  for (const field of ["Principal", "NotPrincipal"]) checkPrincipal(statement[field], `${where}.${field}`);
}

function checkExactlyOne(statement: Record<string, unknown>, where: string, field: string, notField: string, what: string): void {
  const has = statement[field] !== undefined;
  const hasNot = statement[notField] !== undefined;
  if (has && hasNot) throw new PolicyDocumentError(`${where} has both ${field} and ${notField}; keep one.`);
  if (!has && !hasNot) throw new PolicyDocumentError(`${where} must contain ${what}: add ${field} (or ${notField}).`);
}

function checkActions(value: unknown, where: string): void {
  if (value === undefined) return;
  for (const action of stringList(value, where)) {
    if (action === "*") continue;
    const colon = action.indexOf(":");
    if (colon <= 0) {
      throw new PolicyDocumentError(`${where}: "${action}" must be prefaced by a service, e.g. "s3:GetObject" or "sts:AssumeRoleWithWebIdentity".`);
    }
    const service = action.slice(0, colon);
    if (!/^[A-Za-z0-9-]+$/.test(service)) {
      throw new PolicyDocumentError(`${where}: the service "${service}" of "${action}" must not contain wildcards or punctuation.`);
    }
    if (!/^[A-Za-z0-9*?]+$/.test(action.slice(colon + 1))) {
      throw new PolicyDocumentError(`${where}: the action name of "${action}" may contain only letters, digits, "*" and "?".`);
    }
  }
}

function checkResources(value: unknown, where: string): void {
  if (value === undefined) return;
  for (const resource of stringList(value, where)) {
    if (resource !== "*" && !/^arn:[^:]+:[^:]*:[^:]*:[^:]*:.+$/s.test(resource)) {
      throw new PolicyDocumentError(`${where}: "${resource}" must be in ARN format (arn:partition:service:region:account:resource) or "*".`);
    }
  }
}

function checkPrincipal(value: unknown, where: string): void {
  if (value === undefined || value === "*") return;
  if (!isObject(value) || Object.keys(value).length === 0) {
    throw new PolicyDocumentError(`${where} must be "*" or an object such as {"Federated": "accounts.google.com"}.`);
  }
  for (const [kind, principals] of Object.entries(value)) {
    if (!["AWS", "Federated", "Service", "CanonicalUser"].includes(kind)) {
      throw new PolicyDocumentError(`${where}: principal type "${kind}" is not one of AWS, Federated, Service, CanonicalUser.`);
    }
    stringList(principals, `${where}.${kind}`);
  }
}

function checkCondition(value: unknown, where: string): void {
  if (value === undefined) return;
  if (!isObject(value)) throw new PolicyDocumentError(`${where} must be an object of operators, e.g. {"StringEquals": {"key": "value"}}.`);
  for (const [operator, keys] of Object.entries(value)) {
    if (!parseConditionOperatorName(operator)) {
      throw new PolicyDocumentError(`${where}: "${operator}" is not a condition operator IAM knows (e.g. StringEquals, StringLike, Bool, Null, with an optional IfExists suffix or ForAnyValue:/ForAllValues: prefix).`);
    }
    if (!isObject(keys) || Object.keys(keys).length === 0) {
      throw new PolicyDocumentError(`${where}.${operator} must be a non-empty object of condition keys to values.`);
    }
    for (const [key, values] of Object.entries(keys)) {
      const list = Array.isArray(values) ? values : [values];
      const scalar = (v: unknown) => typeof v === "string" || typeof v === "boolean" || typeof v === "number";
      if (list.length === 0 || !list.every(scalar)) {
        throw new PolicyDocumentError(`${where}.${operator}["${key}"] must be a string, number, boolean or a non-empty array of them.`);
      }
    }
  }
}

function stringList(value: unknown, where: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || !list.every((v) => typeof v === "string" && v.length > 0)) {
    throw new PolicyDocumentError(`${where} must be a non-empty string or a non-empty array of non-empty strings.`);
  }
  return list as string[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Checks only what evaluation cannot do without: used by the evaluator on documents it was handed unvalidated. */
export function assertEvaluable(statement: PolicyStatement, index: number, kind: PolicyKind): void {
  const where = `Statement[${index}]`;
  if (statement.Effect !== "Allow" && statement.Effect !== "Deny") {
    throw new PolicyDocumentError(`${where}.Effect must be "Allow" or "Deny" (got ${JSON.stringify(statement.Effect)}).`);
  }
  if (statement.Action === undefined && statement.NotAction === undefined) {
    throw new PolicyDocumentError(`${where} must contain actions: add Action (or NotAction).`);
  }
  if (kind === "permissions" && statement.Resource === undefined && statement.NotResource === undefined) {
    throw new PolicyDocumentError(`${where} must contain resources: add Resource (or NotResource).`);
  }
  if (kind === "trust" && statement.Principal === undefined && statement.NotPrincipal === undefined) {
    throw new PolicyDocumentError(`${where} must contain a principal: add Principal (or NotPrincipal).`);
  }
}

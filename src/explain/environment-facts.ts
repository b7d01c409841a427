// One proxy in one environment: the role Apigee assumes there, read from what
// the build writes (the property set entry the bundle reads, role.json, the
// trust and permissions policies), never re-derived from the intent.

import { permissionGaps } from "../aws-side/permissions-policy";
import { GATEWAY_AUDIENCE } from "../aws-side/trust-policy";
import { PROPERTY_SET_NAME, propertyKey, propertyVariable } from "../generator/property-set";
import type { Intent, ProxyIntent } from "../intent/model";
import type { EnvironmentFacts, PermissionStatementFacts, RoleFacts, TrustStatementFacts } from "./model";
import { parsePolicyDocument, type Statement } from "./policy-document";
import { actionPurpose, conditionFacts, type KnownValues, permissionSummary, principalFacts, trustSummary } from "./policy-words";

/** What `apigee-aws build` writes, as far as explain needs it. */
export interface EmittedDocuments {
  /** awsDocuments(intent): "aws/<env>/<proxy>/trust-policy.json" and friends → text. */
  aws: ReadonlyMap<string, string>;
  /** Environment → its apigeeaws property set entries ([key, value]). */
  propertySets: ReadonlyMap<string, readonly (readonly [string, string])[]>;
}

export function environmentFacts(intent: Intent, proxy: ProxyIntent, env: string, documents: EmittedDocuments): EnvironmentFacts {
  const dir = `aws/${env}/${proxy.name}`;
  const known = knownValues(intent, proxy);
  const trustFile = `${dir}/trust-policy.json`;
  const permissionsFile = `${dir}/permissions-policy.json`;
  const permissionsText = documents.aws.get(permissionsFile);
  return {
    name: env,
    role: roleFacts(proxy, env, dir, documents),
    trust: { file: trustFile, statements: parsePolicyDocument(required(documents, trustFile), trustFile).map((s) => trustStatement(s, known)) },
    permissions:
      permissionsText === undefined
        ? { file: null, statements: [], gap: permissionGaps(intent).find((g) => g.proxy === proxy.name)?.reason ?? "has no permissions the intent determines; attach a policy to its roles by hand." }
        : { file: permissionsFile, statements: parsePolicyDocument(permissionsText, permissionsFile).map((s) => permissionStatement(s, known)), gap: null }
  };
}

function required(documents: EmittedDocuments, file: string): string {
  const text = documents.aws.get(file);
  if (text === undefined) throw new Error(`the build wrote no ${file}`);
  return text;
}

function roleFacts(proxy: ProxyIntent, env: string, dir: string, documents: EmittedDocuments): RoleFacts {
  const file = `${dir}/role.json`;
  const role = JSON.parse(required(documents, file)) as { name: string; maxSessionDuration: number; description: string };
  const key = propertyKey(proxy.name, "roleArn");
  const entry = documents.propertySets.get(env)?.find(([k]) => k === key);
  if (!entry) throw new Error(`the ${PROPERTY_SET_NAME} property set of ${env} has no ${key}`);
  return {
    name: role.name,
    arn: entry[1],
    maxSessionDurationSeconds: role.maxSessionDuration,
    description: role.description,
    file,
    propertySet: { name: PROPERTY_SET_NAME, key, variable: propertyVariable(proxy.name, "roleArn"), file: `env/${env}/propertysets/${PROPERTY_SET_NAME}.properties` }
  };
}

/** Values the policies compare against that the reader should recognise. */
function knownValues(intent: Intent, proxy: ProxyIntent): KnownValues {
  const known = new Map<string, string>();
  if (proxy.auth.kind === "jwt") known.set(proxy.auth.jwt.audience, "the audience the proxy's VerifyJWT checks");
  if (proxy.identity === "gateway") known.set(GATEWAY_AUDIENCE, "the audience aws-credentials asks Google for");
  if (intent.identity) known.set(intent.identity.uniqueId, "the runtime service account's unique ID");
  return known;
}

function trustStatement(s: Statement, known: KnownValues): TrustStatementFacts {
  const principals = s.principals.flatMap(principalFacts);
  const conditions = s.conditions.map((c) => conditionFacts(c, known));
  const federated = principals.filter((p) => p.type === "Federated");
  const notes: string[] = [];
  if (s.effect === "Allow" && federated.length > 0 && !conditions.some((c) => /:sub$/.test(c.key))) {
    notes.push("no condition on the subject: any token of this issuer with this audience may assume the role, so every caller the proxy admits gets the same AWS access");
  }
  return {
    sid: s.sid,
    effect: s.effect,
    principals,
    actions: s.actions,
    conditions,
    summary: trustSummary(s.effect, s.actions, principals, conditions),
    notes
  };
}

function permissionStatement(s: Statement, known: KnownValues): PermissionStatementFacts {
  const conditions = s.conditions.map((c) => conditionFacts(c, known));
  return {
    sid: s.sid,
    effect: s.effect,
    actions: s.actions,
    resources: s.resources,
    conditions,
    summary: permissionSummary(s.effect, s.actions, s.resources, conditions),
    purpose: actionPurpose(s.actions)
  };
}

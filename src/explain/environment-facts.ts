// One proxy in one environment: the role Apigee assumes there, read from what
// the build writes (the property set entry the bundle reads, role.json, the
// trust and permissions policies), never re-derived from the intent.

import { parsePolicyDocument, type Statement } from "../iam/read";
import { roleFolder } from "../iam/role";
import { awsOf } from "../intent/model";
import { roleIn, type BuildPlan, type ProxyPlan, type RolePlan } from "../plan/model";
import { uniqueIdPlaceholder } from "../plan/service-accounts";
import { PROPERTY_SET_NAME, propertyKey, propertyVariable } from "../plan/property-set-keys";
import type { ProxyIntent } from "../intent/model";
import type { EnvironmentFacts, PermissionStatementFacts, RoleDocumentFacts, RoleFacts, TrustStatementFacts } from "./model";
import { actionPurpose, conditionFacts, type KnownValues, permissionSummary, principalFacts, trustSummary } from "./policy-words";

/** What `apigee-aws build` writes, as far as explain needs it. */
export interface EmittedDocuments {
  /** roleFiles(plan): "aws/<env>/<proxy>/trust-policy.json" and friends → text. */
  aws: ReadonlyMap<string, string>;
  /** Environment → its apigeeaws property set entries ([key, value]). */
  propertySets: ReadonlyMap<string, readonly (readonly [string, string])[]>;
}

export function environmentFacts(plan: BuildPlan, proxyPlan: ProxyPlan, env: string, documents: EmittedDocuments): EnvironmentFacts {
  const secrets = proxyPlan.secretsRoles.find((r) => r.env === env);
  const { account, region } = awsOf(plan.intent, env);
  return {
    name: env,
    aws: { account, region, stsEndpoint: stsEndpoint(region), regionVariable: "ref" in proxyPlan.region ? proxyPlan.region.ref : null },
    ...roleDocumentFacts(proxyPlan, roleIn(proxyPlan, env), documents),
    secrets: secrets ? roleDocumentFacts(proxyPlan, secrets, documents) : null
  };
}

/** One role's facts, read from the files the build writes for it (aws/<env>/<proxy>/, or its secrets/ folder). */
function roleDocumentFacts(proxyPlan: ProxyPlan, rolePlan: RolePlan, documents: EmittedDocuments): RoleDocumentFacts {
  const dir = `aws/${roleFolder(rolePlan)}`;
  const known = knownValues(proxyPlan, rolePlan);
  const trustFile = `${dir}/trust-policy.json`;
  const permissionsFile = `${dir}/permissions-policy.json`;
  const permissionsText = documents.aws.get(permissionsFile);
  return {
    role: roleFacts(proxyPlan.proxy, rolePlan, dir, documents),
    trust: { file: trustFile, statements: parsePolicyDocument(required(documents, trustFile), trustFile).map((s) => trustStatement(s, known)) },
    permissions:
      permissionsText === undefined
        ? { file: null, statements: [], gap: rolePlan.permissionGap }
        : { file: permissionsFile, statements: parsePolicyDocument(permissionsText, permissionsFile).map((s) => permissionStatement(s, known)), gap: null }
  };
}

/** The regional STS endpoint aws-credentials calls (docs/runtime-contract.md). */
export function stsEndpoint(region: string): string {
  return `https://sts.${region}.amazonaws.com/`;
}

function required(documents: EmittedDocuments, file: string): string {
  const text = documents.aws.get(file);
  if (text === undefined) throw new Error(`the build wrote no ${file}`);
  return text;
}

function roleFacts(proxy: ProxyIntent, rolePlan: RolePlan, dir: string, documents: EmittedDocuments): RoleFacts {
  const { env, serviceAccount: account } = rolePlan;
  const file = `${dir}/role.json`;
  const role = JSON.parse(required(documents, file)) as { name: string; maxSessionDuration: number; description: string };
  const setting = rolePlan.purpose === "secrets" ? "secretsRoleArn" : "roleArn";
  const key = propertyKey(proxy.name, setting);
  const entry = documents.propertySets.get(env)?.find(([k]) => k === key);
  if (!entry) throw new Error(`the ${PROPERTY_SET_NAME} property set of ${env} has no ${key}`);
  return {
    name: role.name,
    arn: entry[1],
    maxSessionDurationSeconds: role.maxSessionDuration,
    description: role.description,
    file,
    propertySet: { name: PROPERTY_SET_NAME, key, variable: propertyVariable(proxy.name, setting), file: `env/${env}/propertysets/${PROPERTY_SET_NAME}.properties` },
    serviceAccount: account && { email: account.email, uniqueId: account.uniqueId, project: account.project, mayAssume: account.trustedBy.slice() }
  };
}

/** Values the policies compare against that the reader should recognise. */
function knownValues({ proxy }: ProxyPlan, role: RolePlan): KnownValues {
  const known = new Map<string, string>();
  if (proxy.auth.kind === "jwt") known.set(proxy.auth.jwt.audience, "the audience the proxy's VerifyJWT checks");
  if (role.trusted.kind === "google-service-account") {
    known.set(role.trusted.audience, "the audience of the ID token the proxy mints");
    const account = role.serviceAccount;
    if (account) known.set(account.uniqueId ?? uniqueIdPlaceholder(account.email), account.uniqueId ? `the unique ID of ${account.email}` : `a stand-in for the unique ID of ${account.email}, not known yet: the Terraform fills it in; build --ids FILE writes it into this file`);
  }
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

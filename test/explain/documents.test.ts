// The AWS side of an explanation is read from the documents the build
// writes, so it says exactly what they say: every statement's principal,
// actions, resources and conditions equal the emitted JSON, and changing the
// intent changes the explanation the same way it changes the documents.

import { emittedDocuments } from "../../src/explain/emitted";
import type { Explanation } from "../../src/explain/model";
import { IntentError } from "../../src/intent";
import { awsFiles } from "../../src/output/aws-files";
import { buildOutput } from "../../src/output/build-output";
import { planBuild } from "../../src/plan";
import { requireBuilt } from "../support/built";
import { awsDocuments, documentsOf, envOf, explained, explainedFrom, proxyOf, templateIntent } from "./support";

type Json = Record<string, unknown>;
const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The statements of an emitted policy, parsed here independently of src/explain. */
function emittedStatements(documents: Map<string, string>, file: string) {
  const doc = JSON.parse(documents.get(file) as string) as { Statement: Json[] };
  return doc.Statement.map((s) => ({
    sid: s.Sid,
    effect: s.Effect,
    principals: Object.entries((s.Principal ?? {}) as Json).flatMap(([type, v]) => list(v).map((value) => [type, value])),
    actions: list(s.Action),
    resources: list(s.Resource),
    conditions: Object.entries((s.Condition ?? {}) as Json).flatMap(([op, block]) => Object.entries(block as Json).map(([key, v]) => [op, key, list(v)]))
  }));
}

function checkAgainstDocuments(explanation: Explanation, documents: Map<string, string>): number {
  let checked = 0;
  for (const proxy of explanation.proxies) {
    for (const env of proxy.environments) {
      const trust = env.trust.statements.map((s) => ({
        sid: s.sid,
        effect: s.effect,
        principals: s.principals.map((p) => [p.type, p.value]),
        actions: s.actions,
        resources: [],
        conditions: s.conditions.map((c) => [c.operator, c.key, c.values])
      }));
      expect(trust).toEqual(emittedStatements(documents, `aws/${env.name}/${proxy.name}/trust-policy.json`));
      const permissionsFile = `aws/${env.name}/${proxy.name}/permissions-policy.json`;
      expect(env.permissions.file).toBe(documents.has(permissionsFile) ? permissionsFile : null);
      if (documents.has(permissionsFile)) {
        const permissions = env.permissions.statements.map((s) => ({
          sid: s.sid,
          effect: s.effect,
          principals: [],
          actions: s.actions,
          resources: s.resources,
          conditions: s.conditions.map((c) => [c.operator, c.key, c.values])
        }));
        expect(permissions).toEqual(emittedStatements(documents, permissionsFile));
      }
      const role = JSON.parse(documents.get(`aws/${env.name}/${proxy.name}/role.json`) as string);
      expect(env.role.arn).toBe(`arn:aws:iam::${env.aws.account}:role/${role.name}`);
      checked++;
    }
  }
  return checked;
}

test.each([
  ["s3-read", 2],
  ["full", 10]
])("templates/%s.yaml: every role's trust and permissions are the emitted documents, statement by statement", (name, roles) => {
  const intent = templateIntent(name);
  expect(checkAgainstDocuments(explained(intent), awsDocuments(intent))).toBe(roles);
});

test("the trust and permissions come from the documents, not from the intent: a changed document changes the explanation", () => {
  const intent = templateIntent("s3-read");
  const documents = documentsOf(intent);
  const aws = new Map(documents.aws);
  const trustFile = "aws/prod/artifacts/trust-policy.json";
  const permissionsFile = "aws/prod/artifacts/permissions-policy.json";
  aws.set(trustFile, (aws.get(trustFile) as string).replace('"sts.amazonaws.com"', '"edited-audience"'));
  aws.set(permissionsFile, (aws.get(permissionsFile) as string).replace("my-artifacts/builds/*", "my-artifacts/edited/*"));
  const prod = envOf(proxyOf(explainedFrom(intent, { ...documents, aws }), "artifacts"), "prod");
  expect(prod.trust.statements[0].conditions[1].values).toEqual(["edited-audience"]);
  expect(prod.permissions.statements[1].summary).toBe("s3:GetObject on arn:aws:s3:::my-artifacts/edited/*");
});

describe("a change to the intent shows in the explanation as it shows in the documents", () => {
  const resources = (e: Explanation, proxy: string) => envOf(proxyOf(e, proxy), "prod").permissions.statements.flatMap((s) => s.resources);
  const conditions = (e: Explanation, proxy: string) => envOf(proxyOf(e, proxy), "prod").trust.statements.flatMap((s) => s.conditions.map((c) => `${c.key}=${c.values}`));

  test("a different prefix", () => {
    const intent = templateIntent("s3-read", (t) => t.replace("s3://my-artifacts/builds/ read", "s3://my-artifacts/releases/v2/ read"));
    const e = explained(intent);
    expect(resources(e, "artifacts")).toEqual(["arn:aws:s3:::my-artifacts", "arn:aws:s3:::my-artifacts/releases/v2/*"]);
    expect(envOf(proxyOf(e, "artifacts"), "prod").permissions.statements[0].summary).toBe("s3:ListBucket on arn:aws:s3:::my-artifacts only for keys under releases/v2/");
    checkAgainstDocuments(e, awsDocuments(intent));
  });

  test("write access with delete", () => {
    const intent = templateIntent("s3-read", (t) => t.replace("artifacts: s3://my-artifacts/builds/ read", "artifacts:\n    target: s3://my-artifacts/builds/\n    access: write\n    delete: true"));
    const e = explained(intent);
    expect(envOf(proxyOf(e, "artifacts"), "prod").permissions.statements.map((s) => s.actions)).toEqual([["s3:PutObject"], ["s3:DeleteObject"]]);
    expect(proxyOf(e, "artifacts").requests.methods).toEqual(["PUT", "DELETE"]);
    checkAgainstDocuments(e, awsDocuments(intent));
  });

  test("one shared account (per: shared) with its unique ID", () => {
    const intent = templateIntent("s3-read", (t) =>
      t.replace("  project: my-project", '  per: shared\n  serviceAccount: apigee-runtime@my-project.iam.gserviceaccount.com\n  uniqueId: "998877665544332211009"')
    );
    const e = explained(intent);
    expect(conditions(e, "artifacts")).toEqual([
      "accounts.google.com:aud=998877665544332211009",
      "accounts.google.com:oaud=sts.amazonaws.com",
      "accounts.google.com:sub=998877665544332211009"
    ]);
    checkAgainstDocuments(e, awsDocuments(intent));
  });

  test("another project: other accounts, whose unique IDs the build was given", () => {
    const intent = templateIntent("s3-read", (t) => t.replace("  project: my-project", "  project: acme-apigee-prod"));
    const prodAccount = envOf(proxyOf(explained(intent), "artifacts"), "prod").role.serviceAccount?.email;
    expect(prodAccount).toMatch(/^aa-artifacts-prod-[a-z2-7]{9}@acme-apigee-prod\.iam\.gserviceaccount\.com$/);
    const e = explained(intent, {}, { [prodAccount!]: "112233445566778899007" });
    expect(conditions(e, "artifacts")).toEqual(["accounts.google.com:aud=112233445566778899007", "accounts.google.com:oaud=sts.amazonaws.com", "accounts.google.com:sub=112233445566778899007"]);
    checkAgainstDocuments(e, awsFiles(planBuild(intent, { uniqueIds: { [prodAccount!]: "112233445566778899007" } })));
  });

  test("caller identity with another issuer and audience", () => {
    const intent = templateIntent("s3-read", (t) =>
      t.replace("artifacts: s3://my-artifacts/builds/ read", "artifacts:\n    target: s3://my-artifacts/builds/\n    identity: caller\n    auth:\n      jwt:\n        issuer: https://login.acme.example/realms/apis\n        jwksUri: https://login.acme.example/realms/apis/certs\n        audience: artifacts-api")
    );
    const e = explained(intent);
    const [statement] = envOf(proxyOf(e, "artifacts"), "prod").trust.statements;
    expect(statement.principals.map((p) => p.value)).toEqual(["arn:aws:iam::123456789012:oidc-provider/login.acme.example/realms/apis"]);
    expect(conditions(e, "artifacts")).toEqual(["login.acme.example/realms/apis:aud=artifacts-api"]);
    checkAgainstDocuments(e, awsDocuments(intent));
  });

  test("a role map and another account", () => {
    const intent = templateIntent("s3-read", (t) =>
      t
        .replace('account: "123456789012"', 'account: "210987654321"')
        .replace("artifacts: s3://my-artifacts/builds/ read", "artifacts:\n    target: s3://my-artifacts/builds/\n    role: {test: art-test, prod: art-live}")
    );
    const e = explained(intent);
    expect(proxyOf(e, "artifacts").environments.map((env) => env.role.arn)).toEqual(["arn:aws:iam::210987654321:role/art-test", "arn:aws:iam::210987654321:role/art-live"]);
    checkAgainstDocuments(e, awsDocuments(intent));
  });
});

describe("emittedDocuments: what the build writes, or the plan's refusal", () => {
  beforeAll(() => requireBuilt("callouts/s3-key.js"));

  test("the same bytes as the files build writes under aws/ and env/", () => {
    const intent = templateIntent("full");
    const plan = planBuild(intent);
    const emitted = emittedDocuments(plan);
    const written = buildOutput(plan);
    for (const [file, text] of emitted.aws) expect(written.get(file)?.toString("utf8")).toBe(text);
    expect([...written.keys()].filter((f) => /^aws\/(?!terraform\/)/.test(f))).toEqual([...emitted.aws.keys()]);
    for (const [env, entries] of emitted.propertySets) {
      const lines = entries.map(([key, value]) => `${key}=${value}`);
      expect(written.get(`env/${env}/propertysets/apigeeaws.properties`)!.toString("utf8").split("\n").filter((l) => l && !l.startsWith("#"))).toEqual(lines);
    }
  });

  test("an intent the reader refuses (a per-second quota) never reaches the plan, and the message says where", () => {
    expect(() => templateIntent("full", (t) => t.replace("quota: 600/minute", "quota: 10/second"))).toThrow(IntentError);
    expect(() => templateIntent("full", (t) => t.replace("quota: 600/minute", "quota: 10/second"))).toThrow(/templates\/full\.yaml:\d+:\d+: proxies\.reports\.quota: Apigee's Quota cannot count per second/);
  });

  test("an intent the parser refuses never gets here", () => {
    expect(() => templateIntent("full", (t) => t.replace("quota: 600/minute", "quota: 600/fortnight"))).toThrow(IntentError);
  });
});

// explain's facts for the starter intent (templates/s3-read.yaml): one
// gateway-mode S3 reader behind JWT auth, in test and prod.

import { explained, envOf, proxyOf, templateIntent } from "./support";

const explanation = explained(templateIntent("s3-read"));
const artifacts = proxyOf(explanation, "artifacts");
const ACCOUNTS = {
  test: "aa-artifacts-test-q3wqreedy@my-project.iam.gserviceaccount.com",
  prod: "aa-artifacts-prod-3dyehc2nx@my-project.iam.gserviceaccount.com"
};
const PROD_ID = "104857600000000000007";

test("names the intent, the account, the region and every environment", () => {
  expect(explanation).toMatchObject({ version: 2, intent: "templates/s3-read.yaml", aws: { account: "123456789012", region: "us-east-1" }, environments: ["test", "prod"] });
  expect(explanation.proxies.map((p) => p.name)).toEqual(["artifacts"]);
});

test("callers: a Bearer JWT of the intent's issuer and audience, checked against its JWKS", () => {
  expect(artifacts.callers).toEqual({
    kind: "jwt",
    credential: "Authorization: Bearer <JWT>",
    issuer: "https://auth.example.com/",
    audience: "my-api",
    jwksUri: "https://auth.example.com/.well-known/jwks.json",
    algorithm: "RS256",
    clockAllowance: "30s",
    maxLifespan: "24h",
    refusal: '401 with WWW-Authenticate: Bearer error="invalid_token"'
  });
});

test("requests: GET and HEAD of a key, GET of the base path lists; everything else is refused", () => {
  expect(artifacts.basePath).toBe("/artifacts");
  expect(artifacts.requests.methods).toEqual(["GET", "HEAD"]);
  expect(artifacts.requests.forms.map((f) => `${f.method} ${f.path}`)).toEqual(["GET /artifacts/<key>", "HEAD /artifacts/<key>", "GET /artifacts"]);
  expect(artifacts.requests.forms[0].meaning).toBe("returns the object s3://my-artifacts/builds/<key>");
  expect(artifacts.requests.forms[2].meaning).toMatch(/^lists the keys under s3:\/\/my-artifacts\/builds\/ as JSON/);
  expect(artifacts.requests.refused[0]).toBe("any other method: 405 (Allow: GET, HEAD)");
  expect(artifacts.limits).toEqual({ spikeArrest: null, quota: null });
  expect(artifacts.cors).toBeNull();
  expect(artifacts.headers.added).toEqual([]);
});

test("identity: each environment's own account mints a Google ID token, audience sts.amazonaws.com, exchanged at the region's STS", () => {
  expect(artifacts.identity).toMatchObject({ mode: "gateway", per: "proxy-environment", audience: "sts.amazonaws.com", stsEndpoint: "https://sts.us-east-1.amazonaws.com/" });
  expect(artifacts.identity.meaning).toContain(`as the service account it is deployed with, ${ACCOUNTS.test} in test, ${ACCOUNTS.prod} in prod,`);
  expect(artifacts.identity.meaning).toContain("which trusts that account's unique ID alone; no other proxy or environment can present it");
  expect(artifacts.identity.requirement).toMatch(/each deployment with its environment's account \(apigee-aws deploy does this\)/);
});

test.each(["test", "prod"] as const)("%s: the role, its property set entry, and the one account it trusts", (env) => {
  expect(envOf(artifacts, env).role).toEqual({
    name: `apigee-artifacts-${env}`,
    arn: `arn:aws:iam::123456789012:role/apigee-artifacts-${env}`,
    maxSessionDurationSeconds: 3600,
    description: `apigee-aws: Apigee proxy artifacts in environment ${env}, assumed by the Google service account ${ACCOUNTS[env]}.`,
    file: `aws/${env}/artifacts/role.json`,
    propertySet: { name: "apigeeaws", key: "artifacts.roleArn", variable: "propertyset.apigeeaws.artifacts.roleArn", file: `env/${env}/propertysets/apigeeaws.properties` },
    serviceAccount: { email: ACCOUNTS[env], uniqueId: null, project: "my-project", mayAssume: [`artifacts in ${env}`] }
  });
});

test("trust without the accounts' unique IDs: a stand-in that matches no token, and how to fill it in", () => {
  const [statement] = envOf(artifacts, "prod").trust.statements;
  const placeholder = `UNIQUE-ID-OF-${ACCOUNTS.prod}`;
  expect(statement.conditions.map((c) => [c.key, c.values])).toEqual([
    ["accounts.google.com:aud", [placeholder]],
    ["accounts.google.com:oaud", ["sts.amazonaws.com"]],
    ["accounts.google.com:sub", [placeholder]]
  ]);
  expect(statement.conditions[2].meaning).toContain(`(a stand-in for the unique ID of ${ACCOUNTS.prod}, not known yet: the Terraform fills it in; build --ids FILE writes it into this file)`);
});

test("trust with the unique IDs: Google's provider, aud and sub pinned to the environment's account, oaud to sts.amazonaws.com", () => {
  const withIds = proxyOf(explained(templateIntent("s3-read"), {}, { [ACCOUNTS.prod]: PROD_ID }), "artifacts");
  const trust = envOf(withIds, "prod").trust;
  expect(trust.file).toBe("aws/prod/artifacts/trust-policy.json");
  expect(trust.statements).toHaveLength(1);
  const [statement] = trust.statements;
  expect(statement.principals.map((p) => [p.type, p.value])).toEqual([["Federated", "accounts.google.com"]]);
  expect(statement.actions).toEqual(["sts:AssumeRoleWithWebIdentity"]);
  expect(statement.conditions.map((c) => [c.operator, c.key, c.values])).toEqual([
    ["StringEquals", "accounts.google.com:aud", [PROD_ID]],
    ["StringEquals", "accounts.google.com:oaud", ["sts.amazonaws.com"]],
    ["StringEquals", "accounts.google.com:sub", [PROD_ID]]
  ]);
  expect(statement.conditions[2].meaning).toBe(`the token's subject (sub) is ${PROD_ID} (the unique ID of ${ACCOUNTS.prod})`);
  expect(statement.notes).toEqual([]);
  expect(envOf(withIds, "prod").role.serviceAccount?.uniqueId).toBe(PROD_ID);
  // test's account was not given: its role still trusts nobody.
  expect(envOf(withIds, "test").trust.statements[0].conditions[2].values).toEqual([`UNIQUE-ID-OF-${ACCOUNTS.test}`]);
});

test("permissions: list only under builds/, read objects under builds/, nothing else", () => {
  const permissions = envOf(artifacts, "test").permissions;
  expect(permissions.file).toBe("aws/test/artifacts/permissions-policy.json");
  expect(permissions.gap).toBeNull();
  expect(permissions.statements.map((s) => s.summary)).toEqual([
    "s3:ListBucket on arn:aws:s3:::my-artifacts only for keys under builds/",
    "s3:GetObject on arn:aws:s3:::my-artifacts/builds/*"
  ]);
  expect(permissions.statements[0].conditions.map((c) => [c.operator, c.key, c.values])).toEqual([["StringLike", "s3:prefix", ["builds/*"]]]);
});

test("answers: the default inline types, everything else an attachment, nosniff on every answer", () => {
  expect(artifacts.answers.inlineTypes).toEqual(["application/json", "application/pdf", "audio/*", "image/avif", "image/gif", "image/jpeg", "image/png", "image/webp", "text/csv", "text/plain", "video/*"]);
  expect(artifacts.answers.meaning).toMatch(/any other object, and any HTML, SVG, XML or script whatever the list says, is served with Content-Disposition: attachment.*X-Content-Type-Options: nosniff/);
});

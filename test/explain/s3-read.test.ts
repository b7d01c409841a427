// explain's facts for the starter intent (templates/s3-read.yaml): one
// gateway-mode S3 reader behind JWT auth, in test and prod.

import { explained, envOf, proxyOf, templateIntent } from "./support";

const explanation = explained(templateIntent("s3-read"));
const artifacts = proxyOf(explanation, "artifacts");

test("names the intent, the account, the region and every environment", () => {
  expect(explanation).toMatchObject({ version: 1, intent: "templates/s3-read.yaml", aws: { account: "123456789012", region: "us-east-1" }, environments: ["test", "prod"] });
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

test("identity: the runtime service account's Google ID token, audience sts.amazonaws.com, exchanged at the region's STS", () => {
  expect(artifacts.identity).toMatchObject({
    mode: "gateway",
    serviceAccount: "apigee-runtime@my-project.iam.gserviceaccount.com",
    uniqueId: "123456789012345678901",
    audience: "sts.amazonaws.com",
    stsEndpoint: "https://sts.us-east-1.amazonaws.com/"
  });
  expect(artifacts.identity.meaning).toContain(
    "Google ID token of its runtime service account apigee-runtime@my-project.iam.gserviceaccount.com (unique ID 123456789012345678901) with audience sts.amazonaws.com"
  );
});

test.each(["test", "prod"])("%s: the role, and the property set entry the bundle reads it from", (env) => {
  expect(envOf(artifacts, env).role).toEqual({
    name: `apigee-artifacts-${env}`,
    arn: `arn:aws:iam::123456789012:role/apigee-artifacts-${env}`,
    maxSessionDurationSeconds: 3600,
    description: `apigee-aws: Apigee proxy artifacts in environment ${env}, assumed by the Apigee runtime service account apigee-runtime@my-project.iam.gserviceaccount.com.`,
    file: `aws/${env}/artifacts/role.json`,
    propertySet: { name: "apigeeaws", key: "artifacts.roleArn", variable: "propertyset.apigeeaws.artifacts.roleArn", file: `env/${env}/propertysets/apigeeaws.properties` }
  });
});

test("trust: Google's provider, aud and sub pinned to the unique ID, oaud to sts.amazonaws.com", () => {
  const trust = envOf(artifacts, "prod").trust;
  expect(trust.file).toBe("aws/prod/artifacts/trust-policy.json");
  expect(trust.statements).toHaveLength(1);
  const [statement] = trust.statements;
  expect(statement.principals.map((p) => [p.type, p.value])).toEqual([["Federated", "accounts.google.com"]]);
  expect(statement.actions).toEqual(["sts:AssumeRoleWithWebIdentity"]);
  expect(statement.conditions.map((c) => [c.operator, c.key, c.values])).toEqual([
    ["StringEquals", "accounts.google.com:aud", ["123456789012345678901"]],
    ["StringEquals", "accounts.google.com:oaud", ["sts.amazonaws.com"]],
    ["StringEquals", "accounts.google.com:sub", ["123456789012345678901"]]
  ]);
  expect(statement.conditions[0].meaning).toBe("the token's authorized party (azp, or aud when it has no azp) is 123456789012345678901 (the runtime service account's unique ID)");
  expect(statement.conditions[1].meaning).toBe("the token's audience (aud) is sts.amazonaws.com (the audience aws-credentials asks Google for)");
  expect(statement.conditions[2].meaning).toBe("the token's subject (sub) is 123456789012345678901 (the runtime service account's unique ID)");
  expect(statement.notes).toEqual([]);
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

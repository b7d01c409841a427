// explain's facts for every proxy kind in templates/full.yaml: S3 read,
// write, read-write with delete, caller identity, SSM and literal headers,
// quota, spike arrest, CORS, per-environment roles, prod in its own AWS
// account and region, {env} in a bucket and an SSM name, a signed AWS target
// and a public proxy.

import { explained, envOf, proxyOf, templateIntent } from "./support";

const explanation = explained(templateIntent("full"));
const proxy = (name: string) => proxyOf(explanation, name);
const summaries = (name: string, env: string) => envOf(proxy(name), env).permissions.statements.map((s) => s.summary);

test("every proxy of the intent, in intent order, each in both environments", () => {
  expect(explanation.proxies.map((p) => p.name)).toEqual(["artifacts", "uploads", "reports", "orders", "status"]);
  for (const p of explanation.proxies) expect([p.name, p.environments.map((e) => e.name)]).toEqual([p.name, ["test", "prod"]]);
});

const PLACES = { test: { account: "123456789012", region: "eu-central-1" }, prod: { account: "210987654321", region: "eu-west-1" } } as const;
type Env = keyof typeof PLACES;

test("each environment's account and region, at the top and in every proxy's environment, read from the property set's region", () => {
  expect(explanation.aws).toEqual({ account: "123456789012", region: "eu-central-1", environments: [{ name: "test", ...PLACES.test }, { name: "prod", ...PLACES.prod }] });
  for (const p of explanation.proxies) {
    for (const env of p.environments) {
      const { account, region } = PLACES[env.name as Env];
      expect(env.aws).toEqual({ account, region, stsEndpoint: `https://sts.${region}.amazonaws.com/`, regionVariable: `propertyset.apigeeaws.${p.name}.region` });
      expect(env.role.arn.split(":")[4]).toBe(account);
    }
  }
});

test("uploads (write): PUT only, s3:PutObject under incoming/ and nothing to read", () => {
  const uploads = proxy("uploads");
  expect(uploads.requests.methods).toEqual(["PUT"]);
  expect(uploads.requests.forms).toEqual([{ method: "PUT", path: "/uploads/<key>", meaning: "writes the request body to s3://my-uploads/incoming/<key>" }]);
  expect(uploads.requests.refused).toContain("any other method: 405 (Allow: PUT)");
  expect(summaries("uploads", "prod")).toEqual(["s3:PutObject on arn:aws:s3:::my-uploads/incoming/*"]);
});

describe("reports: read-write with delete, caller identity, limits, CORS, headers, its own role names", () => {
  const reports = proxy("reports");

  test("GET, HEAD, PUT and DELETE under /v1/reports on each environment's whole bucket", () => {
    expect(reports.basePath).toBe("/v1/reports");
    expect(reports.target).toEqual({ kind: "s3", bucket: "my-reports-{env}", prefix: "", location: "s3://my-reports-{env}/", access: "read-write", delete: true });
    expect(reports.requests.methods).toEqual(["GET", "HEAD", "PUT", "DELETE"]);
    expect(reports.requests.forms.map((f) => `${f.method} ${f.path}`)).toEqual([
      "GET /v1/reports/<key>",
      "HEAD /v1/reports/<key>",
      "GET /v1/reports",
      "PUT /v1/reports/<key>",
      "DELETE /v1/reports/<key>"
    ]);
  });

  test("its own audience; quota per token subject, spike arrest for the proxy", () => {
    expect(reports.callers).toMatchObject({ kind: "jwt", issuer: "https://auth.example.com/", audience: "reports-api" });
    expect(reports.limits.quota).toMatchObject({ count: 600, unit: "minute", per: "token-subject", identifier: "jwt.VerifyJWT-Caller.claim.subject" });
    expect(reports.limits.spikeArrest).toMatchObject({ rate: "30ps" });
    expect(reports.limits.spikeArrest?.meaning).toMatch(/^about 30 requests per second for the whole proxy/);
  });

  test("CORS for the two origins with the proxy's methods", () => {
    expect(reports.cors).toMatchObject({ origins: ["https://app.example.com", "http://localhost:3000"], anyOrigin: false, methods: ["GET", "HEAD", "PUT", "DELETE"] });
  });

  test("a literal header and an SSM header, named but never valued", () => {
    expect(reports.headers.added).toEqual([
      { name: "X-Team", source: "literal", value: "reporting" },
      expect.objectContaining({ name: "X-Api-Key", source: "ssm", parameter: "/apigee/{env}/reports/api-key" })
    ]);
    const ssm = reports.headers.added[1];
    expect(ssm.source === "ssm" && ssm.meaning).toMatch(/stays in a private flow variable/);
  });

  test("caller identity: the caller's verified token is exchanged, through the issuer's IAM OIDC provider in each account", () => {
    expect(reports.identity).toMatchObject({
      mode: "caller",
      issuer: "https://auth.example.com/",
      audience: "reports-api",
      tokenVariable: "private.apigee_aws.callerToken",
      stsEndpoint: "https://sts.<region>.amazonaws.com/",
      oidcProvider: { arn: "arn:aws:iam::123456789012:oidc-provider/auth.example.com/", url: "https://auth.example.com/", clientIds: ["reports-api"] }
    });
    expect(reports.identity.meaning).toMatch(/at the environment's regional STS endpoint \(test: https:\/\/sts\.eu-central-1\.amazonaws\.com\/, prod: https:\/\/sts\.eu-west-1\.amazonaws\.com\/\)/);
    expect(reports.identity.requirement).toMatch(
      /^the IAM OIDC providers arn:aws:iam::123456789012:oidc-provider\/auth\.example\.com\/, arn:aws:iam::210987654321:oidc-provider\/auth\.example\.com\/ \(one in each environment's account\)/
    );
  });

  test("caller identity says plainly that any token holder can use the role without Apigee, and how the SSM header is read instead", () => {
    const identity = reports.identity;
    if (identity.mode !== "caller") throw new Error("reports is in caller mode");
    expect(identity.withoutApigee).toMatch(/^any holder of a valid token of https:\/\/auth\.example\.com\/ for audience reports-api can assume this role at STS directly, without Apigee/);
    expect(identity.secrets).toMatch(/^its SSM headers are read with its own service account \(aa-reports-test-[a-z2-7]{9}@my-project\.iam\.gserviceaccount\.com in test, aa-reports-prod-[a-z2-7]{9}@my-prod-project\.iam\.gserviceaccount\.com in prod\) and a separate role per environment \(reports-test-secrets, reports-prod-secrets\) that no caller's token can assume; the caller's role has no SSM or KMS permission$/);
  });

  test.each(["test", "prod"] as const)("%s: its own role name in its own account, trusted for the audience and the pinned client (azp), any subject", (env) => {
    const facts = envOf(reports, env);
    const { account } = PLACES[env];
    expect(facts.role.arn).toBe(`arn:aws:iam::${account}:role/reports-${env}`);
    const [statement] = facts.trust.statements;
    expect(statement.principals.map((p) => p.value)).toEqual([`arn:aws:iam::${account}:oidc-provider/auth.example.com/`]);
    expect(statement.conditions.map((c) => [c.operator, c.key, c.values])).toEqual([
      ["StringEquals", "auth.example.com/:aud", ["reports-api"]],
      ["StringEquals", "auth.example.com/:azp", ["reports-web"]]
    ]);
    expect(statement.conditions[0].meaning).toBe("the token's audience (aud) is reports-api (the audience the proxy's VerifyJWT checks)");
    expect(statement.notes.join(" ")).toMatch(/no condition on the subject/);
  });

  test.each(["test", "prod"])("permissions in %s: the caller's role may list, read, write and delete its environment's bucket, and holds no SSM or KMS permission", (env) => {
    expect(summaries("reports", env)).toEqual([
      `s3:ListBucket on arn:aws:s3:::my-reports-${env}`,
      `s3:GetObject on arn:aws:s3:::my-reports-${env}/*`,
      `s3:PutObject on arn:aws:s3:::my-reports-${env}/*`,
      `s3:DeleteObject on arn:aws:s3:::my-reports-${env}/*`
    ]);
  });

  test.each(["test", "prod"] as const)("%s: the secrets role reads its environment's SSM parameter in its account and region, decrypts only it, and trusts only the proxy's own account", (env) => {
    const { account, region } = PLACES[env];
    const parameter = `arn:aws:ssm:${region}:${account}:parameter/apigee/${env}/reports/api-key`;
    const secrets = envOf(reports, env).secrets!;
    expect(secrets.role).toMatchObject({ name: `reports-${env}-secrets`, file: `aws/${env}/reports/secrets/role.json`, propertySet: { key: "reports.secretsRoleArn" } });
    expect(secrets.role.serviceAccount?.mayAssume).toEqual([`reports in ${env} (its SSM headers)`]);
    expect(secrets.trust.statements[0].principals.map((p) => p.value)).toEqual(["accounts.google.com"]);
    expect(secrets.role.arn).toBe(`arn:aws:iam::${account}:role/reports-${env}-secrets`);
    expect(secrets.permissions.statements.map((s) => s.summary)).toEqual([
      `ssm:GetParameters on ${parameter}`,
      `kms:Decrypt on arn:aws:kms:${region}:${account}:key/* only for the value of the parameter ${parameter}, and only when ssm.${region}.amazonaws.com asks on the role's behalf`
    ]);
    expect(envOf(proxy("artifacts"), env).secrets).toBeNull();
  });
});

describe("orders: a signed execute-api target", () => {
  const orders = proxy("orders");

  test("any method and path pass through, signed for execute-api in eu-central-1", () => {
    expect(orders.target).toEqual({ kind: "aws", url: "https://a1b2c3d4e5.execute-api.eu-central-1.amazonaws.com/prod", service: "execute-api", region: "eu-central-1" });
    expect(orders.requests.methods).toBeNull();
    expect(orders.requests.forms).toEqual([
      {
        method: "any",
        path: "/orders/<path>[?<query>]",
        meaning: "is sent as https://a1b2c3d4e5.execute-api.eu-central-1.amazonaws.com/prod/<path>[?<query>], signed with SigV4 for execute-api in eu-central-1; AWS's answer, errors included, comes back unchanged"
      }
    ]);
    expect(orders.requests.notes.join(" ")).toMatch(/guards no method and no path \(a signed target takes no access setting\)/);
    expect(orders.headers.removed).toMatch(/x-amz-date, x-amz-security-token and x-amz-content-sha256 are removed/);
  });

  test("a role named per environment, one of them given as an ARN; no permissions written, and the gap is said", () => {
    expect(envOf(orders, "test").role.arn).toBe("arn:aws:iam::123456789012:role/orders-reader-test");
    expect(envOf(orders, "prod").role.arn).toBe("arn:aws:iam::210987654321:role/orders-reader-prod");
    for (const env of ["test", "prod"]) {
      const permissions = envOf(orders, env).permissions;
      expect(permissions.file).toBeNull();
      expect(permissions.statements).toEqual([]);
      expect(permissions.gap).toMatch(/^signs requests to execute-api .*attach a policy/);
    }
  });
});

test("status: public, read of the whole bucket, list without a prefix condition, gateway identity", () => {
  const status = proxy("status");
  expect(status.callers).toEqual({ kind: "public", refusal: null });
  expect(status.identity.mode).toBe("gateway");
  expect(summaries("status", "prod")).toEqual(["s3:ListBucket on arn:aws:s3:::my-public-status", "s3:GetObject on arn:aws:s3:::my-public-status/*"]);
});

test("a public proxy's quota counts per client IP", () => {
  const intent = templateIntent("full", (t) => t.replace("    auth: {public: true}", "    auth: {public: true}\n    quota: 100/hour"));
  expect(proxyOf(explained(intent), "status").limits.quota).toMatchObject({ count: 100, unit: "hour", per: "client-ip", identifier: "client.ip" });
});

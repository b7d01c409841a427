// Per-environment AWS: each environment's roles are in its own account, and
// each role's documents name only its own environment's bucket, parameters,
// account and region, so the prod role is never granted the test bucket or
// parameter, nor the test role prod's. Caller-mode roles trust the issuer's
// OIDC provider in their own account, one provider per issuer and account.
// The property sets carry a region only when the environments' regions differ.

import { environmentPropertySet } from "../../src/generator";
import { parseIntent } from "../../src/intent";
import type { Intent } from "../../src/intent/model";
import { awsFiles } from "../../src/output/aws-files";
import { planBuild, type BuildPlan } from "../../src/plan";
import { everyRole } from "../../src/plan/model";
import { awsLines, intentText, PROD_PLACE, TEST_PLACE } from "../support/intent-text";

const PROD = PROD_PLACE;
const TEST = TEST_PLACE;

function intentFor(aws: string, environments = "[test, prod]"): string {
  return intentText({
    aws,
    environments,
    issuer: "https://login.example.com/realms/apigee",
    proxies: `  data:
    target: s3://acme-{env}-data/reports/
    access: read-write
    headers: {X-Db-Password: "ssm:/acme/{env}/db-password"}
  shared: s3://acme-shared/{env}/ read
  mine:
    target: s3://acme-mine-{env}/
    identity: caller
    headers: {X-Partner-Key: "ssm:/acme/{env}/partner-key"}
`
  });
}

const PLACED = awsLines({ prod: PROD });
const ONE_PLACE = awsLines();

const planOf = (text: string): BuildPlan => planBuild(parseIntent(text, "apigee-aws.yaml"));
const plan = planOf(intentFor(PLACED));
const files = awsFiles(plan);
const doc = (path: string) => files.get(path)!;

function roleArnOf(p: BuildPlan, proxy: string, env: string, purpose = "access"): string {
  return everyRole(p).find((r) => r.proxy === proxy && r.env === env && r.purpose === purpose)!.arn;
}

describe("roles and their documents, per environment", () => {
  test("each environment's roles are in its own account", () => {
    for (const role of everyRole(plan)) expect([role.env, role.arn.split(":")[4]]).toEqual([role.env, role.env === "prod" ? PROD.account : TEST.account]);
    expect(roleArnOf(plan, "data", "prod")).toBe("arn:aws:iam::222222222222:role/apigee-data-prod");
    expect(roleArnOf(plan, "mine", "prod", "secrets")).toBe("arn:aws:iam::222222222222:role/apigee-mine-prod-secrets");
  });

  test("prod's role reads and writes only prod's bucket and reads only prod's parameter, in prod's account and region", () => {
    const permissions = JSON.parse(doc("aws/prod/data/permissions-policy.json"));
    const resources = permissions.Statement.flatMap((s: { Resource: string | string[] }) => [s.Resource].flat());
    expect(resources).toEqual([
      "arn:aws:s3:::acme-prod-data",
      "arn:aws:s3:::acme-prod-data/reports/*",
      "arn:aws:s3:::acme-prod-data/reports/*",
      "arn:aws:ssm:eu-west-1:222222222222:parameter/acme/prod/db-password",
      "arn:aws:kms:eu-west-1:222222222222:key/*"
    ]);
    expect(permissions.Statement[4].Condition.StringEquals).toEqual({
      "kms:EncryptionContext:PARAMETER_ARN": ["arn:aws:ssm:eu-west-1:222222222222:parameter/acme/prod/db-password"],
      "kms:ViaService": "ssm.eu-west-1.amazonaws.com"
    });
  });

  test("no document of one environment names the other's bucket, folder, parameter, account or region", () => {
    const mentions = {
      test: ["acme-test-data", "acme-shared/test/", "acme-mine-test", "/acme/test/", TEST.account, TEST.region],
      prod: ["acme-prod-data", "acme-shared/prod/", "acme-mine-prod", "/acme/prod/", PROD.account, PROD.region]
    };
    const documents = [...files].filter(([path]) => /^aws\/(test|prod)\//.test(path));
    expect(documents.length).toBe(2 * (3 + 3 + 3 + 3));
    for (const [path, text] of documents) {
      const env = path.split("/")[1] as "test" | "prod";
      const other = env === "test" ? "prod" : "test";
      for (const word of mentions[other]) expect([path, word, text.includes(word)]).toEqual([path, word, false]);
    }
    expect(doc("aws/test/shared/permissions-policy.json")).toContain('"arn:aws:s3:::acme-shared/test/*"');
    expect(doc("aws/test/mine/permissions-policy.json")).toContain('"arn:aws:s3:::acme-mine-test/*"');
    expect(doc("aws/test/mine/secrets/permissions-policy.json")).toContain('"arn:aws:ssm:us-east-1:111111111111:parameter/acme/test/partner-key"');
  });

  test("a caller-mode role trusts the issuer's OIDC provider in its own account; one provider per issuer and account", () => {
    expect(plan.oidcProviders.map((p) => [p.account, p.arn, p.clientIds])).toEqual([
      [TEST.account, "arn:aws:iam::111111111111:oidc-provider/login.example.com/realms/apigee", ["acme-api"]],
      [PROD.account, "arn:aws:iam::222222222222:oidc-provider/login.example.com/realms/apigee", ["acme-api"]]
    ]);
    for (const env of ["test", "prod"]) {
      const account = env === "prod" ? PROD.account : TEST.account;
      const trust = JSON.parse(doc(`aws/${env}/mine/trust-policy.json`));
      expect(trust.Statement[0].Principal).toEqual({ Federated: `arn:aws:iam::${account}:oidc-provider/login.example.com/realms/apigee` });
      expect(everyRole(plan).find((r) => r.proxy === "mine" && r.env === env && r.purpose === "access")!.provider!.account).toBe(account);
    }
  });

  test("environments in one account share its provider, whatever the others do", () => {
    const three = planOf(intentFor(awsLines({ stage: { region: "eu-central-1" }, prod: PROD }), "[test, stage, prod]"));
    expect(three.oidcProviders.map((p) => p.account)).toEqual([TEST.account, PROD.account]);
  });
});

describe("property sets: a region only when the environments' regions differ", () => {
  test("prod elsewhere: every proxy's region in each environment's set, and each role ARN in its account", () => {
    const prod = environmentPropertySet(plan, "prod");
    expect(prod).toContain("\ndata.region=eu-west-1\ndata.roleArn=arn:aws:iam::222222222222:role/apigee-data-prod\n");
    expect(environmentPropertySet(plan, "test")).toContain("\ndata.region=us-east-1\ndata.roleArn=arn:aws:iam::111111111111:role/apigee-data-test\n");
    expect(prod.match(/^[a-z]+\.region=/gm)).toEqual(["data.region=", "mine.region=", "shared.region="]);
  });

  test("another account in the same region adds no key: only the role ARNs' account differs", () => {
    const sameRegion = planOf(intentFor(awsLines({ prod: { account: PROD.account } })));
    const onePlace = planOf(intentFor(ONE_PLACE));
    for (const env of ["test", "prod"]) {
      const placed = environmentPropertySet(sameRegion, env);
      expect(placed).not.toMatch(/\.region=/);
      expect(placed).toBe(env === "prod" ? environmentPropertySet(onePlace, env).replaceAll(`::${TEST.account}:`, `::${PROD.account}:`) : environmentPropertySet(onePlace, env));
    }
  });

  test("every environment moved to one other region: written in the bundle, no key", () => {
    const moved: Intent = parseIntent(intentFor(awsLines({ test: { region: "eu-west-1" }, prod: { region: "eu-west-1" } })), "apigee-aws.yaml");
    const movedPlan = planBuild(moved);
    expect(movedPlan.proxies.map((p) => p.region)).toEqual([{ value: "eu-west-1" }, { value: "eu-west-1" }, { value: "eu-west-1" }]);
    expect(environmentPropertySet(movedPlan, "prod")).not.toMatch(/\.region=/);
  });
});

test("the order of environments in the intent does not reach the documents or the Terraform's AWS side", () => {
  const shuffled = awsFiles(planOf(intentFor(PLACED, "[prod, test]")));
  expect([...shuffled.keys()]).toEqual([...files.keys()]);
  // The Google service accounts (and their IDs' output) follow the intent's order, as they did before accounts could differ.
  const awsSide = (text: string) => text.split("\n\n").filter((block) => !/google_service_account|"service_account_unique_ids"/.test(block));
  for (const [path, text] of files) {
    if (path.endsWith(".tf")) expect([path, awsSide(shuffled.get(path)!)]).toEqual([path, awsSide(text)]);
    else expect([path, shuffled.get(path)]).toEqual([path, text]);
  }
});

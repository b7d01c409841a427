// aws.environments places an environment in its own account or region, and
// {env} in a bucket or SSM parameter name gives each environment its own:
// read into the model (awsOf is the one answer for an environment's place),
// and every mistake reported at its place with what to write instead.

import { awsOf, parseIntent } from "../../src/intent/index";
import { accountsOf, regionsDiffer } from "../../src/intent/model";
import { awsLines, intentText } from "../support/intent-text";
import { FIRST_LINE_AFTER_HEADER, onlyProblem, problemsOf, withProxies } from "./support";

/** An intent with the given aws section (already indented lines after "aws:"), proxies and environments. */
function intentWith(aws: string, proxies = "  files: s3://acme-files/ read\n", environments = "[test, prod]"): string {
  return intentText({ aws, proxies, environments });
}

const DEFAULT = awsLines();

describe("aws.environments", () => {
  test("the default form is unchanged: no environments key in the model, every environment in the default place", () => {
    const intent = parseIntent(intentWith(DEFAULT), "i.yaml");
    expect(intent.aws).toEqual({ account: "111111111111", region: "us-east-1" });
    expect(intent.environments.map((env) => awsOf(intent, env))).toEqual([
      { account: "111111111111", region: "us-east-1" },
      { account: "111111111111", region: "us-east-1" }
    ]);
    expect([accountsOf(intent), regionsDiffer(intent)]).toEqual([["111111111111"], false]);
  });

  test("an environment's own account and region; a key left out is the default's", () => {
    const intent = parseIntent(
      intentWith(`${DEFAULT}  environments:
    prod: {account: "222222222222", region: eu-west-1}
    stage: {region: eu-central-1}
    dr: {account: "333333333333"}
`, undefined, "[test, stage, prod, dr]"),
      "i.yaml"
    );
    expect(intent.environments.map((env) => [env, awsOf(intent, env)])).toEqual([
      ["test", { account: "111111111111", region: "us-east-1" }],
      ["stage", { account: "111111111111", region: "eu-central-1" }],
      ["prod", { account: "222222222222", region: "eu-west-1" }],
      ["dr", { account: "333333333333", region: "us-east-1" }]
    ]);
    // Listed in the intent's order of environments, whatever the order in the file.
    expect(Object.keys(intent.aws.environments!)).toEqual(["stage", "prod", "dr"]);
    expect([accountsOf(intent), regionsDiffer(intent)]).toEqual([["111111111111", "222222222222", "333333333333"], true]);
  });

  test("an unknown environment is refused at its key, with the closest name and how to fix it", () => {
    const p = onlyProblem(intentWith(`${DEFAULT}  environments:\n    prd: {account: "222222222222"}\n`));
    expect(p).toMatchObject({ file: "intent.yaml", line: 5, column: 5, path: "aws.environments.prd" });
    expect(p.message).toBe("'prd' is not one of the environments (test, prod). Did you mean 'prod'? Name an environment, whose roles, buckets and parameters then live in that account and region");
  });

  test("an environment stated twice is refused at the second", () => {
    const p = onlyProblem(intentWith(`${DEFAULT}  environments:\n    prod: {account: "222222222222"}\n    prod: {region: eu-west-1}\n`));
    expect(p).toMatchObject({ line: 6, column: 5, path: "aws.environments.prod" });
    expect(p.message).toMatch(/^duplicate key 'prod' \(first at line 5\)/);
  });

  test("each account and region is checked as the default's are, at the value", () => {
    const problems = problemsOf(intentWith(`${DEFAULT}  environments:\n    prod: {account: "2222", region: cn-north-1}\n`));
    expect(problems.map((p) => [p.line, p.column, p.path])).toEqual([
      [5, 21, "aws.environments.prod.account"],
      [5, 37, "aws.environments.prod.region"]
    ]);
    expect(problems[0].message).toMatch(/expected a 12-digit AWS account ID such as 123456789012, found '2222' \(quote it if it starts with 0\)/);
    expect(problems[1].message).toMatch(/region 'cn-north-1' is in the aws-cn partition; .*use a commercial region/);
  });

  test("a misspelt key gets did-you-mean; an empty or missing place says what to write", () => {
    expect(onlyProblem(intentWith(`${DEFAULT}  environments:\n    prod: {acount: "222222222222"}\n`)).message).toMatch(/unknown key 'acount'\. Did you mean 'account'\? Allowed here: account, region/);
    const empty = onlyProblem(intentWith(`${DEFAULT}  environments:\n    prod: {}\n`));
    expect(empty).toMatchObject({ line: 5, column: 11, path: "aws.environments.prod" });
    expect(empty.message).toMatch(/states neither account nor region: give environment prod's own \(prod: \{account: "222222222222", region: eu-west-1\}\), or remove it/);
    expect(onlyProblem(intentWith(`${DEFAULT}  environments:\n    prod:\n`)).message).toMatch(/expected a mapping \{account, region\} \(either may be left out/);
    expect(onlyProblem(intentWith(`${DEFAULT}  environments: [prod]\n`)).message).toMatch(/expected a mapping of environment name to its own \{account, region\}, e\.g\./);
    expect(onlyProblem(intentWith(`${DEFAULT}  enviroments: {}\n`)).message).toMatch(/unknown key 'enviroments'\. Did you mean 'environments'\?/);
  });

  test("a role ARN must be in its own environment's account", () => {
    const placed = `${DEFAULT}  environments:\n    prod: {account: "222222222222"}\n`;
    const ok = parseIntent(intentWith(placed, "  files:\n    target: s3://acme-files/\n    role: {test: 'arn:aws:iam::111111111111:role/a', prod: 'arn:aws:iam::222222222222:role/b'}\n"), "i.yaml");
    expect(ok.proxies[0].roles).toEqual({ test: "a", prod: "b" });
    const p = onlyProblem(intentWith(placed, "  files:\n    target: s3://acme-files/\n    role: {test: a, prod: 'arn:aws:iam::111111111111:role/b'}\n"));
    expect(p).toMatchObject({ path: "proxies.files.role.prod", line: 13 });
    expect(p.message).toMatch(/role ARN 'arn:aws:iam::111111111111:role\/b' is in account 111111111111, but environment prod's AWS account is 222222222222/);
  });
});

describe("{env} in bucket and SSM parameter names", () => {
  test("is kept in the model and replaced per environment by the plan's consumers", () => {
    const intent = parseIntent(withProxies("  data:\n    target: s3://acme-{env}-data/reports/\n    headers: {X-Db-Password: 'ssm:/acme/{env}/db-password'}\n  logs: s3://{env}-logs/ read\n"), "i.yaml");
    expect(intent.proxies[0].target).toEqual({ kind: "s3", bucket: "acme-{env}-data", prefix: "reports/" });
    expect(intent.proxies[0].headers).toEqual([{ name: "X-Db-Password", value: { kind: "ssm", parameter: "/acme/{env}/db-password" } }]);
    expect(intent.proxies[1].target).toEqual({ kind: "s3", bucket: "{env}-logs", prefix: "" });
  });

  test("each environment's bucket name is checked, reported at the bucket in the value", () => {
    const long = "a".repeat(55);
    const text = intentWith(DEFAULT, `  data:\n    target: s3://{env}-${long}/\n`, "[test, production]");
    const p = onlyProblem(text);
    expect(p).toMatchObject({ path: "proxies.data.target", line: 10, column: 18 });
    expect(p.message).toBe(
      `in environment production ({env} = production), bucket name 'production-${long}' has 66 characters: a bucket name is 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit; change the bucket name or the environment's name`
    );
    // The one-line form points into the value the same way.
    expect(onlyProblem(intentWith(DEFAULT, `  data: s3://{env}-${long}/ read\n`, "[test, production]"))).toMatchObject({ path: "proxies.data", line: 9, column: 14 });
  });

  test("a brace that is not {env} is refused, in buckets and SSM names", () => {
    expect(onlyProblem(withProxies("  data: s3://acme-{stage}/ read\n")).message).toBe(
      "bucket name 'acme-{stage}' has a '{' or '}' outside the placeholder {env}; {env} (the environment's name) is the only placeholder"
    );
    const p = onlyProblem(withProxies("  data:\n    target: s3://acme-data/\n    headers: {X-Key: 'ssm:/acme/{env/key'}\n"));
    expect(p).toMatchObject({ path: "proxies.data.headers.X-Key", line: FIRST_LINE_AFTER_HEADER + 3, column: 27 });
    expect(p.message).toMatch(/^SSM parameter name '\/acme\/\{env\/key' has a '\{' or '\}' outside the placeholder \{env\}/);
  });

  test("each environment's SSM parameter name is checked, at the name", () => {
    const name = `/${"a".repeat(1004)}/{env}`;
    const p = onlyProblem(intentWith(DEFAULT, `  data:\n    target: s3://acme-data/\n    headers:\n      X-Key: ssm:${name}\n`, "[test, production]"));
    expect(p).toMatchObject({ path: "proxies.data.headers.X-Key", line: 12, column: 18 });
    expect(p.message).toMatch(/^in environment production \(\{env\} = production\), SSM parameter name has 1016 characters; the limit is 1011; change the SSM parameter name or the environment's name$/);
  });
});

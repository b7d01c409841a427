// The Terraform root module: it declares every role with the name, trust and
// permissions the JSON documents hold (by file(), so the bytes are the
// same), the OIDC providers the caller-mode issuers need, and parses with
// HashiCorp's HCL parser (and, where terraform is installed, is as
// terraform fmt writes it).

import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { packageRoot } from "../../src/common/paths";
import { loadIntentFile, parseIntent } from "../../src/intent";
import { awsFiles } from "../../src/output/aws-files";
import { planBuild } from "../../src/plan";
import { everyRole } from "../../src/plan/model";
import { hclString, providerResourceName, roleResourceName, serviceAccountResourceName, HCL_IDENTIFIER } from "../../src/terraform/hcl";
import { declaredAddresses, parseHcl, terraformFmtDiff } from "./hcl-parser";
import { ACCOUNT, CALLER_AUDIENCE, CALLER_ISSUER, REGION, awsDocuments, callerAuth, intent, proxy, smallIntent } from "../iam/fixtures";

const files = awsDocuments(smallIntent());
const main = files.get("aws/terraform/main.tf")!;
const outputs = files.get("aws/terraform/outputs.tf")!;
const variables = files.get("aws/terraform/variables.tf")!;

/** The resource block of that type and name, up to its closing brace at column 0. */
function block(text: string, type: string, name: string): string {
  const start = text.indexOf(`resource "${type}" "${name}" {`);
  if (start < 0) throw new Error(`no resource ${type}.${name} in:\n${text}`);
  return text.slice(start, text.indexOf("\n}", start) + 2);
}

describe("main.tf", () => {
  test("declares one role per proxy and environment, with the name, description and session length of role.json", () => {
    const roleFiles = [...files.keys()].filter((p) => p.endsWith("/role.json"));
    expect(roleFiles).toHaveLength(6);
    for (const path of roleFiles) {
      const [, env, proxyName] = path.split("/");
      const role = JSON.parse(files.get(path)!) as { name: string; description: string; maxSessionDuration: number };
      const resource = block(main, "aws_iam_role", roleResourceName(proxyName, env));
      expect(resource).toContain(`name                 = ${hclString(role.name)}`);
      expect(resource).toContain(`description          = ${hclString(role.description)}`);
      expect(resource).toContain(`max_session_duration = ${role.maxSessionDuration}`);
      expect(resource).toContain(`assume_role_policy   = file("\${path.module}/../${env}/${proxyName}/trust-policy.json")`);
    }
  });

  test("attaches each permissions-policy.json inline to its role, and nothing to roles without one", () => {
    for (const env of ["prod", "test"]) {
      for (const name of ["builds", "uploads"]) {
        const resource = block(main, "aws_iam_role_policy", roleResourceName(name, env));
        expect(files.has(`aws/${env}/${name}/permissions-policy.json`)).toBe(true);
        expect(resource).toContain(`role   = aws_iam_role.${roleResourceName(name, env)}.id`);
        expect(resource).toContain(`policy = file("\${path.module}/../${env}/${name}/permissions-policy.json")`);
      }
      expect(files.has(`aws/${env}/lambda/permissions-policy.json`)).toBe(false);
      expect(main).not.toContain(`resource "aws_iam_role_policy" "${roleResourceName("lambda", env)}"`);
    }
  });

  test("every file() it reads is a document of the output, and every policy document is read", () => {
    const read = [...main.matchAll(/file\("\$\{path\.module\}\/\.\.\/([^"]+)"\)/g)].map((m) => `aws/${m[1]}`);
    expect(read.length).toBeGreaterThan(0);
    for (const path of read) expect(files.has(path)).toBe(true);
    const policies = [...files.keys()].filter((p) => /policy\.json$/.test(p));
    expect([...read].sort()).toEqual([...policies].sort());
  });

  test("creates the caller issuer's OIDC provider with the audiences, and the caller roles wait for it", () => {
    const name = providerResourceName(CALLER_ISSUER);
    const provider = block(main, "aws_iam_openid_connect_provider", name);
    expect(provider).toContain(`url             = "${CALLER_ISSUER}"`);
    expect(provider).toContain(`client_id_list  = ["${CALLER_AUDIENCE}"]`);
    expect(provider).toContain(`thumbprint_list = lookup(var.oidc_thumbprints, "${CALLER_ISSUER}", null)`);
    expect(block(main, "aws_iam_role", roleResourceName("uploads", "prod"))).toContain(`depends_on = [aws_iam_openid_connect_provider.${name}]`);
    expect(block(main, "aws_iam_role", roleResourceName("builds", "prod"))).not.toContain("depends_on");
  });

  test("one provider per issuer with every audience; none for Google, which IAM has built in", () => {
    const environments = ["prod"];
    const many = awsDocuments(
      intent(
        [
          proxy({ name: "a", identity: "caller", auth: callerAuth(CALLER_ISSUER, "aud-b") }, environments),
          proxy({ name: "b", identity: "caller", auth: callerAuth(CALLER_ISSUER, "aud-a") }, environments),
          proxy({ name: "c", identity: "caller", auth: callerAuth(CALLER_ISSUER, "aud-a") }, environments),
          proxy({ name: "g", identity: "caller", auth: callerAuth("https://accounts.google.com", "x.apps.googleusercontent.com") }, environments)
        ],
        { environments }
      )
    ).get("aws/terraform/main.tf")!;
    expect(many.match(/resource "aws_iam_openid_connect_provider"/g)).toHaveLength(1);
    expect(many).toContain(`client_id_list  = ["aud-a", "aud-b"]`);
    expect(many).not.toContain("accounts.google.com\"");
    expect(block(many, "aws_iam_role", roleResourceName("g", "prod"))).not.toContain("depends_on");
  });

  test("stops the plan when the credentials are for another account", () => {
    expect(main).toContain(`condition     = self.account_id == "${ACCOUNT}"`);
    expect(main).toContain(`region = "${REGION}"`);
    expect(main).toMatch(/version = ">= 5\.81"/);
  });

  test("parses with HashiCorp's HCL parser, with valid and unique resource names", async () => {
    const addresses = declaredAddresses(await parseHcl("main.tf", main));
    expect(addresses).toHaveLength(6 + 4 + 1);
    for (const address of addresses) expect(address.split(".")[1]).toMatch(HCL_IDENTIFIER);
  });

  test("is as terraform fmt writes it (where terraform is installed)", () => {
    const diff = terraformFmtDiff(new Map([...files].filter(([name]) => name.startsWith("aws/terraform/"))));
    if (diff !== null) expect(diff).toBe("");
    else expect(spawnSync("terraform", ["version"]).error).toBeDefined();
  });
});

describe("outputs.tf and variables.tf", () => {
  test("outputs every role's ARN by <env>/<proxy> and the provider ARN, naming declared resources only", async () => {
    for (const env of ["prod", "test"]) {
      for (const name of ["builds", "lambda", "uploads"]) {
        expect(outputs).toMatch(new RegExp(`"${env}/${name}" += aws_iam_role\\.${roleResourceName(name, env)}\\.arn\n`));
      }
    }
    const declared = new Set(declaredAddresses(await parseHcl("main.tf", main)));
    const referenced = [...outputs.matchAll(/(aws_iam_[a-z_]+)\.([A-Za-z0-9_-]+)\.arn/g)].map((m) => `${m[1]}.${m[2]}`);
    expect(referenced).toHaveLength(7);
    for (const ref of referenced) expect(declared.has(ref)).toBe(true);
  });

  test("both parse, and main.tf uses only declared variables", async () => {
    await parseHcl("outputs.tf", outputs);
    const declared = new Set(Object.keys((await parseHcl("variables.tf", variables)).variable));
    const used = new Set([...main.matchAll(/var\.([A-Za-z0-9_]+)/g)].map((m) => m[1]));
    expect([...used].sort()).toEqual(["oidc_thumbprints", "tags"]);
    for (const name of used) expect(declared.has(name)).toBe(true);
  });

  test("an intent with no caller mode has an empty provider map", async () => {
    const outputsOnly = awsDocuments(intent([proxy({ name: "builds" })])).get("aws/terraform/outputs.tf")!;
    expect(outputsOnly).toMatch(/value += \{\}/);
    expect((await parseHcl("outputs.tf", outputsOnly)).output.oidc_provider_arns[0].value).toEqual({});
  });
});

describe("names and strings Terraform could misread", () => {
  test("resource names are identifiers, stable per pair, and distinct where sanitising would merge them", () => {
    expect(roleResourceName("builds", "prod")).toBe("role_builds_prod");
    const odd = [roleResourceName("a.b", "prod"), roleResourceName("a_b", "prod"), roleResourceName("a", "b_prod"), roleResourceName("a_b_prod", "x")];
    for (const name of odd) expect(name).toMatch(HCL_IDENTIFIER);
    expect(new Set(odd).size).toBe(odd.length);
    expect(roleResourceName("a.b", "prod")).toBe(roleResourceName("a.b", "prod"));
    expect(providerResourceName("https://acme.eu.auth0.com/")).toMatch(/^oidc_acme_eu_auth0_com_[0-9a-f]{8}$/);
  });

  test("quotes, backslashes and template openers in strings are escaped: HCL reads back the exact string", async () => {
    expect(hclString('a "b" \\ ${var.x} %{if}')).toBe('"a \\"b\\" \\\\ $${var.x} %%{if}"');
    for (const text of ['"${oops}"', 'a "b" \\ ${var.x} %{if}', "line\nbreak\ttab", "ünïcödé ☃"]) {
      const parsed = await parseHcl("x.tf", `output "x" {\n  value = ${hclString(text)}\n}\n`);
      // HCL's JSON form keeps template openers escaped ($${, %%{), as Terraform's JSON syntax writes a literal one.
      expect(parsed.output.x[0].value).toBe(text.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{"));
    }
  });
});

describe("the parser the tests rely on refuses broken HCL", () => {
  test.each([
    ["an unclosed block", 'resource "aws_iam_role" "r" {\n  name = "x"\n'],
    ["an unclosed string", 'resource "aws_iam_role" "r" {\n  name = "x\n}\n'],
    ["an unclosed interpolation", 'resource "aws_iam_role" "r" {\n  name = "${path.module"\n}\n'],
    ["a mismatched bracket", 'resource "aws_iam_role" "r" {\n  list = ["a"}\n}\n'],
    ["an unescaped quote in a string", 'variable "v" {\n  description = "e.g. ["x"]"\n}\n']
  ])("%s", async (_case, text) => {
    await expect(parseHcl("broken.tf", text)).rejects.toThrow(/broken\.tf:\d+,\d+/);
  });
});

describe("the Google side: one service account per proxy and environment, and roles that trust its unique_id", () => {
  const FULL = path.join(packageRoot(), "templates/full.yaml");
  const plan = planBuild(loadIntentFile(FULL));
  const tf = awsFiles(plan);
  // Every role that trusts an account: gateway-mode roles, and caller-mode proxies' secrets roles.
  const gateway = everyRole(plan).filter((r) => r.serviceAccount);

  test("each account is created in its project with the bindings it needs: ID tokens for itself alone, act-as for the deployers", async () => {
    const parsed = await parseHcl("main.tf", tf.get("aws/terraform/main.tf")!);
    const accounts = parsed.resource.google_service_account as Record<string, { project: string; account_id: string }[]>;
    expect(Object.keys(accounts)).toHaveLength(gateway.length);
    const bindings = parsed.resource.google_service_account_iam_member as Record<string, { service_account_id: string; role: string; member: string; for_each?: string }[]>;
    for (const role of gateway) {
      const account = role.serviceAccount!;
      const name = serviceAccountResourceName(account.email);
      expect(accounts[name][0]).toMatchObject({ project: account.project, account_id: account.accountId });
      expect(bindings[`${name}_id_tokens`][0]).toEqual({ service_account_id: `\${google_service_account.${name}.name}`, role: "roles/iam.serviceAccountOpenIdTokenCreator", member: `serviceAccount:\${google_service_account.${name}.email}` });
      expect(bindings[`${name}_deployers`][0]).toMatchObject({ for_each: "${toset(var.apigee_deployers)}", role: "roles/iam.serviceAccountUser", member: "${each.value}" });
    }
    // full.yaml puts prod's accounts in their own project.
    expect(new Set(gateway.filter((r) => r.env === "prod").map((r) => r.serviceAccount!.project))).toEqual(new Set(["my-prod-project"]));
  });

  test("each gateway role's trust names its own account's unique_id, and no other", async () => {
    const parsed = await parseHcl("main.tf", tf.get("aws/terraform/main.tf")!);
    const roles = parsed.resource.aws_iam_role as Record<string, { assume_role_policy: string }[]>;
    for (const role of gateway) {
      const policy = roles[`${roleResourceName(role.proxy, role.env)}${role.purpose === "secrets" ? "_secrets" : ""}`][0].assume_role_policy;
      const referenced = [...policy.matchAll(/google_service_account\.([A-Za-z0-9_-]+)\.unique_id/g)].map((m) => m[1]);
      expect([role.name, [...new Set(referenced)]]).toEqual([role.name, [serviceAccountResourceName(role.serviceAccount!.email)]]);
      expect(policy).not.toContain("UNIQUE-ID-OF-");
    }
    const outputs = await parseHcl("outputs.tf", tf.get("aws/terraform/outputs.tf")!);
    expect(Object.keys(outputs.output.service_account_unique_ids[0].value as object).sort()).toEqual(gateway.map((r) => r.serviceAccount!.email).sort());
  });

  test("is as terraform fmt writes it (where terraform is installed)", () => {
    const diff = terraformFmtDiff(new Map([...tf].filter(([name]) => name.startsWith("aws/terraform/"))));
    if (diff !== null) expect(diff).toBe("");
    else expect(spawnSync("terraform", ["version"]).error).toBeDefined();
  });
});

describe("environments in several AWS accounts: a provider per account, each resource in its own", () => {
  const TEST_ACCOUNT = "111111111111";
  const PROD_ACCOUNT = "222222222222";
  const text = `aws:
  account: "${TEST_ACCOUNT}"
  region: us-east-1
  environments:
    prod: {account: "${PROD_ACCOUNT}", region: eu-west-1}
    stage: {region: eu-central-1}
identity: {per: shared, serviceAccount: apigee@acme.iam.gserviceaccount.com, uniqueId: "112233445566778899001"}
auth:
  jwt: {issuer: "${CALLER_ISSUER}", audience: ${CALLER_AUDIENCE}, jwksUri: "${CALLER_ISSUER}/certs"}
environments: [test, stage, prod]
proxies:
  data: s3://acme-{env}-data/ read
  mine: {target: "s3://acme-mine/{env}/", identity: caller}
`;
  const plan = planBuild(parseIntent(text, "apigee-aws.yaml"));
  const tf = awsFiles(plan);
  const multi = { main: tf.get("aws/terraform/main.tf")!, outputs: tf.get("aws/terraform/outputs.tf")!, variables: tf.get("aws/terraform/variables.tf")! };
  const accountOf = (env: string) => (env === "prod" ? PROD_ACCOUNT : TEST_ACCOUNT);
  type Blocks = Record<string, Record<string, unknown>[]>;

  test("one aliased provider per account, in the region of its first environment, with credentials from the variables", async () => {
    const parsed = await parseHcl("main.tf", multi.main);
    const providers = (parsed.provider as Record<string, Record<string, unknown>[]>).aws;
    expect(providers.map((p) => [p.alias, p.region, p.profile])).toEqual([
      [`account_${TEST_ACCOUNT}`, "eu-central-1", `\${lookup(var.aws_profiles, "${TEST_ACCOUNT}", null)}`],
      [`account_${PROD_ACCOUNT}`, "eu-west-1", `\${lookup(var.aws_profiles, "${PROD_ACCOUNT}", null)}`]
    ]);
    for (const p of providers) {
      const account = String(p.alias).slice("account_".length);
      expect((p.dynamic as { assume_role: { for_each: string; content: unknown[] }[] }).assume_role[0]).toEqual({
        for_each: `\${compact([lookup(var.aws_assume_role_arns, "${account}", "")])}`,
        content: [{ role_arn: "${assume_role.value}" }]
      });
    }
    // The comment above each provider says how its credentials are given.
    expect(multi.main).toContain(`# AWS account ${PROD_ACCOUNT} (prod). Its credentials: var.aws_profiles["${PROD_ACCOUNT}"] (a profile of\n# the shared AWS config), var.aws_assume_role_arns["${PROD_ACCOUNT}"] (a role this module assumes there), or\n# else the environment's`);
    expect(multi.main).toContain(`# AWS account ${TEST_ACCOUNT} (stage, test).`);
  });

  test("each provider's credentials are checked against its account, and the message says how to fix them", async () => {
    const checks = ((await parseHcl("main.tf", multi.main)).data as Record<string, Blocks>).aws_caller_identity;
    expect(Object.keys(checks)).toEqual([`account_${TEST_ACCOUNT}`, `account_${PROD_ACCOUNT}`]);
    for (const [name, [check]] of Object.entries(checks)) {
      const account = name.slice("account_".length);
      expect(check.provider).toBe(`\${aws.${name}}`);
      const [postcondition] = (check.lifecycle as { postcondition: { condition: string; error_message: string }[] }[])[0].postcondition;
      expect(postcondition.condition).toBe(`\${self.account_id == "${account}"}`);
      expect(postcondition.error_message).toContain(`These documents are for AWS account ${account}`);
      expect(postcondition.error_message).toContain(`var.aws_profiles["${account}"] or var.aws_assume_role_arns["${account}"]`);
    }
  });

  test("every role, inline policy and OIDC provider names its account's provider; caller roles wait for their own account's OIDC provider", async () => {
    const resources = (await parseHcl("main.tf", multi.main)).resource as Record<string, Blocks>;
    for (const role of everyRole(plan)) {
      const name = roleResourceName(role.proxy, role.env);
      const provider = `\${aws.account_${accountOf(role.env)}}`;
      expect([name, resources.aws_iam_role[name][0].provider]).toEqual([name, provider]);
      expect([name, resources.aws_iam_role_policy[name][0].provider]).toEqual([name, provider]);
      if (role.proxy === "mine") {
        const oidc = accountOf(role.env) === TEST_ACCOUNT ? providerResourceName(CALLER_ISSUER) : `${providerResourceName(CALLER_ISSUER)}_${PROD_ACCOUNT}`;
        expect(resources.aws_iam_role[name][0].depends_on).toEqual([`\${aws_iam_openid_connect_provider.${oidc}}`]);
      }
    }
    const oidc = resources.aws_iam_openid_connect_provider;
    // aws.account's provider keeps the name it had with one account, so Terraform keeps it where it is.
    expect(Object.keys(oidc)).toEqual([providerResourceName(CALLER_ISSUER), `${providerResourceName(CALLER_ISSUER)}_${PROD_ACCOUNT}`]);
    expect(Object.values(oidc).map(([p]) => [p.provider, p.url, p.client_id_list])).toEqual([
      [`\${aws.account_${TEST_ACCOUNT}}`, CALLER_ISSUER, [CALLER_AUDIENCE]],
      [`\${aws.account_${PROD_ACCOUNT}}`, CALLER_ISSUER, [CALLER_AUDIENCE]]
    ]);
  });

  test("the variables it uses are declared, the outputs name declared resources, and it is as terraform fmt writes it", async () => {
    const declared = new Set(Object.keys((await parseHcl("variables.tf", multi.variables)).variable));
    const used = new Set([...multi.main.matchAll(/var\.([A-Za-z0-9_]+)/g)].map((m) => m[1]));
    expect([...used].sort()).toEqual(["aws_assume_role_arns", "aws_profiles", "oidc_thumbprints", "tags"]);
    for (const name of used) expect(declared.has(name)).toBe(true);
    expect(multi.variables).toContain(`this module creates roles in ${TEST_ACCOUNT} (stage, test), ${PROD_ACCOUNT} (prod)`);
    const outputs = (await parseHcl("outputs.tf", multi.outputs)).output;
    expect(Object.keys(outputs.oidc_provider_arns[0].value as object)).toEqual([`${TEST_ACCOUNT} ${CALLER_ISSUER}`, `${PROD_ACCOUNT} ${CALLER_ISSUER}`]);
    const addresses = new Set(declaredAddresses(await parseHcl("main.tf", multi.main)));
    for (const ref of [...multi.outputs.matchAll(/(aws_iam_[a-z_]+)\.([A-Za-z0-9_-]+)\.arn/g)].map((m) => `${m[1]}.${m[2]}`)) expect(addresses.has(ref)).toBe(true);
    const diff = terraformFmtDiff(new Map(Object.entries(multi).map(([name, content]) => [`${name}.tf`, content])));
    if (diff !== null) expect(diff).toBe("");
    else expect(spawnSync("terraform", ["version"]).error).toBeDefined();
  });

  test("an intent with one account keeps the one default provider, no alias, no provider argument and no credential variables", () => {
    expect(main).not.toMatch(/alias|provider +=|aws_profiles|aws_assume_role_arns/);
    expect(variables).not.toMatch(/aws_profiles|aws_assume_role_arns/);
    expect(main).toContain('data "aws_caller_identity" "current" {\n  lifecycle {');
  });
});

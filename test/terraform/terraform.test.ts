// The Terraform root module: it declares every role with the name, trust and
// permissions the JSON documents hold (by file(), so the bytes are the
// same), the OIDC providers the caller-mode issuers need, and passes a
// syntax sanity check (terraform itself is not installed here).

import { hclString, providerResourceName, roleResourceName, HCL_IDENTIFIER } from "../../src/terraform/hcl";
import { lintHcl } from "./hcl-lint";
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

  test("passes the syntax check, with valid and unique resource names", () => {
    const lint = lintHcl(main);
    expect(lint.errors).toEqual([]);
    const resources = lint.blocks.filter((b) => b.kind === "resource");
    expect(resources).toHaveLength(6 + 4 + 1);
    for (const b of resources) expect(b.labels[1]).toMatch(HCL_IDENTIFIER);
  });
});

describe("outputs.tf and variables.tf", () => {
  test("outputs every role's ARN by <env>/<proxy> and the provider ARN, naming declared resources only", () => {
    for (const env of ["prod", "test"]) {
      for (const name of ["builds", "lambda", "uploads"]) {
        expect(outputs).toMatch(new RegExp(`"${env}/${name}" += aws_iam_role\\.${roleResourceName(name, env)}\\.arn\n`));
      }
    }
    const declared = new Set(lintHcl(main).blocks.map((b) => b.labels.join(".")));
    const referenced = [...outputs.matchAll(/(aws_iam_[a-z_]+)\.([A-Za-z0-9_-]+)\.arn/g)].map((m) => `${m[1]}.${m[2]}`);
    expect(referenced).toHaveLength(7);
    for (const ref of referenced) expect(declared.has(ref)).toBe(true);
  });

  test("both pass the syntax check, and main.tf uses only declared variables", () => {
    expect(lintHcl(outputs).errors).toEqual([]);
    expect(lintHcl(variables).errors).toEqual([]);
    const declared = new Set(lintHcl(variables).blocks.map((b) => b.labels[0]));
    const used = new Set([...main.matchAll(/var\.([A-Za-z0-9_]+)/g)].map((m) => m[1]));
    expect([...used].sort()).toEqual(["oidc_thumbprints", "tags"]);
    for (const name of used) expect(declared.has(name)).toBe(true);
  });

  test("an intent with no caller mode has an empty provider map", () => {
    const outputsOnly = awsDocuments(intent([proxy({ name: "builds" })])).get("aws/terraform/outputs.tf")!;
    expect(outputsOnly).toMatch(/value += \{\}/);
    expect(lintHcl(outputsOnly).errors).toEqual([]);
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

  test("quotes, backslashes and template openers in strings are escaped", () => {
    expect(hclString('a "b" \\ ${var.x} %{if}')).toBe('"a \\"b\\" \\\\ $${var.x} %%{if}"');
    expect(lintHcl(`output "x" {\n  value = ${hclString('"${oops}"')}\n}\n`).errors).toEqual([]);
  });
});

describe("the syntax check itself catches broken HCL", () => {
  test.each([
    ["an unclosed block", 'resource "aws_iam_role" "r" {\n  name = "x"\n'],
    ["an unclosed string", 'resource "aws_iam_role" "r" {\n  name = "x\n}\n'],
    ["an unclosed interpolation", 'resource "aws_iam_role" "r" {\n  name = "${path.module"\n}\n'],
    ["a mismatched bracket", 'resource "aws_iam_role" "r" {\n  list = ["a"}\n}\n'],
    ["an invalid resource name", 'resource "aws_iam_role" "1role" {\n}\n'],
    ["a missing label", 'resource "aws_iam_role" {\n}\n'],
    ["a duplicated address", 'resource "aws_iam_role" "r" {\n}\n\nresource "aws_iam_role" "r" {\n}\n']
  ])("%s", (_case, text) => {
    expect(lintHcl(text).errors).not.toEqual([]);
  });
});

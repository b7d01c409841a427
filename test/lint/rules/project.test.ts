// checkProject: AA007 (one role and one service account per proxy and
// environment, caller-mode roles, role.json bounds) and AA006's comparison
// with role.json, over lint roots built in a temp folder.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { checkProject } from "../../../src/lint/rules";
import { AccountUse, RoleUse, sharedAccountFindings, sharedRoleFindings } from "../../../src/lint/rules/aa007-role-per-proxy-and-environment";

const ARN = (name: string) => `arn:aws:iam::123456789012:role/${name}`;
let tmp: string;

function write(root: string, rel: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
}

function propertySet(root: string, env: string, roles: Record<string, string>): void {
  write(root, `env/${env}/propertysets/apigeeaws.properties`, `# ${env}\n` + Object.entries(roles).map(([p, r]) => `${p}.roleArn=${ARN(r)}\n`).join(""));
}

/** Each proxy's role (its own per environment) and service account, as the build writes them: roleArn on line 2 + 2i, serviceAccount on 3 + 2i. */
function propertySetWithAccounts(root: string, env: string, accounts: Record<string, string>): void {
  const lines = Object.entries(accounts).map(([p, a]) => `${p}.roleArn=${ARN(`apigee-${p}-${env}`)}\n${p}.serviceAccount=${a}\n`);
  write(root, `env/${env}/propertysets/apigeeaws.properties`, `# ${env}\n${lines.join("")}`);
}

/** A FlowCallout whose first parameter is on line 4, column 5. */
function proxyWithCallout(root: string, proxy: string, parameters: string, sharedFlow = "aws-credentials"): void {
  const b = `proxies/${proxy}/apiproxy`;
  write(root, `${b}/${proxy}.xml`, `<APIProxy revision="1" name="${proxy}"/>\n`);
  write(
    root,
    `${b}/policies/FC-AwsCredentials.xml`,
    `<FlowCallout name="FC-AwsCredentials">\n  <SharedFlowBundle>${sharedFlow}</SharedFlowBundle>\n  <Parameters>\n${parameters}  </Parameters>\n</FlowCallout>\n`
  );
}

const roleJson = (name: string, max?: number) => JSON.stringify({ description: "x", ...(max === undefined ? {} : { maxSessionDuration: max }), name }, null, 2) + "\n";

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "apigee-aws-project-"));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("AA007 roles shared between environments and proxies", () => {
  it("reports the later of two environments sharing a role, with paths relative like the root", () => {
    propertySet(tmp, "prod", { artifacts: "shared" });
    propertySet(tmp, "test", { artifacts: "shared" });
    const root = path.relative(process.cwd(), tmp);
    const found = checkProject([root]);
    expect(found.map((m) => [m.ruleId, m.severity, m.file, m.line, m.column])).toEqual([
      ["AA007", 2, path.join(root, "env/test/propertysets/apigeeaws.properties"), 2, 1]
    ]);
    expect(found[0].message).toContain(`${ARN("shared")} is the role of proxy artifacts in environment test and also of proxy artifacts in environment prod`);
  });

  it("reports a literal role ARN in a bundle when the roots hold two environments, and not with one", () => {
    proxyWithCallout(tmp, "orders", `    <Parameter name="aws.credentials.roleArn">${ARN("orders")}</Parameter>\n`);
    propertySet(tmp, "test", { other: "other-test" });
    expect(checkProject([tmp])).toEqual([]);
    propertySet(tmp, "prod", { other: "other-prod" });
    const found = checkProject([tmp]);
    expect(found.map((m) => [m.ruleId, path.relative(tmp, m.file), m.line])).toEqual([["AA007", "proxies/orders/apiproxy/policies/FC-AwsCredentials.xml", 4]]);
    expect(found[0].message).toMatch(/proxy orders names its role literally .* every environment \(prod, test\)/);
  });

  it("compares a literal ARN with the property sets by proxy", () => {
    proxyWithCallout(tmp, "orders", `    <Parameter name="aws.credentials.roleArn">${ARN("reports-test")}</Parameter>\n`);
    propertySet(tmp, "test", { reports: "reports-test" });
    const found = checkProject([tmp]);
    expect(found.map((m) => path.relative(tmp, m.file))).toEqual(["env/test/propertysets/apigeeaws.properties"]);
    expect(found[0].message).toContain("also of proxy orders");
  });

  it("finds two environments sharing a role even when a literal use sorts first", () => {
    const use = (env: string | null, proxy: string, file: string): RoleUse => ({ arn: "r", env, proxy, file, line: 1, column: 1 });
    const found = sharedRoleFindings([use(null, "p", "bundle.xml"), use("test", "p", "test.properties"), use("prod", "p", "prod.properties")], []);
    expect(found.map((f) => f.file)).toEqual(["test.properties"]);
  });

  it("checks role.json: maxSessionDuration within 3600..43200, and no role name twice", () => {
    write(tmp, "aws/test/a/role.json", roleJson("apigee-a", 60000));
    write(tmp, "aws/prod/a/role.json", roleJson("apigee-a-prod", 43200));
    write(tmp, "aws/test/b/role.json", roleJson("apigee-a-prod"));
    const found = checkProject([tmp]).map((m) => [path.relative(tmp, m.file), m.line, m.message.slice(0, 40)]);
    expect(found).toEqual([
      ["aws/test/a/role.json", 3, "maxSessionDuration 60000 is outside IAM'"],
      ["aws/test/b/role.json", 3, "role apigee-a-prod (environment test, pr"]
    ]);
  });

  it("warns about a property set or role.json it cannot read, and goes on", () => {
    write(tmp, "env/test/propertysets/broken.properties", "no separator here\n");
    write(tmp, "aws/test/a/role.json", "{ not json");
    const found = checkProject([tmp]);
    expect(found.map((m) => [m.ruleId, m.severity, path.relative(tmp, m.file)])).toEqual([
      ["AA007", 1, "env/test/propertysets/broken.properties"],
      ["AA007", 1, "aws/test/a/role.json"]
    ]);
  });

  it("reads each file once when roots overlap, and skips zips", () => {
    propertySet(tmp, "prod", { a: "shared" });
    propertySet(tmp, "test", { a: "shared" });
    write(tmp, "proxies/a.zip", "PK not really");
    expect(checkProject([tmp, path.join(tmp, "env"), path.join(tmp, "env/test/propertysets/apigeeaws.properties")])).toHaveLength(1);
  });
});

describe("AA007 service accounts shared between proxies and environments", () => {
  const SA = (name: string) => `${name}@my-project.iam.gserviceaccount.com`;
  const FIX = "give each proxy and environment its own account with identity: {project: GOOGLE_PROJECT} in the intent";
  const BASELINE = "if the sharing is deliberate, accept it in a lint baseline (apigee-aws lint --baseline FILE)";
  const rel = (found: { ruleId: string; severity: number; file: string; line: number; column: number }[]) =>
    found.map((m) => [m.ruleId, m.severity, path.relative(tmp, m.file), m.line, m.column]);

  it("accepts an account per proxy and environment (identity: {project}, the default)", () => {
    propertySetWithAccounts(tmp, "test", { artifacts: SA("aa-artifacts-test"), reports: SA("aa-reports-test") });
    propertySetWithAccounts(tmp, "prod", { artifacts: SA("aa-artifacts-prod"), reports: SA("aa-reports-prod") });
    expect(checkProject([tmp])).toEqual([]);
  });

  it("warns at each entry of an account several proxies of one environment share (per: environment)", () => {
    propertySetWithAccounts(tmp, "test", { artifacts: SA("aa-env-test"), reports: SA("aa-env-test") });
    propertySetWithAccounts(tmp, "prod", { artifacts: SA("aa-artifacts-prod"), reports: SA("aa-reports-prod") });
    const found = checkProject([tmp]);
    expect(rel(found)).toEqual([
      ["AA007", 1, "env/test/propertysets/apigeeaws.properties", 3, 1],
      ["AA007", 1, "env/test/propertysets/apigeeaws.properties", 5, 1]
    ]);
    for (const m of found) {
      expect(m.message).toBe(
        `service account ${SA("aa-env-test")} serves 2 proxies in environment test (artifacts, reports): any bundle deployed with it can assume all their roles; ${FIX}, or, ${BASELINE}.`
      );
    }
  });

  it("reports an account serving two environments as an error at every entry, naming what it serves and who can assume whose roles (per: shared)", () => {
    propertySetWithAccounts(tmp, "test", { artifacts: SA("apigee-aws"), reports: SA("apigee-aws") });
    propertySetWithAccounts(tmp, "prod", { artifacts: SA("apigee-aws") });
    const found = checkProject([tmp]);
    expect(rel(found)).toEqual([
      ["AA007", 2, "env/prod/propertysets/apigeeaws.properties", 3, 1],
      ["AA007", 2, "env/test/propertysets/apigeeaws.properties", 3, 1],
      ["AA007", 2, "env/test/propertysets/apigeeaws.properties", 5, 1]
    ]);
    const served = `service account ${SA("apigee-aws")} serves proxies in 2 environments (prod: artifacts; test: artifacts, reports): any bundle deployed with it can assume all their roles`;
    expect(found[0].message).toBe(`${served}, so code deployed in prod can assume test's roles; ${FIX}, or, ${BASELINE}.`);
    expect(found[1].message).toBe(`${served}, so code deployed in test can assume prod's roles; ${FIX}, or, ${BASELINE}.`);
    expect(found[2].message).toBe(found[1].message);
  });

  it("makes it an error when one proxy alone keeps its account across environments", () => {
    propertySetWithAccounts(tmp, "test", { artifacts: SA("aa-artifacts") });
    propertySetWithAccounts(tmp, "prod", { artifacts: SA("aa-artifacts") });
    expect(rel(checkProject([tmp])).map((f) => f[1])).toEqual([2, 2]);
  });

  it("does not count the same proxy and environment twice as sharing, and compares addresses without case", () => {
    const use = (account: string, env: string, proxy: string, file: string): AccountUse => ({ account, env, proxy, file, line: 1, column: 1 });
    expect(sharedAccountFindings([use(SA("a"), "test", "a", "one.properties"), use(SA("a"), "test", "a", "two.properties")])).toEqual([]);
    const found = sharedAccountFindings([use(SA("a"), "test", "a", "test.properties"), use(SA("a").toUpperCase(), "prod", "a", "prod.properties")]);
    expect(found.map((f) => [f.file, f.severity])).toEqual([
      ["prod.properties", 2],
      ["test.properties", 2]
    ]);
  });
});

describe("AA007 caller-mode roles", () => {
  const verifyJwt = (issuer: string, audience: string, name = "VerifyJWT-Caller") =>
    `<VerifyJWT name="${name}">\n  <Algorithm>RS256</Algorithm>\n  <Issuer>${issuer}</Issuer>\n  <Audience>${audience}</Audience>\n</VerifyJWT>\n`;
  const caller = `    <Parameter name="aws.credentials.mode">caller</Parameter>\n`;
  const rest =
    "can call STS AssumeRoleWithWebIdentity for that role directly, skipping the proxy's quota, method guard and key validation; " +
    "keep the role's permissions to what every such token holder may do, and pin more than aud (a sub condition) in its trust policy.";

  it("warns at the mode parameter, naming the issuer and audience the bundle verifies", () => {
    proxyWithCallout(tmp, "reports", caller);
    write(tmp, "proxies/reports/apiproxy/policies/VerifyJWT-Caller.xml", verifyJwt("https://auth.example.com/", "reports-api"));
    const found = checkProject([tmp]);
    expect(found.map((m) => [m.ruleId, m.severity, path.relative(tmp, m.file), m.line, m.column])).toEqual([
      ["AA007", 1, "proxies/reports/apiproxy/policies/FC-AwsCredentials.xml", 4, 5]
    ]);
    expect(found[0].message).toBe(
      "proxy reports exchanges the caller's token for its role (aws.credentials.mode caller): " +
        `anyone holding a valid token from https://auth.example.com/ for audience reports-api ${rest}`
    );
  });

  it("speaks of the proxy's issuer and audience when the bundle does not state one pair literally", () => {
    proxyWithCallout(tmp, "reports", `    <Parameter name="aws.credentials.roleArn" ref="propertyset.apigeeaws.reports.roleArn"/>\n${caller}`);
    write(tmp, "proxies/reports/apiproxy/policies/VerifyJWT-A.xml", verifyJwt("https://a.example.com/", "reports-api", "VerifyJWT-A"));
    write(tmp, "proxies/reports/apiproxy/policies/VerifyJWT-B.xml", verifyJwt("https://b.example.com/", "reports-api", "VerifyJWT-B"));
    const found = checkProject([tmp]);
    expect(found.map((m) => [m.line, m.column])).toEqual([[5, 5]]);
    expect(found[0].message).toContain(`anyone holding a valid token of the proxy's issuer and audience ${rest}`);
  });

  it("says nothing of gateway mode, a mode read from a variable, or a FlowCallout to another shared flow", () => {
    proxyWithCallout(tmp, "gateway", `    <Parameter name="aws.credentials.mode">gateway</Parameter>\n`);
    proxyWithCallout(tmp, "byref", `    <Parameter name="aws.credentials.mode" ref="caller.mode"/>\n`);
    proxyWithCallout(tmp, "other", caller, "my-credentials");
    expect(checkProject([tmp])).toEqual([]);
  });
});

describe("AA006 durationSeconds against the role's maxSessionDuration", () => {
  const duration = (seconds: number) => `    <Parameter name="aws.credentials.durationSeconds">${seconds}</Parameter>\n`;

  it("reports a duration over the role's maximum, naming the role files", () => {
    proxyWithCallout(tmp, "reports", duration(7200));
    write(tmp, "aws/test/reports/role.json", roleJson("apigee-reports-test", 43200));
    write(tmp, "aws/prod/reports/role.json", roleJson("apigee-reports-prod"));
    const found = checkProject([tmp]);
    expect(found.map((m) => [m.ruleId, path.relative(tmp, m.file), m.line])).toEqual([["AA006", "proxies/reports/apiproxy/policies/FC-AwsCredentials.xml", 4]]);
    expect(found[0].message).toContain("role.json allows 3600 (default)");
    expect(found[0].message).not.toContain("aws/test/reports");
  });

  it("accepts a duration within every role's maximum, and leaves out-of-range values to the bundle rule", () => {
    proxyWithCallout(tmp, "reports", duration(3600));
    write(tmp, "aws/test/reports/role.json", roleJson("apigee-reports-test", 3600));
    expect(checkProject([tmp])).toEqual([]);
    proxyWithCallout(tmp, "reports", duration(99999));
    expect(checkProject([tmp])).toEqual([]);
  });
});

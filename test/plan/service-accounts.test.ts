// The Google service accounts gateway-mode roles trust: one per proxy and
// environment by default, named by apigee-aws within Google's rules, stable,
// and never shared by two pairs unless the intent says so.

import { parseIntent } from "../../src/intent";
import { IntentError } from "../../src/intent/problems";
import { planBuild } from "../../src/plan";
import { accountsPerProject, isManagedAccountId, serviceAccountEmail, serviceAccountId, uniqueIdPlaceholder } from "../../src/plan/service-accounts";

/** Google's rule for an account ID ("Create service accounts"): 6–30 characters, lowercase letters, digits, hyphens, a letter first, no hyphen last. */
const GOOGLE_ACCOUNT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;

function intentText(proxies: string[], identity = "{project: acme-apis}", environments = "[test, prod]"): string {
  return [
    'aws: {account: "123456789012", region: eu-west-1}',
    `identity: ${identity}`,
    "auth: {jwt: {issuer: https://login.example.com/, audience: api, jwksUri: https://login.example.com/certs}}",
    `environments: ${environments}`,
    "proxies:",
    ...proxies.map((name, i) => `  ${name}: {target: s3://acme-files/p${i}/, basePath: /p${i}}`),
    ""
  ].join("\n");
}

const plan = (text: string, uniqueIds: Record<string, string> = {}) => planBuild(parseIntent(text, "apigee-aws.yaml"), { uniqueIds });

test("names obey Google's rules for every proxy and environment name the intent allows, long ones included", () => {
  const proxies = ["a", "A_b.c-D", "x".repeat(64), "reports.v2_internal-eu", "9lives", "-dash-", "a--b"];
  const environments = ["ab", "prod", "e".repeat(32), "eu-west-prod-2"];
  for (const proxy of proxies) {
    for (const env of environments) {
      const id = serviceAccountId(proxy, env);
      expect([proxy, env, id, GOOGLE_ACCOUNT_ID.test(id), isManagedAccountId(id)]).toEqual([proxy, env, id, true, true]);
    }
  }
  expect(serviceAccountId("artifacts", "test")).toBe("aa-artifacts-test-q3wqreedy");
  expect(serviceAccountId(null, "test")).toMatch(/^aa-env-test-[a-z2-7]{9}$/);
});

test("names are stable: the same pair gives the same name, and adding a proxy renames no other account", () => {
  const before = plan(intentText(["artifacts", "uploads"])).serviceAccounts.map((a) => a.email);
  const after = plan(intentText(["artifacts", "added", "uploads"])).serviceAccounts.map((a) => a.email);
  expect(after.filter((e) => before.includes(e))).toEqual(before);
  expect(after).toHaveLength(6);
});

test("pairs whose readable parts coincide still get different names", () => {
  const pairs: [string, string][] = [["a-b", "c"], ["a", "b-c"], ["a.b", "c"], ["a_b", "c"]];
  const long = (i: number) => `customer-payments-settlement-service-${i}`;
  for (let i = 0; i < 200; i++) for (const env of ["test", "prod", "staging"]) pairs.push([long(i), env]);
  const ids = pairs.map(([p, e]) => serviceAccountId(p, e));
  expect(new Set(ids).size).toBe(pairs.length);
  // The long names share their readable part: the hash alone tells them apart.
  expect(new Set(ids.slice(4).map((id) => id.slice(0, -10))).size).toBe(1);
});

test("the largest intent the reader accepts (2,000 proxies × 50 environments) has 100,000 distinct names", () => {
  const ids = new Set<string>();
  for (let p = 0; p < 2000; p++) for (let e = 0; e < 50; e++) ids.add(serviceAccountId(`proxy-${p}`, `env-${e}`));
  expect(ids.size).toBe(100_000);
});

test("per proxy and environment: each role trusts its own account and no other", () => {
  const p = plan(intentText(["artifacts", "uploads"]));
  const roles = p.proxies.flatMap((x) => x.roles);
  expect(roles.map((r) => r.serviceAccount?.trustedBy)).toEqual([["artifacts in test"], ["artifacts in prod"], ["uploads in test"], ["uploads in prod"]]);
  expect(new Set(roles.map((r) => r.serviceAccount?.email)).size).toBe(4);
  for (const role of roles) {
    const conditions = JSON.stringify(role.trustPolicy);
    expect(conditions).toContain(uniqueIdPlaceholder(role.serviceAccount!.email));
    for (const other of roles.filter((r) => r !== role)) expect(conditions).not.toContain(other.serviceAccount!.email);
  }
  expect(p.warnings).toEqual([]);
  expect(p.notes.join("\n")).toMatch(/^4 gateway-mode service accounts' unique IDs are not known yet/);
});

test("given the unique IDs, the trust policies name them; IDs for accounts the intent lacks are noted", () => {
  const first = plan(intentText(["artifacts"])).serviceAccounts;
  const ids = Object.fromEntries(first.map((a, i) => [a.email, `10000000000000000000${i}`]));
  const p = plan(intentText(["artifacts"]), { ...ids, "stranger@acme-apis.iam.gserviceaccount.com": "100000000000000000099" });
  const [test, prod] = p.proxies[0].roles;
  expect([test.trustPolicy.Statement].flat()[0].Condition).toEqual({ StringEquals: { "accounts.google.com:aud": "100000000000000000000", "accounts.google.com:oaud": "sts.amazonaws.com", "accounts.google.com:sub": "100000000000000000000" } });
  expect(prod.serviceAccount?.uniqueId).toBe("100000000000000000001");
  expect(p.notes).toEqual(["--ids names 1 account this intent does not name (ignored): stranger@acme-apis.iam.gserviceaccount.com"]);
});

test("per: environment shares an environment's account among its proxies, and build warns", () => {
  const p = plan(intentText(["artifacts", "uploads"], "{project: acme-apis, per: environment}"));
  expect(p.serviceAccounts.map((a) => [a.accountId.replace(/-[a-z2-7]{9}$/, ""), a.trustedBy])).toEqual([
    ["aa-env-test", ["artifacts in test", "uploads in test"]],
    ["aa-env-prod", ["artifacts in prod", "uploads in prod"]]
  ]);
  expect(p.warnings.map((w) => [w.line, w.path])).toEqual([[2, "identity"]]);
  expect(p.warnings[0].message).toMatch(/^per: environment: the proxies of an environment share its account .*any bundle deployed with it can assume every role of that environment/);
});

test("per: shared: one named account for every role, and build warns that test can assume prod's roles", () => {
  const p = plan(intentText(["artifacts"], '{per: shared, serviceAccount: apigee@acme-apis.iam.gserviceaccount.com, uniqueId: "112233445566778899001"}'));
  expect(p.serviceAccounts).toEqual([
    { email: "apigee@acme-apis.iam.gserviceaccount.com", accountId: "apigee", project: "acme-apis", uniqueId: "112233445566778899001", managed: false, trustedBy: ["artifacts in test", "artifacts in prod"] }
  ]);
  expect(p.warnings[0].message).toMatch(/^per: shared: every gateway-mode role \(2\) trusts apigee@acme-apis\.iam\.gserviceaccount\.com, so any bundle deployed with it, in any environment, can assume any of them \(prod's from test\)/);
  expect(p.notes).toEqual([]);
});

test("accounts per project, and a warning past Google's default quota of 100", () => {
  const names = Array.from({ length: 51 }, (_, i) => `p${i}`);
  const oneProject = plan(intentText(names));
  expect(accountsPerProject(oneProject.serviceAccounts)).toEqual([["acme-apis", 102]]);
  expect(oneProject.warnings.map((w) => w.message)).toEqual([
    "project acme-apis needs 102 service accounts, more than Google's default quota of 100 per project: request a higher quota, place environments in their own projects (identity.projects), or use per: environment"
  ]);
  const split = plan(intentText(names, "{project: acme-apis, projects: {prod: acme-apis-prod}}"));
  expect(accountsPerProject(split.serviceAccounts)).toEqual([["acme-apis", 51], ["acme-apis-prod", 51]]);
  expect(split.serviceAccounts.find((a) => a.trustedBy[0] === "p0 in prod")?.email).toBe(serviceAccountEmail(serviceAccountId("p0", "prod"), "acme-apis-prod"));
  expect(split.warnings).toEqual([]);
});

test("a collision of two pairs' names is refused, never shared silently", () => {
  const intent = parseIntent(intentText(["artifacts", "uploads"]), "apigee-aws.yaml");
  // Two pairs that would get one name: the planner must refuse rather than let one assume the other's role.
  const colliding = { ...intent, proxies: intent.proxies.map((p) => ({ ...p, name: "artifacts", basePath: p.basePath, roles: Object.fromEntries(Object.entries(p.roles).map(([e, r]) => [e, `${r}-${p.basePath.slice(1)}`])) })) };
  expect(() => planBuild(colliding)).toThrow(IntentError);
  expect(() => planBuild(colliding)).toThrow(/artifacts in test and artifacts in test would get the same service account name aa-artifacts-test-q3wqreedy .*rename one of those proxies/);
});

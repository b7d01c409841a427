// Deploy order from FlowCallout references, the references that point
// nowhere, who needs a service account, and the plan's order on the README
// example.

import * as fs from "node:fs";
import * as path from "node:path";
import { readDist } from "../../src/deploy/dist";
import { missingReferences, reachableSharedFlows, sharedFlowOrder } from "../../src/deploy/order";
import { buildPlan, deployOrder } from "../../src/deploy/plan";
import { deploymentAccounts, needsServiceAccount, sharedAccountNotes } from "../../src/deploy/service-account";
import { serviceAccountEmail, serviceAccountId } from "../../src/plan/service-accounts";
import { buildDist, copyDist } from "./support/dist-fixture";

/** The accounts the build names for the README example's proxy (src/plan/service-accounts.ts). */
const accountOf = (env: string) => serviceAccountEmail(serviceAccountId("artifacts", env), "my-project");
const testAccount = accountOf("test");

let dist: string;
beforeAll(() => {
  dist = buildDist();
});

test("a shared flow goes after the shared flows it calls; ties go by name", () => {
  expect(sharedFlowOrder([{ name: "c", calls: ["a"] }, { name: "b", calls: [] }, { name: "a", calls: ["b"] }])).toEqual(["b", "a", "c"]);
  expect(sharedFlowOrder([{ name: "z", calls: [] }, { name: "y", calls: [] }])).toEqual(["y", "z"]);
});

test("a cycle is an error that names it", () => {
  expect(() => sharedFlowOrder([{ name: "a", calls: ["b"] }, { name: "b", calls: ["c"] }, { name: "c", calls: ["a"] }, { name: "d", calls: [] }])).toThrow(
    "the shared flows call each other in a cycle (a → b → c → a)"
  );
  expect(() => sharedFlowOrder([{ name: "self", calls: ["self"] }])).toThrow("(self → self)");
});

test("references to shared flows outside the set are reported; reachability follows calls transitively", () => {
  const nodes = [
    { name: "p", calls: ["a", "gone"] },
    { name: "a", calls: ["b"] },
    { name: "b", calls: ["also-gone"] }
  ];
  expect(missingReferences(nodes, new Set(["a", "b"]))).toEqual([
    { from: "b", to: "also-gone" },
    { from: "p", to: "gone" }
  ]);
  expect([...reachableSharedFlows(["a"], nodes)].sort()).toEqual(["a", "also-gone", "b"]);
});

test("the README example: aws-ssm-parameter calls aws-sigv4, the proxy calls aws-credentials and aws-sigv4; proxies come last", () => {
  const read = readDist(dist, "test", process.cwd());
  const facts = Object.fromEntries([...read.sharedFlows, ...read.proxies].map((b) => [b.name, b.facts.flowCallouts]));
  expect(facts).toEqual({ "aws-credentials": [], "aws-sigv4": [], "aws-ssm-parameter": ["aws-sigv4"], artifacts: ["aws-credentials", "aws-sigv4"] });
  const order = deployOrder(read).map((b) => b.name);
  expect(order).toEqual(["aws-credentials", "aws-sigv4", "aws-ssm-parameter", "artifacts"]);
});

test("Google authentication: the proxy has it (its own ID-token call), the shared flows do not; each proxy's account comes from the property set", () => {
  const read = readDist(dist, "test", process.cwd());
  const byName = Object.fromEntries([...read.sharedFlows, ...read.proxies].map((b) => [b.name, b]));
  expect(byName.artifacts.facts.googleAuthFiles).toEqual(["apiproxy/policies/SC-AwsCredentials-GenerateIdToken.xml"]);
  expect(needsServiceAccount(byName.artifacts, read.sharedFlows)).toBe(true);
  for (const flow of ["aws-credentials", "aws-sigv4", "aws-ssm-parameter"]) expect(needsServiceAccount(byName[flow], read.sharedFlows)).toBe(false);
  const accounts = deploymentAccounts(read, "test", undefined);
  expect([...accounts]).toEqual([["artifacts", { email: testAccount, source: expect.stringMatching(/env\/test\/propertysets\/apigeeaws\.properties: artifacts\.serviceAccount$/) }]]);
  expect(() => deploymentAccounts(read, "test", "not an email")).toThrow(/must be a service account email/);
});

test("--service-account cannot move a proxy off its own account; it serves bundles the build named none for", () => {
  const read = readDist(dist, "test", process.cwd());
  expect(() => deploymentAccounts(read, "test", "other@p.iam.gserviceaccount.com")).toThrow(
    new RegExp(`--service-account other@p\\.iam\\.gserviceaccount\\.com would deploy artifacts as another account than ${testAccount.replace(/[.]/g, "\\.")} .*the only one its AWS roles trust.*drop --service-account`)
  );
  expect(deploymentAccounts(read, "test", testAccount).get("artifacts")?.email).toBe(testAccount);
  // A proxy with Google authentication that the property set names no account for (hand-written) takes the flag.
  const handWritten = { ...read, proxies: [{ ...read.proxies[0], name: "hand-written" }] };
  expect(deploymentAccounts(handWritten, "test", undefined).get("hand-written")).toBeUndefined();
  expect(deploymentAccounts(handWritten, "test", "other@p.iam.gserviceaccount.com").get("hand-written")).toEqual({ email: "other@p.iam.gserviceaccount.com", source: "--service-account" });
});

test("a proxy is never deployed with an account apigee-aws named for another proxy or environment", () => {
  const read = readDist(dist, "test", process.cwd());
  const withAccount = (email: string) => ({
    ...read,
    propertySets: read.propertySets.map((set) => ({ ...set, content: Buffer.from(set.content.toString("utf8").replace(testAccount, email)) }))
  });
  for (const other of [accountOf("prod"), serviceAccountEmail(serviceAccountId("uploads", "test"), "my-project")]) {
    expect(() => deploymentAccounts(withAccount(other), "test", undefined)).toThrow(
      new RegExp(`apigeeaws\\.properties: artifacts\\.serviceAccount would deploy artifacts in test as ${other.replace(/[.]/g, "\\.")}, an account apigee-aws names for another proxy or environment`)
    );
  }
  // The environment's own account (per: environment) and an account the intent names (per: shared) are the intent's choice.
  for (const chosen of [serviceAccountEmail(serviceAccountId(null, "test"), "my-project"), "apigee-runtime@my-project.iam.gserviceaccount.com"]) {
    expect(deploymentAccounts(withAccount(chosen), "test", undefined).get("artifacts")?.email).toBe(chosen);
  }
  const handWritten = { ...read, proxies: [{ ...read.proxies[0], name: "hand-written" }] };
  expect(() => deploymentAccounts(handWritten, "test", testAccount)).toThrow(/^--service-account would deploy hand-written in test as aa-artifacts-test-/);
});

test("proxies deployed with one account are noted: each can assume the others' roles", () => {
  const read = readDist(dist, "test", process.cwd());
  const twin = { ...read.proxies[0], name: "twin" };
  const accounts = new Map([
    ["artifacts", { email: "shared@p.iam.gserviceaccount.com", source: "x" }],
    ["twin", { email: "shared@p.iam.gserviceaccount.com", source: "x" }]
  ]);
  expect(sharedAccountNotes(accounts, [...read.proxies, twin])).toEqual([expect.stringMatching(/^artifacts, twin are deployed with one account, shared@p\.iam\.gserviceaccount\.com: each of these bundles can assume every role/)]);
  expect(sharedAccountNotes(deploymentAccounts(read, "test", undefined), read.proxies)).toEqual([]);
});

test("a plan without a token lists every bundle for upload, in order, with the property set between shared flows and proxies", async () => {
  const plan = await buildPlan({ dist: readDist(dist, "prod", process.cwd()), org: "acme", env: "prod" });
  expect(plan.steps.map((s) => (s.type === "bundle" ? `${s.bundle.name}:${s.action}:${s.serviceAccount ?? "-"}` : `${s.set.name}:${s.action}`))).toEqual([
    "aws-credentials:upload-and-deploy:-",
    "aws-sigv4:upload-and-deploy:-",
    "aws-ssm-parameter:upload-and-deploy:-",
    "apigeeaws:create-or-update",
    `artifacts:upload-and-deploy:${accountOf("prod")}`
  ]);
  expect(plan.stateRead).toBe(false);
});

test("a shared flow that is called but missing from dist is noted when no token can check it", async () => {
  const edited = copyDist(dist);
  fs.rmSync(path.join(edited, "sharedflows/aws-sigv4"), { recursive: true });
  fs.rmSync(path.join(edited, "sharedflows/aws-sigv4.zip"));
  const plan = await buildPlan({ dist: readDist(edited, "test", process.cwd()), org: "acme", env: "test" });
  expect(plan.notes.join("\n")).toMatch(/not checked without a token: shared flow aws-sigv4 .* must already be deployed in test/);
});

test("dist errors: an unknown environment lists the known ones; a renamed descriptor is refused", () => {
  expect(() => readDist(dist, "staging", process.cwd())).toThrow(/has no configuration for environment "staging" .*it has configuration for: prod, test/);
  const edited = copyDist(dist);
  const file = path.join(edited, "proxies/artifacts/apiproxy/artifacts.xml");
  fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace('name="artifacts"', 'name="renamed"'));
  expect(() => readDist(edited, "test", process.cwd())).toThrow(/names the bundle "renamed", but it is deployed as "artifacts"/);
});

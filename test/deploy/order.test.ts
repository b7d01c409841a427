// Deploy order from FlowCallout references, the references that point
// nowhere, who needs a service account, and the plan's order on the README
// example.

import * as fs from "node:fs";
import * as path from "node:path";
import { readDist } from "../../src/deploy/dist";
import { missingReferences, reachableSharedFlows, sharedFlowOrder } from "../../src/deploy/order";
import { buildPlan, deployOrder } from "../../src/deploy/plan";
import { chooseServiceAccount, needsServiceAccount } from "../../src/deploy/service-account";
import { buildDist, copyDist } from "./support/dist-fixture";

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

test("Google authentication: aws-credentials has it, the proxy reaches it, aws-sigv4 does not; the service account comes from the proxy's FlowCallout", () => {
  const read = readDist(dist, "test", process.cwd());
  const byName = Object.fromEntries([...read.sharedFlows, ...read.proxies].map((b) => [b.name, b]));
  expect(byName["aws-credentials"].facts.googleAuthFiles).toEqual(["sharedflowbundle/policies/SC-AwsCredentials-GenerateIdToken.xml"]);
  expect(needsServiceAccount(byName["aws-credentials"], read.sharedFlows)).toBe(true);
  expect(needsServiceAccount(byName.artifacts, read.sharedFlows)).toBe(true);
  expect(needsServiceAccount(byName["aws-sigv4"], read.sharedFlows)).toBe(false);
  expect(needsServiceAccount(byName["aws-ssm-parameter"], read.sharedFlows)).toBe(false);
  expect(chooseServiceAccount(undefined, [...read.sharedFlows, ...read.proxies])).toEqual({
    email: "apigee-runtime@my-project.iam.gserviceaccount.com",
    source: "the aws.credentials.serviceAccount parameter of artifacts"
  });
  expect(chooseServiceAccount("other@p.iam.gserviceaccount.com", read.proxies)?.source).toBe("--service-account");
  expect(() => chooseServiceAccount("not an email", read.proxies)).toThrow(/must be a service account email/);
});

test("proxies that name different service accounts need --service-account", () => {
  const read = readDist(dist, "test", process.cwd());
  const other = { ...read.proxies[0], name: "other", facts: { ...read.proxies[0].facts, serviceAccountHints: ["x@p.iam.gserviceaccount.com"] } };
  expect(() => chooseServiceAccount(undefined, [...read.proxies, other])).toThrow(/name different runtime service accounts .*apigee-runtime@my-project.iam.gserviceaccount.com \(artifacts\); x@p.iam.gserviceaccount.com \(other\)/);
});

test("a plan without a token lists every bundle for upload, in order, with the property set between shared flows and proxies", async () => {
  const plan = await buildPlan({ dist: readDist(dist, "prod", process.cwd()), org: "acme", env: "prod" });
  expect(plan.steps.map((s) => (s.type === "bundle" ? `${s.bundle.name}:${s.action}:${s.serviceAccount ?? "-"}` : `${s.set.name}:${s.action}`))).toEqual([
    "aws-credentials:upload-and-deploy:apigee-runtime@my-project.iam.gserviceaccount.com",
    "aws-sigv4:upload-and-deploy:-",
    "aws-ssm-parameter:upload-and-deploy:-",
    "apigeeaws:create-or-update",
    "artifacts:upload-and-deploy:apigee-runtime@my-project.iam.gserviceaccount.com"
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

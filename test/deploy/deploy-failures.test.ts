// `apigee-aws deploy` when things go wrong: a shared flow missing (before any
// call, and at deploy time in Apigee), no service account for Google
// authentication, 403, 409, 5xx and dropped connections, slow and failing
// deployments, a bad bundle. Each stops at the first failure with Apigee's
// message and exit 2, and the token never appears.

import * as fs from "node:fs";
import * as path from "node:path";
import { ApigeeStandIn } from "../support/management-api";
import { requireBuilt } from "../support/built";
import { buildDist, copyDist } from "./support/dist-fixture";
import { deploy, mutations, outputs, TOKEN } from "./support/deploy-run";
import { fakeGcloud } from "./support/fake-gcloud";

let dist: string;
let standIn: ApigeeStandIn;

beforeAll(() => {
  requireBuilt("cli.js");
  dist = buildDist();
});
beforeEach(async () => {
  standIn = await ApigeeStandIn.start({ token: TOKEN });
});
afterEach(() => standIn.close());
afterAll(() => {
  expect(outputs.length).toBeGreaterThan(0);
  for (const text of outputs) expect(text).not.toContain(TOKEN);
});

function withoutSharedFlow(name: string): string {
  const edited = copyDist(dist);
  fs.rmSync(path.join(edited, "sharedflows", name), { recursive: true });
  fs.rmSync(path.join(edited, "sharedflows", `${name}.zip`));
  return edited;
}

test("a called shared flow that is neither in dist nor deployed is refused before any change", async () => {
  const run = await deploy(standIn, withoutSharedFlow("aws-sigv4"));
  expect(run.status).toBe(2);
  expect(mutations(run.routes)).toEqual([]);
  expect(run.stderr).toContain("FlowCallouts call shared flows that are neither in");
  expect(run.stderr).toContain("  - artifacts calls shared flow aws-sigv4\n  - aws-ssm-parameter calls shared flow aws-sigv4\n");
  expect(run.stderr).toMatch(/Nothing was changed\.\n$/);
});

test("a shared flow Apigee finds undeployed at deploy time stops the deploy with Apigee's violations", async () => {
  // aws-sigv4 has a deployment in test, so the plan goes ahead, but it failed at runtime: Apigee's validation refuses callers.
  standIn.failingDeployment("sharedflow", "aws-sigv4", "instance reported error");
  standIn.org.addRevision("sharedflow", "aws-sigv4", { files: new Map(), description: "", policies: [], flowCallouts: [], usesGoogleAuth: false });
  const broken = standIn.org.deploy("test", "sharedflow", "aws-sigv4", 1, undefined);
  standIn.org.poll(broken);
  standIn.org.poll(broken);
  const run = await deploy(standIn, withoutSharedFlow("aws-sigv4"));
  expect(run.status).toBe(2);
  expect(mutations(run.routes)).toEqual(["import-sharedflow", "deploy-sharedflow", "import-sharedflow", "deploy-sharedflow"]);
  expect(run.stderr).toContain("step 2 of 4 (shared flow aws-ssm-parameter) failed; stopped there.");
  expect(run.stderr).toContain("Apigee answered 400 FAILED_PRECONDITION: deployment validations failed");
  expect(run.stderr).toContain(
    'Violations:\n  - organizations/acme/sharedflows/aws-ssm-parameter/revisions/1: a FlowCallout calls shared flow "aws-sigv4", which is not deployed in environment "test" [SHARED_FLOW_NOT_DEPLOYED]'
  );
  expect(run.stderr).toContain("Done before it: aws-credentials (uploaded and deployed).");
  expect(standIn.org.revisionsOf("proxy", "artifacts")).toBeUndefined();
});

test("a bundle with Google authentication that dist names no account for is refused before any change; --service-account gives it one", async () => {
  const edited = copyDist(dist);
  const properties = path.join(edited, "env/test/propertysets/apigeeaws.properties");
  fs.writeFileSync(properties, fs.readFileSync(properties, "utf8").replace(/^artifacts\.serviceAccount=.*\n/m, ""));
  const run = await deploy(standIn, edited);
  expect(run.status).toBe(2);
  expect(mutations(run.routes)).toEqual([]);
  expect(run.stderr).toContain(
    "these bundles must be deployed with a runtime service account, and none was given:\n  - artifacts: apiproxy/policies/SC-AwsCredentials-GenerateIdToken.xml uses Google authentication\nRebuild dist with apigee-aws build"
  );
  const given = await deploy(standIn, edited, ["--service-account", "ops@other-project.iam.gserviceaccount.com"]);
  expect(given.status).toBe(0);
  expect(standIn.org.deployment("test", "proxy", "artifacts")!.serviceAccount).toBe("ops@other-project.iam.gserviceaccount.com");
  expect(standIn.org.deployment("test", "sharedflow", "aws-credentials")!.serviceAccount).toBeUndefined();
});

test("--service-account that contradicts a proxy's own account is refused before any change", async () => {
  const run = await deploy(standIn, dist, ["--service-account", "ops@other-project.iam.gserviceaccount.com"]);
  expect(run.status).toBe(2);
  expect(mutations(run.routes)).toEqual([]);
  expect(run.stderr).toMatch(/--service-account ops@other-project\.iam\.gserviceaccount\.com would deploy artifacts as another account than aa-artifacts-test-[a-z2-7]{9}@my-project\.iam\.gserviceaccount\.com .*Nothing was changed\./);
  expect(run.stderr).not.toMatch(/\n\s+at /);
});

test("403 stops the deploy and names the missing IAM permission", async () => {
  standIn.inject("deploy-proxy", { kind: "forbidden", permission: "apigee.deployments.create" });
  const run = await deploy(standIn, dist);
  expect(run.status).toBe(2);
  expect(mutations(run.routes)).toEqual([...Array(3).fill(["import-sharedflow", "deploy-sharedflow"]).flat(), "create-resourcefile", "import-proxy", "deploy-proxy"]);
  expect(run.stderr).toContain("step 5 of 5 (proxy artifacts) failed; stopped there.\ndeploy proxy artifacts revision 1 to test failed (POST /v1/organizations/acme/environments/test/apis/artifacts/revisions/1/deployments?override=true&serviceAccount=");
  expect(run.stderr).toContain("Apigee answered 403 PERMISSION_DENIED: Permission 'apigee.deployments.create' denied on resource 'organizations/acme' (or it may not exist).");
  expect(run.stderr).toContain("Missing IAM permission: apigee.deployments.create.");
});

test("409 ABORTED is retried until it clears; a lasting one stops the deploy with Apigee's message", async () => {
  standIn.inject("deploy-sharedflow", { kind: "status", status: 409, googleStatus: "ABORTED", message: "another deployment of aws-sigv4 is in progress" }, 2);
  const passes = await deploy(standIn, dist);
  expect(passes.status).toBe(0);
  expect(passes.stderr).toMatch(/deploy shared flow aws-credentials revision 1 to test: answer 409 ABORTED; retrying in \d\.\d s \(attempt 2\)/);
  standIn.faults.clear();
  const stuck = await ApigeeStandIn.start({ token: TOKEN });
  try {
    stuck.inject("deploy-sharedflow", { kind: "status", status: 409, googleStatus: "ABORTED", message: "another deployment of aws-credentials is in progress" });
    const run = await deploy(stuck, dist);
    expect(run.status).toBe(2);
    expect(run.routes.filter((r) => r === "deploy-sharedflow")).toHaveLength(5);
    expect(run.stderr).toContain("Apigee answered 409 ABORTED: another deployment of aws-credentials is in progress (after 5 attempts)");
  } finally {
    await stuck.close();
  }
});

test("5xx answers and dropped connections are retried and the deploy completes", async () => {
  standIn.inject("import-proxy", { kind: "status", status: 503, googleStatus: "UNAVAILABLE", message: "The service is currently unavailable." }, 2);
  standIn.inject("get-sharedflow", { kind: "drop" }, 1);
  standIn.inject("sharedflow-deployment-status", { kind: "status", status: 500, googleStatus: "INTERNAL", message: "internal error" }, 1);
  const run = await deploy(standIn, dist);
  expect(run.status).toBe(0);
  expect(run.routes.filter((r) => r === "import-proxy")).toHaveLength(3);
  expect(run.stderr).toMatch(/read shared flow aws-credentials: no answer \(network\); retrying/);
  expect(run.stderr).toMatch(/upload proxy artifacts: answer 503; retrying/);
  expect(run.stdout).toMatch(/4 uploaded, 4 deployed/);
  expect(standIn.org.revisionsOf("proxy", "artifacts")).toHaveLength(1);
});

test("a slow deployment is waited for with progress; one slower than --timeout stops the deploy", async () => {
  standIn.slowDeployment("sharedflow", "aws-sigv4", 6);
  const slow = await deploy(standIn, dist);
  expect(slow.status).toBe(0);
  expect(slow.stderr).toMatch(/\[2\/5\] shared flow aws-sigv4[^\n]*\n[\s\S]*PROGRESSING \(\d+ s\)\n[\s\S]*READY after/);
  expect(slow.routes.filter((r) => r === "sharedflow-deployment-status").length).toBeGreaterThanOrEqual(2 + 7 + 2);

  const stuck = await ApigeeStandIn.start({ token: TOKEN });
  try {
    stuck.slowDeployment("sharedflow", "aws-sigv4", Infinity);
    const run = await deploy(stuck, dist, ["--timeout", "0.2"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/the deployment of shared flow aws-sigv4 revision 1 in test is still PROGRESSING after \d+ s \(--timeout 0\.2\); Apigee may still finish it/);
    expect(mutations(run.routes)).toEqual(["import-sharedflow", "deploy-sharedflow", "import-sharedflow", "deploy-sharedflow"]);
  } finally {
    await stuck.close();
  }
});

test("a deployment that ends in ERROR stops the deploy with the runtime's errors", async () => {
  standIn.failingDeployment("proxy", "artifacts", 'instance "us-east1" reported error repository.FailedToLoadFile: "Failed to load file"');
  const run = await deploy(standIn, dist);
  expect(run.status).toBe(2);
  expect(run.stderr).toContain(
    'the deployment of proxy artifacts revision 1 in test failed; Apigee reports:\n  - instance "us-east1" reported error repository.FailedToLoadFile: "Failed to load file"'
  );
});

test("a bundle Apigee rejects shows its violations; --json reports the failure", async () => {
  standIn.inject("import-proxy", {
    kind: "status",
    status: 400,
    googleStatus: "INVALID_ARGUMENT",
    message: "bundle contains errors",
    details: [{ "@type": "type.googleapis.com/edge.configstore.bundle.BadBundle", violations: [{ filename: "apiproxy/policies/JS-S3-Key.xml", description: "Invalid resource URL jsc://missing.js" }] }]
  });
  const run = await deploy(standIn, dist, ["--json"]);
  expect(run.status).toBe(2);
  expect(run.stderr).toContain("Apigee answered 400 INVALID_ARGUMENT: bundle contains errors\nViolations:\n  - apiproxy/policies/JS-S3-Key.xml: Invalid resource URL jsc://missing.js");
  const report = JSON.parse(run.stdout);
  expect(report).toMatchObject({ ok: false, failedStep: "proxy artifacts" });
  expect(report.done.map((d: { name: string }) => d.name)).toEqual(["aws-credentials", "aws-sigv4", "aws-ssm-parameter", "apigeeaws"]);
});

test("no token and no dry run, a wrong token, and an unknown environment are clear errors", async () => {
  const none = await deploy(standIn, dist, [], { APIGEE_TOKEN: undefined });
  expect(none.status).toBe(2);
  expect(none.stderr).toContain("no token for the Apigee API: pass --token, set APIGEE_TOKEN, point GOOGLE_APPLICATION_CREDENTIALS at a credential file");
  expect(none.routes).toEqual([]);
  const wrong = await deploy(standIn, dist, ["--token", "ya29.expired-token-0000000000"]);
  expect(wrong.status).toBe(2);
  expect(wrong.stderr).toContain("Apigee answered 401 UNAUTHENTICATED");
  expect(wrong.stderr).not.toContain("ya29.expired-token-0000000000");
  const env = await deploy(standIn, dist, ["--env", "staging"]);
  expect(env.status).toBe(2);
  expect(env.stderr).toMatch(/has no configuration for environment "staging" .*it has configuration for: prod, test/);
});

test("a gcloud that cannot give a token fails a deploy with gcloud's reason; a dry run goes on without state", async () => {
  const notLoggedIn = fakeGcloud('echo "ERROR: (gcloud.auth.print-access-token) You do not currently have an active account selected." >&2\nexit 1');
  const run = await deploy(standIn, dist, [], { APIGEE_TOKEN: undefined, PATH: notLoggedIn });
  expect(run.status).toBe(2);
  expect(run.stderr).toBe(
    "apigee-aws: gcloud auth print-access-token failed: ERROR: (gcloud.auth.print-access-token) You do not currently have an active account selected. Run gcloud auth login, or pass a token with --token or APIGEE_TOKEN.\n"
  );
  const dry = await deploy(standIn, dist, ["--dry-run"], { APIGEE_TOKEN: undefined, PATH: notLoggedIn });
  expect(dry.status).toBe(0);
  expect(dry.stderr).toMatch(/no token \(gcloud auth print-access-token failed: ERROR: .*\): the dry run shows every step/);
  expect(dry.routes).toEqual([]);
});

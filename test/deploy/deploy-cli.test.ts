// `apigee-aws deploy` end to end against the management API stand-in: the
// README example deployed in dependency order, a second deploy that uploads
// nothing, a change to one proxy that uploads exactly one bundle, dry runs
// with their apigeecli equivalents, JSON output, and gcloud as token source.
// In-process; the first deploy also through the real bin.

import * as fs from "node:fs";
import * as path from "node:path";
import { readFileTree } from "../../src/common/file-tree";
import { bundleContentHash, recordedContentHash } from "../../src/common/bundle-content-hash";
import { serviceAccountEmail, serviceAccountId } from "../../src/plan/service-accounts";
import { ApigeeStandIn } from "../support/management-api";
import { requireBuilt } from "../support/built";
import { buildDist, copyDist, STARTER_INTENT } from "./support/dist-fixture";
import { deploy, deployThroughBin, mutations, outputs, TOKEN } from "./support/deploy-run";
import { gcloudPrinting } from "./support/fake-gcloud";
import { runCliAsync } from "./support/run-cli-async";

/** The account the build names for artifacts in test (src/plan/service-accounts.ts), which the property set carries. */
const SA = serviceAccountEmail(serviceAccountId("artifacts", "test"), "my-project");
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
  for (const text of outputs) expect(text).not.toContain(TOKEN);
});

const treeOf = (dir: string) => [...readFileTree(dir)].map(([rel, c]) => `${rel}:${c.toString("base64")}`).join("\n");

function bundleHash(folder: string, root: string): string {
  return bundleContentHash(new Map([...readFileTree(path.join(dist, folder, root))].map(([rel, c]) => [`${root}/${rel}`, c])));
}

test("deploys the README example: shared flows in FlowCallout order, the property set, then the proxy; dist is left as built (bin/apigee-aws.js)", async () => {
  const before = treeOf(dist);
  const run = await deployThroughBin(standIn, dist);
  expect(run.stderr).toMatch(/using the token from APIGEE_TOKEN/);
  expect(run.status).toBe(0);
  expect(mutations(run.routes)).toEqual([
    "import-sharedflow",
    "deploy-sharedflow",
    "import-sharedflow",
    "deploy-sharedflow",
    "import-sharedflow",
    "deploy-sharedflow",
    "create-resourcefile",
    "import-proxy",
    "deploy-proxy"
  ]);
  const writes = standIn.log.mutations();
  expect(writes.map((c) => `${c.method} ${c.path}?${new URLSearchParams(c.query)}`)).toEqual([
    "POST /v1/organizations/acme/sharedflows?action=import&name=aws-credentials",
    "POST /v1/organizations/acme/environments/test/sharedflows/aws-credentials/revisions/1/deployments?override=true",
    "POST /v1/organizations/acme/sharedflows?action=import&name=aws-sigv4",
    "POST /v1/organizations/acme/environments/test/sharedflows/aws-sigv4/revisions/1/deployments?override=true",
    "POST /v1/organizations/acme/sharedflows?action=import&name=aws-ssm-parameter",
    "POST /v1/organizations/acme/environments/test/sharedflows/aws-ssm-parameter/revisions/1/deployments?override=true",
    "POST /v1/organizations/acme/environments/test/resourcefiles?name=apigeeaws&type=properties",
    "POST /v1/organizations/acme/apis?action=import&name=artifacts",
    `POST /v1/organizations/acme/environments/test/apis/artifacts/revisions/1/deployments?override=true&serviceAccount=${encodeURIComponent(SA)}`
  ]);
  expect(writes.filter((c) => c.upload).every((c) => c.upload!.field === "file" && c.upload!.bytes > 0)).toBe(true);
  // Each deployment was waited for: its state was read until READY before the next step.
  expect(run.routes.filter((r) => r.endsWith("deployment-status"))).toHaveLength(8);
  expect(run.stdout).toBe("Deployed to organization acme, environment test: 4 uploaded, 4 deployed, 0 unchanged; property set apigeeaws created.\n");
  expect(run.stderr).toMatch(/\[1\/5\] shared flow aws-credentials: upload and deploy — new:[^\n]*\n[^\n]*\n\S+\s+deploying revision 1 to test\n[\s\S]*READY after/);
  expect(run.stderr).toContain(`[5/5] proxy artifacts: upload and deploy`);
  expect(run.stderr).toContain(`deploying revision 1 to test as ${SA}\n`);
  expect(standIn.org.resourceFile("test", "properties", "apigeeaws")!.equals(fs.readFileSync(path.join(dist, "env/test/propertysets/apigeeaws.properties")))).toBe(true);
  // The uploaded revisions record the bundles' content hashes; dist itself was not modified.
  expect(recordedContentHash(standIn.org.revision("proxy", "artifacts", 1)!.bundle.description)).toBe(bundleHash("proxies/artifacts", "apiproxy"));
  expect(recordedContentHash(standIn.org.revision("sharedflow", "aws-sigv4", 1)!.bundle.description)).toBe(bundleHash("sharedflows/aws-sigv4", "sharedflowbundle"));
  expect(treeOf(dist)).toBe(before);
});

test("a second deploy with nothing changed uploads and deploys nothing", async () => {
  expect((await deploy(standIn, dist)).status).toBe(0);
  const again = await deploy(standIn, dist);
  expect(again.status).toBe(0);
  expect(mutations(again.routes)).toEqual([]);
  expect(again.stdout).toBe("Deployed to organization acme, environment test: 0 uploaded, 0 deployed, 4 unchanged; property set apigeeaws unchanged.\n");
  expect(again.stderr).toMatch(/\[5\/5\] proxy artifacts: unchanged: revision 1 has sha256:[0-9a-f]{12}… and is deployed/);
});

test("a change to one proxy uploads exactly that proxy", async () => {
  expect((await deploy(standIn, dist)).status).toBe(0);
  const changed = buildDist(fs.readFileSync(STARTER_INTENT, "utf8").replaceAll("s3://my-artifacts/builds/", "s3://my-artifacts/releases/"));
  const run = await deploy(standIn, changed);
  expect(run.status).toBe(0);
  expect(mutations(run.routes)).toEqual(["import-proxy", "deploy-proxy"]);
  expect(run.stdout).toBe("Deployed to organization acme, environment test: 1 uploaded, 1 deployed, 3 unchanged; property set apigeeaws unchanged.\n");
  expect(run.stderr).toMatch(/proxy artifacts: upload and deploy — changed: deployed revision 1 has sha256:\w{12}…, dist has sha256:\w{12}…/);
  expect(standIn.org.deployment("test", "proxy", "artifacts")!.revision).toBe(2);
});

test("a revision that already holds the content is deployed without a new upload", async () => {
  standIn.inject("deploy-proxy", { kind: "forbidden", permission: "apigee.deployments.create" }, 1);
  expect((await deploy(standIn, dist)).status).toBe(2);
  const resumed = await deploy(standIn, dist);
  expect(resumed.status).toBe(0);
  expect(mutations(resumed.routes)).toEqual(["deploy-proxy"]);
  expect(resumed.stderr).toMatch(/proxy artifacts: deploy revision 1 — revision 1 already has sha256:\w{12}…; deploying it without a new upload/);
  expect(resumed.stdout).toMatch(/0 uploaded, 1 deployed, 3 unchanged/);
});

test("a dry run without a token prints every call in order with its apigeecli equivalent, and calls nothing", async () => {
  const run = await deploy(standIn, dist, ["--dry-run"], { APIGEE_TOKEN: undefined });
  expect(run.status).toBe(0);
  expect(run.routes).toEqual([]);
  expect(run.stderr).toMatch(/no token \(no --token, no APIGEE_TOKEN, no Application Default Credentials, no gcloud on PATH\)/);
  const out = run.stdout;
  expect(out).toMatch(/^Current state: not read \(no token/m);
  const calls = out.split("\n").filter((l) => /^ {3}(GET|POST|PUT) /.test(l)).map((l) => l.trim().replace(/ \(.*$/, "").replace(/\?.*$/, ""));
  expect(calls).toEqual([
    "POST /v1/organizations/acme/sharedflows",
    "POST /v1/organizations/acme/environments/test/sharedflows/aws-credentials/revisions/{new}/deployments",
    "GET /v1/organizations/acme/environments/test/sharedflows/aws-credentials/revisions/{new}/deployments",
    "POST /v1/organizations/acme/sharedflows",
    "POST /v1/organizations/acme/environments/test/sharedflows/aws-sigv4/revisions/{new}/deployments",
    "GET /v1/organizations/acme/environments/test/sharedflows/aws-sigv4/revisions/{new}/deployments",
    "POST /v1/organizations/acme/sharedflows",
    "POST /v1/organizations/acme/environments/test/sharedflows/aws-ssm-parameter/revisions/{new}/deployments",
    "GET /v1/organizations/acme/environments/test/sharedflows/aws-ssm-parameter/revisions/{new}/deployments",
    "POST /v1/organizations/acme/environments/test/resourcefiles",
    "POST /v1/organizations/acme/apis",
    "POST /v1/organizations/acme/environments/test/apis/artifacts/revisions/{new}/deployments",
    "GET /v1/organizations/acme/environments/test/apis/artifacts/revisions/{new}/deployments"
  ]);
  const zip = path.join(dist, "sharedflows/aws-sigv4.zip");
  expect(out).toContain(`   POST /v1/organizations/acme/sharedflows?action=import&name=aws-sigv4 (file ${zip})\n     $ apigeecli sharedflows create bundle -o acme -n aws-sigv4 -p ${zip} -t "$TOKEN"\n`);
  expect(out).toContain(`?override=true&serviceAccount=${SA}\n     $ apigeecli apis deploy -o acme -e test -n artifacts --ovr --sa ${SA} --wait -t "$TOKEN"\n`);
  expect(out).toContain(`     $ apigeecli resources create -o acme -e test -n apigeeaws -p properties --respath ${path.join(dist, "env/test/propertysets/apigeeaws.properties")} -t "$TOKEN"\n`);
  expect(out).toMatch(/Dry run: nothing was changed\.\n$/);
});

test("a dry run with a token reads the current state and shows what would be skipped, changing nothing", async () => {
  expect((await deploy(standIn, dist)).status).toBe(0);
  const changed = buildDist(fs.readFileSync(STARTER_INTENT, "utf8").replaceAll("builds/", "nightly/"));
  const run = await deploy(standIn, changed, ["--dry-run"]);
  expect(run.status).toBe(0);
  expect(mutations(run.routes)).toEqual([]);
  expect(run.stdout).toMatch(/^1\. shared flow aws-credentials: unchanged: revision 1 has sha256:\w{12}… and is deployed\n {3}\(no calls\)$/m);
  expect(run.stdout).toMatch(/^4\. property set apigeeaws: unchanged: properties\/apigeeaws in test has the same content$/m);
  expect(run.stdout).toMatch(/^5\. proxy artifacts: upload and deploy — changed: deployed revision 1 has sha256:\w{12}…, dist has sha256:\w{12}…\n {3}POST \/v1\/organizations\/acme\/apis\?action=import&name=artifacts /m);
  expect(run.stdout).toMatch(/apigeecli apis deploy -o acme -e test -n artifacts --ovr --sa \S+ --wait/);
});

test("--json reports the plan and the result for CI", async () => {
  const run = await deploy(standIn, dist, ["--json"]);
  expect(run.status).toBe(0);
  const report = JSON.parse(run.stdout);
  expect(report).toMatchObject({ ok: true, dryRun: false, organization: "acme", environment: "test", stateRead: true, summary: { uploaded: 4, deployed: 4, unchanged: 0 } });
  expect(report.steps.map((s: { name: string; action: string }) => `${s.name}:${s.action}`)).toEqual([
    "aws-credentials:upload-and-deploy",
    "aws-sigv4:upload-and-deploy",
    "aws-ssm-parameter:upload-and-deploy",
    "apigeeaws:create",
    "artifacts:upload-and-deploy"
  ]);
  expect(report.results.find((r: { name: string }) => r.name === "artifacts")).toMatchObject({ outcome: "uploaded and deployed", revision: "1", serviceAccount: SA });
  expect(report.steps.find((s: { name: string }) => s.name === "artifacts")).toMatchObject({ serviceAccount: SA, serviceAccountSource: expect.stringMatching(/env\/test\/propertysets\/apigeeaws\.properties: artifacts\.serviceAccount$/) });
  expect(report.steps.find((s: { name: string }) => s.name === "aws-credentials").serviceAccount).toBeUndefined();
});

test("takes the token from gcloud when there is no flag or variable", async () => {
  const run = await deploy(standIn, dist, [], { APIGEE_TOKEN: undefined, PATH: gcloudPrinting(TOKEN) });
  expect(run.status).toBe(0);
  expect(run.stderr).toMatch(/using the token from gcloud auth print-access-token/);
  expect(standIn.log.calls.every((c) => c.authorized)).toBe(true);
});

test("the build records each bundle's hash, so dist's zip is uploaded as built; one edited after the build, or without a hash, goes as a stamped copy", async () => {
  const recorded = copyDist(dist);
  const root = path.join(recorded, "proxies/artifacts/apiproxy");
  const files = new Map([...readFileTree(root)].map(([rel, c]) => [`apiproxy/${rel}`, c]));
  const hash = bundleContentHash(files);
  expect(recordedContentHash(files.get("apiproxy/artifacts.xml")!.toString())).toBe(hash);
  const zip = fs.readFileSync(path.join(recorded, "proxies/artifacts.zip"));
  const asBuilt = await deploy(standIn, recorded, ["--dry-run"]);
  expect(asBuilt.stdout).toContain(`POST /v1/organizations/acme/apis?action=import&name=artifacts (file ${path.join(recorded, "proxies/artifacts.zip")})`);
  expect((await deploy(standIn, recorded)).status).toBe(0);
  expect(standIn.log.ofRoute("import-proxy")[0].upload!.bytes).toBe(zip.length);

  const policy = path.join(root, "policies/RF-MethodNotAllowed.xml");
  fs.writeFileSync(policy, fs.readFileSync(policy, "utf8").replace("</RaiseFault>", "<!-- edited --></RaiseFault>"));
  const edited = await deploy(standIn, recorded);
  expect(edited.status).toBe(0);
  expect(edited.stderr).toMatch(/proxies\/artifacts was changed after it was built \(it records sha256:\w{12}…, its files hash to sha256:\w{12}…\); uploading a copy stamped with the new hash \(dist is unchanged\)/);
  const newHash = recordedContentHash(standIn.org.revision("proxy", "artifacts", 2)!.bundle.description);
  expect(newHash).not.toBe(hash);
  expect(recordedContentHash(fs.readFileSync(path.join(root, "artifacts.xml"), "utf8"))).toBe(hash);
  expect(mutations((await deploy(standIn, recorded)).routes)).toEqual([]);

  const unstamped = copyDist(dist);
  const descriptor = path.join(unstamped, "sharedflows/aws-sigv4/sharedflowbundle/aws-sigv4.xml");
  fs.writeFileSync(descriptor, fs.readFileSync(descriptor, "utf8").replace(/ ?\[apigee-aws content sha256:[0-9a-f]{64}\]/, ""));
  const plan = await deploy(standIn, unstamped, ["--dry-run"], { APIGEE_TOKEN: undefined });
  expect(plan.stdout).toContain(`(file a stamped copy of ${path.join(unstamped, "sharedflows/aws-sigv4")})`);
});

test("--help describes the command", async () => {
  const run = await runCliAsync(["deploy", "--help"]);
  expect(run.status).toBe(0);
  for (const option of ["--org <org>", "--env <env>", "--token <token>", "--service-account <email>", "--api-url <url>", "--dry-run", "--json", "--timeout <seconds>"]) {
    expect(run.stdout).toContain(option);
  }
});

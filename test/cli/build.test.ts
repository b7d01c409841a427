// `apigee-aws build`: the intent into bundles, property sets and IAM
// documents, written all at once; `--check` finds drift; bad input writes
// nothing and says where. In-process; a new user's first build also through
// the real bin.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { manyProxiesIntent } from "../../src/bench/build-benchmark";
import { packageRoot } from "../../src/common/paths";
import { loadDeployedBundle } from "../../src/runner/deployed-bundle";
import { requireBuilt } from "../support/built";
import { runCli, spawnCli } from "../support/cli";

const TEMPLATE = path.join(packageRoot(), "templates/s3-read.yaml");
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "apigee-aws-build-"));

beforeAll(() => requireBuilt("cli.js"));

test("builds the starter intent: proxies, shared flows, property sets and IAM documents, the same bytes every time", async () => {
  const a = path.join(tmp(), "dist");
  const b = path.join(tmp(), "dist");
  const run = await runCli(["build", TEMPLATE, "--out", a]);
  expect(run.stderr).toBe("");
  expect(run.stdout).toMatch(/built .*s3-read\.yaml into .*: 1 proxies \(artifacts\), 2 environments, \d+ files/);
  expect((await runCli(["build", TEMPLATE, "--out", b])).status).toBe(0);
  for (const rel of [
    "proxies/artifacts/apiproxy/artifacts.xml",
    "proxies/artifacts.zip",
    "sharedflows/aws-credentials.zip",
    "sharedflows/aws-sigv4/sharedflowbundle/aws-sigv4.xml",
    "env/prod/propertysets/apigeeaws.properties",
    "aws/prod/artifacts/trust-policy.json",
    "aws/test/artifacts/permissions-policy.json",
    "aws/terraform/main.tf"
  ]) {
    expect(fs.readFileSync(path.join(a, rel)).equals(fs.readFileSync(path.join(b, rel)))).toBe(true);
  }
  expect(fs.readFileSync(path.join(a, "env/prod/propertysets/apigeeaws.properties"), "utf8")).toMatch(/artifacts\.roleArn=arn:aws:iam::123456789012:role\/apigee-artifacts-prod/);
  expect(loadDeployedBundle(path.join(a, "proxies/artifacts")).bundle.kind).toBe("apiproxy");
  expect(loadDeployedBundle(path.join(a, "proxies/artifacts.zip")).bundle.kind).toBe("apiproxy");
});

test("--check passes on a fresh build and names each file that drifted", async () => {
  const out = path.join(tmp(), "dist");
  await runCli(["build", TEMPLATE, "--out", out]);
  expect((await runCli(["build", TEMPLATE, "--out", out, "--check"])).status).toBe(0);
  fs.appendFileSync(path.join(out, "aws/prod/artifacts/trust-policy.json"), " ");
  fs.writeFileSync(path.join(out, "stray.txt"), "x");
  fs.rmSync(path.join(out, "proxies/artifacts.zip"));
  const check = await runCli(["build", TEMPLATE, "--out", out, "--check"]);
  expect(check.status).toBe(1);
  expect(check.stderr).toMatch(/is not what .*s3-read\.yaml builds \(3 files differ\)/);
  expect(check.stderr).toMatch(/missing  proxies\/artifacts\.zip/);
  expect(check.stderr).toMatch(/changed  aws\/prod\/artifacts\/trust-policy\.json/);
  expect(check.stderr).toMatch(/extra    stray\.txt/);
});

test("an invalid intent writes nothing and names file, line and field", async () => {
  const dir = tmp();
  const intent = path.join(dir, "bad.yaml");
  fs.writeFileSync(intent, fs.readFileSync(TEMPLATE, "utf8").replace("region: us-east-1", "regoin: us-east-1"));
  const out = path.join(dir, "dist");
  const run = await runCli(["build", intent, "--out", out]);
  expect(run.status).toBe(2);
  expect(run.stderr).toMatch(/bad\.yaml:\d+:\d+: aws\.regoin: .*did you mean 'region'/i);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(fs.existsSync(out)).toBe(false);
});

test("a previous build is replaced whole, never left half-written", async () => {
  const out = path.join(tmp(), "dist");
  await runCli(["build", TEMPLATE, "--out", out]);
  fs.writeFileSync(path.join(out, "old-file.txt"), "from before");
  expect((await runCli(["build", TEMPLATE, "--out", out])).status).toBe(0);
  expect(fs.existsSync(path.join(out, "old-file.txt"))).toBe(false);
  expect(fs.readdirSync(path.dirname(out)).filter((f) => f.startsWith(".dist."))).toEqual([]);
});

test("a long build shows progress on a terminal, and nothing in CI or in a pipe", async () => {
  const dir = tmp();
  const intent = path.join(dir, "many.yaml");
  fs.writeFileSync(intent, manyProxiesIntent(60));
  const onTerminal = (CI: string | undefined) => runCli(["build", intent, "--out", path.join(dir, "dist")], { stdoutIsTty: true, stderrIsTty: true, env: { CI } });
  const tty = await onTerminal(undefined);
  expect(tty.status).toBe(0);
  expect(tty.stderr).toMatch(/building proxy \d+ of 60/);
  expect(tty.stdout).toMatch(/built .*many\.yaml into .*: 60 proxies/);
  expect((await onTerminal("true")).stderr).not.toContain("building proxy");
  const piped = await runCli(["build", intent, "--out", path.join(dir, "dist")]);
  expect([piped.status, piped.stderr]).toEqual([0, ""]);
});

test("--out never replaces a folder of other files, the working directory, or the intent's folder", async () => {
  const dir = tmp();
  const mine = path.join(dir, "mine");
  fs.mkdirSync(mine);
  fs.writeFileSync(path.join(mine, "notes.txt"), "keep me");
  const refused = await runCli(["build", TEMPLATE, "--out", mine]);
  expect(refused.status).toBe(2);
  expect(refused.stderr).toMatch(/--out .*mine holds files apigee-aws build did not write \(notes\.txt\) and build replaces the whole folder, so it is left alone; point --out at a new or empty folder/);
  expect(fs.readFileSync(path.join(mine, "notes.txt"), "utf8")).toBe("keep me");

  const intent = path.join(dir, "apigee-aws.yaml");
  fs.copyFileSync(TEMPLATE, intent);
  const here = await runCli(["build", "--out", "."], { cwd: dir });
  expect(here.status).toBe(2);
  expect(here.stderr).toMatch(/--out \. is the working directory or a folder above it/);
  const holdsIntent = await runCli(["build", intent, "--out", dir]);
  expect(holdsIntent.status).toBe(2);
  expect(holdsIntent.stderr).toMatch(/is the working directory or a folder above it|holds the intent file/);
  expect(fs.existsSync(intent)).toBe(true);

  const file = path.join(dir, "a-file");
  fs.writeFileSync(file, "x");
  expect((await runCli(["build", TEMPLATE, "--out", file])).stderr).toMatch(/--out .*a-file is a file, not a folder/);
  const empty = path.join(dir, "empty");
  fs.mkdirSync(empty);
  expect((await runCli(["build", TEMPLATE, "--out", empty])).status).toBe(0);
  expect(fs.readFileSync(path.join(empty, ".apigee-aws-build"), "utf8")).toMatch(/written by `apigee-aws build`, which replaces it whole/);
});

test("no intent file here: build and explain point a new user at apigee-aws init", async () => {
  const dir = tmp();
  for (const command of ["build", "explain"]) {
    const run = await runCli([command], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/no intent file given and no apigee-aws\.yaml here; create one with apigee-aws init/);
  }
});

describe("--ids: the accounts' unique IDs for the JSON trust policies", () => {
  const TEST_ACCOUNT = "aa-artifacts-test-q3wqreedy@my-project.iam.gserviceaccount.com";
  const PROD_ACCOUNT = "aa-artifacts-prod-3dyehc2nx@my-project.iam.gserviceaccount.com";
  const trustOf = (dist: string, env: string) => JSON.parse(fs.readFileSync(path.join(dist, `aws/${env}/artifacts/trust-policy.json`), "utf8")).Statement[0].Condition.StringEquals;

  test("without them the trust policies trust nobody, and build says how to fill them in", async () => {
    const dist = path.join(tmp(), "dist");
    const run = await runCli(["build", TEMPLATE, "--out", dist]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("service accounts to create (aws/terraform): 2 in my-project\n");
    expect(run.stdout).toMatch(/note: 2 gateway-mode service accounts' unique IDs are not known yet: .*build again with --ids FILE/);
    expect(trustOf(dist, "prod")["accounts.google.com:sub"]).toBe(`UNIQUE-ID-OF-${PROD_ACCOUNT}`);
  });

  test("terraform output -json, as Terraform writes it, fills them in; a plain map does too", async () => {
    const dir = tmp();
    const terraformOutput = path.join(dir, "outputs.json");
    fs.writeFileSync(
      terraformOutput,
      JSON.stringify({
        role_arns: { sensitive: false, type: ["object", {}], value: {} },
        service_account_unique_ids: { sensitive: false, type: ["object", { [TEST_ACCOUNT]: "string", [PROD_ACCOUNT]: "string" }], value: { [TEST_ACCOUNT]: "104857600000000000011", [PROD_ACCOUNT]: "104857600000000000012" } }
      })
    );
    const dist = path.join(dir, "dist");
    const run = await runCli(["build", TEMPLATE, "--out", dist, "--ids", terraformOutput]);
    expect([run.status, run.stderr]).toEqual([0, ""]);
    expect(run.stdout).not.toContain("note:");
    expect(trustOf(dist, "test")).toEqual({ "accounts.google.com:aud": "104857600000000000011", "accounts.google.com:oaud": "sts.amazonaws.com", "accounts.google.com:sub": "104857600000000000011" });
    expect(trustOf(dist, "prod")["accounts.google.com:sub"]).toBe("104857600000000000012");
    const plain = path.join(dir, "ids.json");
    fs.writeFileSync(plain, JSON.stringify({ [PROD_ACCOUNT]: "104857600000000000012" }));
    const partly = await runCli(["build", TEMPLATE, "--out", dist, "--ids", plain]);
    expect(partly.stdout).toMatch(/note: 1 gateway-mode service account's unique ID is not known yet/);
    expect(trustOf(dist, "prod")["accounts.google.com:sub"]).toBe("104857600000000000012");
    expect(trustOf(dist, "test")["accounts.google.com:sub"]).toBe(`UNIQUE-ID-OF-${TEST_ACCOUNT}`);
  });

  test.each([
    ["not JSON", "{", /^apigee-aws: --ids .*bad\.json: not JSON \(.*\); give the output of terraform output -json/],
    ["an ID as a number", `{"${"aa-x-test-aaaaaaaaa@p.iam.gserviceaccount.com"}": 104857600000000000012}`, /--ids .*bad\.json:\n {2}aa-x-test-aaaaaaaaa@p\.iam\.gserviceaccount\.com: expected its 21-digit unique ID as a string, found 104857600000000000000/],
    ["a key that is no email", '{"prod": "104857600000000000012"}', /--ids .*bad\.json:\n {2}"prod" is not a service account email/],
    ["the output without its value", '{"service_account_unique_ids": {"a": 1}}', /"service_account_unique_ids" should be terraform output -json's \{"value": \{"EMAIL": "UNIQUE_ID", …\}\}/]
  ])("%s is refused with the file named, and nothing is written", async (_case, content, message) => {
    const dir = tmp();
    const file = path.join(dir, "bad.json");
    fs.writeFileSync(file, content);
    const run = await runCli(["build", TEMPLATE, "--out", path.join(dir, "dist"), "--ids", file]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(path.join(dir, "dist"))).toBe(false);
  });

  test("a missing file names itself", async () => {
    const run = await runCli(["build", TEMPLATE, "--out", path.join(tmp(), "dist"), "--ids", "/nonexistent/ids.json"]);
    expect([run.status, run.stderr]).toEqual([2, "apigee-aws: --ids /nonexistent/ids.json: cannot read it (ENOENT)\n"]);
  });
});

test("the default intent builds into dist/ in the working directory (bin/apigee-aws.js)", async () => {
  const dir = tmp();
  fs.copyFileSync(TEMPLATE, path.join(dir, "apigee-aws.yaml"));
  const run = await spawnCli(["build"], { cwd: dir });
  expect([run.status, run.stderr]).toEqual([0, ""]);
  expect(run.stdout).toMatch(/^built apigee-aws\.yaml into dist: 1 proxies \(artifacts\), 2 environments, \d+ files\nservice accounts to create \(aws\/terraform\): 2 in my-project\n/);
  expect(fs.existsSync(path.join(dir, "dist/proxies/artifacts.zip"))).toBe(true);
});

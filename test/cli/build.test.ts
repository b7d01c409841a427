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

test("the default intent builds into dist/ in the working directory (bin/apigee-aws.js)", async () => {
  const dir = tmp();
  fs.copyFileSync(TEMPLATE, path.join(dir, "apigee-aws.yaml"));
  const run = await spawnCli(["build"], { cwd: dir });
  expect([run.status, run.stderr]).toEqual([0, ""]);
  expect(run.stdout).toMatch(/^built apigee-aws\.yaml into dist: 1 proxies \(artifacts\), 2 environments, \d+ files\n$/);
  expect(fs.existsSync(path.join(dir, "dist/proxies/artifacts.zip"))).toBe(true);
});

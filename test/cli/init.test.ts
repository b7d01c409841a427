// `apigee-aws init`: a starter intent that loads, explains and builds where
// it was written, with its schema line pointing at the package's schema;
// never an accidental overwrite. In-process, with the working directory the
// test gives; the default run also through the real bin.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { packageRoot } from "../../src/common/paths";
import { loadIntentFile } from "../../src/intent";
import { requireBuilt } from "../support/built";
import { runCli, spawnCli } from "../support/cli";

const SCHEMA = path.join(packageRoot(), "schema", "intent.schema.json");
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "apigee-aws-init-"));

/** The CLI run in `cwd`: init writes, and build reads, relative to it. */
const runIn = (cwd: string, args: string[]) => runCli(args, { cwd });

/** The file the schema line of `file` points at, resolved as the YAML language server does: relative to the file. */
function schemaTarget(file: string): string {
  const first = fs.readFileSync(file, "utf8").split("\n")[0];
  const match = /^# yaml-language-server: \$schema=(.+)$/.exec(first);
  if (!match) throw new Error(`${file} does not start with a schema line: ${first}`);
  expect(match[1]).not.toContain("\\");
  return path.resolve(path.dirname(file), match[1]);
}

beforeAll(() => requireBuilt("cli.js", "callouts/s3-key.js"));

test("--list names every template with its description, and writes nothing", async () => {
  const dir = tmp();
  const run = await runIn(dir, ["init", "--list"]);
  expect(run.status).toBe(0);
  expect(run.stdout).toBe(
    "full     Every option of an apigee-aws intent, with its default. Copy what you need.\n" +
      "s3-read  Starter intent: one read-only proxy in front of an S3 folder. (default)\n"
  );
  expect(fs.readdirSync(dir)).toEqual([]);
});

test("writes apigee-aws.yaml from s3-read by default: it loads, says what to do next, and its schema line resolves (bin/apigee-aws.js)", async () => {
  const dir = tmp();
  const run = await spawnCli(["init"], { cwd: dir });
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  const file = path.join(dir, "apigee-aws.yaml");
  expect(run.stdout).toMatch(/^wrote apigee-aws\.yaml from template s3-read: Starter intent/);
  expect(run.stdout).toMatch(/Edit the 7 lines marked CHANGE in apigee-aws\.yaml/);
  expect(run.stdout).toMatch(/apigee-aws explain +says who may call/);
  expect(run.stdout).toMatch(/apigee-aws build +writes the bundles/);
  expect(schemaTarget(file)).toBe(SCHEMA);
  const text = fs.readFileSync(file, "utf8");
  expect(text).not.toContain("point the schema line above");
  expect(text).toContain("artifacts: s3://my-artifacts/builds/ read");
  expect(loadIntentFile(file).proxies.map((p) => p.name)).toEqual(["artifacts"]);
  expect(fs.readdirSync(dir)).toEqual(["apigee-aws.yaml"]);
});

test("then explain and build work in that folder with no arguments", async () => {
  const dir = tmp();
  expect((await runIn(dir, ["init"])).status).toBe(0);
  const explain = await runIn(dir, ["explain"]);
  expect(explain.status).toBe(0);
  expect(explain.stdout).toContain("Proxy artifacts");
  const build = await runIn(dir, ["build", "apigee-aws.yaml", "--out", "dist"]);
  expect(build.stderr).toBe("");
  expect(build.status).toBe(0);
  expect(fs.existsSync(path.join(dir, "dist/aws/prod/artifacts/trust-policy.json"))).toBe(true);
  expect(fs.existsSync(path.join(dir, "dist/proxies/artifacts.zip"))).toBe(true);
});

test("--template full --out in a new subfolder: the schema path climbs out of it; the file builds", async () => {
  const dir = tmp();
  const run = await runIn(dir, ["init", "--template", "full", "--out", "api/intents/apis.yaml"]);
  expect(run.status).toBe(0);
  expect(run.stdout).toMatch(/apigee-aws explain api\/intents\/apis\.yaml/);
  const file = path.join(dir, "api/intents/apis.yaml");
  expect(fs.readFileSync(file, "utf8").split("\n")[0]).toMatch(/^# yaml-language-server: \$schema=(\.\.\/)+.*schema\/intent\.schema\.json$/);
  expect(schemaTarget(file)).toBe(SCHEMA);
  expect(loadIntentFile(file).proxies).toHaveLength(5);
  const build = await runIn(dir, ["build", "api/intents/apis.yaml", "--out", "dist"]);
  expect(build.status).toBe(0);
});

test("refuses to overwrite an existing file without --force, and replaces it with --force", async () => {
  const dir = tmp();
  const file = path.join(dir, "apigee-aws.yaml");
  fs.writeFileSync(file, "mine\n");
  const refused = await runIn(dir, ["init"]);
  expect(refused.status).toBe(2);
  expect(refused.stderr).toMatch(/apigee-aws\.yaml already exists; not overwriting it\. Pass --force/);
  expect(fs.readFileSync(file, "utf8")).toBe("mine\n");
  const forced = await runIn(dir, ["init", "--force"]);
  expect(forced.status).toBe(0);
  expect(loadIntentFile(file).proxies).toHaveLength(1);
  expect(fs.readdirSync(dir)).toEqual(["apigee-aws.yaml"]);
});

test("--out naming a folder is refused", async () => {
  const dir = tmp();
  const run = await runIn(dir, ["init", "--out", ".", "--force"]);
  expect(run.status).toBe(2);
  expect(run.stderr).toMatch(/\. is a folder; give --out a file name/);
});

test("an unknown template: exit 2, did-you-mean and the list; nothing written", async () => {
  const dir = tmp();
  const run = await runIn(dir, ["init", "--template", "s3-raed"]);
  expect(run.status).toBe(2);
  expect(run.stderr).toBe(`apigee-aws: there is no template "s3-raed". Did you mean 's3-read'? Templates: full, s3-read (apigee-aws init --list describes them).\n`);
  expect(fs.readdirSync(dir)).toEqual([]);
  expect((await runCli(["init", "--template", "../package", "--out", path.join(dir, "x.yaml")])).status).toBe(2);
});

// `apigee-aws explain`: text and JSON, filters, and bad input answered with
// one message and exit 2. In-process; the starter intent also through the
// real bin.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { packageRoot } from "../../src/common/paths";
import { requireBuilt } from "../support/built";
import { runCli, spawnCli } from "../support/cli";

const TEMPLATES = path.join(packageRoot(), "templates");
const S3_READ = path.join(TEMPLATES, "s3-read.yaml");
const FULL = path.join(TEMPLATES, "full.yaml");
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "apigee-aws-explain-"));

/** The CLI run in `cwd`, for the default intent file name. */
const runIn = (cwd: string, args: string[]) => runCli(args, { cwd });

beforeAll(() => requireBuilt("cli.js", "callouts/s3-key.js"));

test("explains the starter intent in plain text: callers, requests, identity, and each environment's role (bin/apigee-aws.js)", async () => {
  const run = await spawnCli(["explain", S3_READ]);
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  // Wrapped at 100 columns, so where the line breaks depends on the path of the checkout.
  expect(run.stdout).toMatch(/^\S*s3-read\.yaml:\s+AWS\s+account\s+123456789012,\s+region\s+us-east-1;\s+environments\s+test,\s+prod;\s+1\s+proxy\.\n/);
  expect(run.stdout).toContain("Proxy artifacts: base path /artifacts, read access to s3://my-artifacts/builds/");
  expect(run.stdout).toContain("issuer (iss) https://auth.example.com/");
  expect(run.stdout).toContain("Identity Apigee presents to AWS: gateway");
  for (const env of ["test", "prod"]) {
    expect(run.stdout).toContain(`Role arn:aws:iam::123456789012:role/apigee-artifacts-${env} (max session 3600 s)`);
    expect(run.stdout).toContain(`Permissions (aws/${env}/artifacts/permissions-policy.json):`);
  }
  expect(run.stdout).toContain("- s3:GetObject on arn:aws:s3:::my-artifacts/builds/*");
});

test("--format json prints the facts for tools", async () => {
  const run = await runCli(["explain", FULL, "--format", "json"]);
  expect(run.status).toBe(0);
  const json = JSON.parse(run.stdout);
  expect(json.version).toBe(2);
  expect(json.proxies.map((p: { name: string }) => p.name)).toEqual(["artifacts", "uploads", "reports", "orders", "status"]);
  const reports = json.proxies[2];
  expect(reports.identity.mode).toBe("caller");
  expect(reports.environments[1].trust.statements[0].conditions[0]).toMatchObject({ key: "auth.example.com/:aud", values: ["reports-api"] });
});

test("--proxy and --env narrow the explanation", async () => {
  const run = await runCli(["explain", FULL, "--proxy", "orders", "--env", "prod", "--format", "json"]);
  expect(run.status).toBe(0);
  const json = JSON.parse(run.stdout);
  expect(json.environments).toEqual(["prod"]);
  expect(json.proxies.map((p: { name: string; environments: { name: string }[] }) => [p.name, p.environments.map((e) => e.name)])).toEqual([["orders", ["prod"]]]);
  const text = (await runCli(["explain", FULL, "--proxy", "orders", "--env", "prod"])).stdout;
  expect(text).toContain("orders in environment prod");
  expect(text).not.toContain("orders in environment test");
  expect(text).not.toContain("Proxy reports");
});

test("an unknown proxy or environment: exit 2, with did-you-mean", async () => {
  const proxy = await runCli(["explain", FULL, "--proxy", "order"]);
  expect(proxy.status).toBe(2);
  expect(proxy.stdout).toBe("");
  expect(proxy.stderr).toMatch(/there is no proxy "order" in .*full\.yaml\. Did you mean 'orders'\? Proxies: artifacts, uploads, reports, orders, status\./);
  const env = await runCli(["explain", FULL, "--env", "prd"]);
  expect(env.status).toBe(2);
  expect(env.stderr).toMatch(/Did you mean 'prod'\?/);
  const format = await runCli(["explain", FULL, "--format", "yaml"]);
  expect(format.status).toBe(2);
  expect(format.stderr).toMatch(/Allowed choices are text, json/);
});

test("a bad intent: exit 2, file:line:column and the field, no stack trace", async () => {
  const dir = tmp();
  const intent = path.join(dir, "bad.yaml");
  fs.writeFileSync(intent, fs.readFileSync(S3_READ, "utf8").replace("region: us-east-1", "regoin: us-east-1"));
  const run = await runCli(["explain", intent]);
  expect(run.status).toBe(2);
  expect(run.stdout).toBe("");
  expect(run.stderr).toMatch(/bad\.yaml:\d+:\d+: aws\.regoin: .*did you mean 'region'/i);
  expect(run.stderr).not.toMatch(/\n\s+at /);
});

test("an intent the build refuses is refused by explain with the build's message", async () => {
  const dir = tmp();
  const intent = path.join(dir, "per-second.yaml");
  fs.writeFileSync(intent, fs.readFileSync(FULL, "utf8").replace("quota: 600/minute", "quota: 10/second"));
  const explain = await runCli(["explain", intent]);
  const build = await runCli(["build", intent, "--out", path.join(dir, "dist")]);
  expect(explain.status).toBe(2);
  expect(build.status).toBe(2);
  expect(explain.stderr).toMatch(/per-second\.yaml:\d+:\d+: proxies\.reports\.quota: Apigee's Quota cannot count per second/);
  expect(explain.stderr).toBe(build.stderr);
});

test("without an argument it reads apigee-aws.yaml, and says what to do when there is none", async () => {
  const dir = tmp();
  const missing = await runIn(dir, ["explain"]);
  expect(missing.status).toBe(2);
  expect(missing.stderr).toMatch(/no intent file given and no apigee-aws\.yaml here.*apigee-aws init/);
  fs.copyFileSync(S3_READ, path.join(dir, "apigee-aws.yaml"));
  const run = await runIn(dir, ["explain"]);
  expect(run.status).toBe(0);
  expect(run.stdout).toMatch(/^apigee-aws\.yaml: AWS account/);
});

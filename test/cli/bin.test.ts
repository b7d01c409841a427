// bin/apigee-aws.js runs the CLI however it is reached (npm links it as a
// symlink), and a CLI that cannot start says why and exits 2, never 0.

import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { packageRoot } from "../../src/common/paths";
import { requireBuilt } from "../support/built";
import { runCli } from "../support/cli";

const BIN = path.join(packageRoot(), "bin/apigee-aws.js");
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "apigee-aws-bin-"));

beforeAll(() => requireBuilt("cli.js"));

test("through a symlink, as npm installs every bin, the CLI runs", () => {
  const link = path.join(tmp(), "apigee-aws");
  fs.symlinkSync(BIN, link);
  const run = spawnSync(link, ["init", "--list"], { encoding: "utf8" });
  expect(run.status).toBe(0);
  expect(run.stdout).toMatch(/^s3-read .*\(default\)$/m);
});

test("a package without its built CLI exits 2 and says how to get it", () => {
  const copy = tmp();
  fs.mkdirSync(path.join(copy, "bin"));
  fs.copyFileSync(BIN, path.join(copy, "bin/apigee-aws.js"));
  const run = spawnSync(process.execPath, [path.join(copy, "bin/apigee-aws.js"), "--version"], { encoding: "utf8" });
  expect(run.status).toBe(2);
  expect(run.stderr).toMatch(/^apigee-aws: .*lib\/cli\.js is missing\. In a checkout, run `npm ci`.*reinstall it\.\n$/);
});

test("a dependency that cannot be loaded exits 2 naming it", () => {
  const copy = tmp();
  fs.mkdirSync(path.join(copy, "bin"));
  fs.mkdirSync(path.join(copy, "lib"));
  fs.copyFileSync(BIN, path.join(copy, "bin/apigee-aws.js"));
  fs.writeFileSync(path.join(copy, "lib/cli.js"), 'require("commander-that-is-not-installed");\n');
  const run = spawnSync(process.execPath, [path.join(copy, "bin/apigee-aws.js"), "--version"], { encoding: "utf8" });
  expect(run.status).toBe(2);
  expect(run.stderr).toBe("apigee-aws: cannot load commander-that-is-not-installed, which it needs; reinstall apigee-aws (npm i apigee-aws) so its dependencies are installed.\n");
});

test("exit statuses: 0 done, 1 a check failed, 2 bad usage (in-process: run() makes main's status the exit code)", async () => {
  const status = async (args: string[]) => (await runCli(args)).status;
  expect(await status(["--help"])).toBe(0);
  expect(await status(["--version"])).toBe(0);
  expect(await status(["build", path.join(packageRoot(), "templates/s3-read.yaml"), "--out", path.join(tmp(), "never-built"), "--check"])).toBe(1);
  expect(await status(["build", "--no-such-flag"])).toBe(2);
  expect(await status(["no-such-command"])).toBe(2);
});

// The package as a new user gets it: `npm pack` from a copy of the checkout
// with no lib/ (prepack builds it), `npm i TARBALL` into an empty folder with
// install scripts not approved, then every command through the symlink npm
// makes (node_modules/.bin/apigee-aws), npx, and a global install.

import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { packageRoot } from "../../src/common/paths";
import { installGlobally, installTarball, packCheckout, tarballFiles } from "../../src/toolchain/package-install";

jest.setTimeout(240_000);

const root = packageRoot();
const work = fs.mkdtempSync(path.join(os.tmpdir(), "apigee-aws-package-"));
let tarball: string;
let consumer: string;
let bin: string;

beforeAll(() => {
  tarball = packCheckout(root, work);
  consumer = installTarball(tarball, work);
  bin = path.join(consumer, "node_modules", ".bin", "apigee-aws");
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(command, args, { cwd: consumer, encoding: "utf8", env: { ...process.env, ...env }, timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test("the tarball holds what users need and nothing else", () => {
  const files = tarballFiles(tarball);
  const top = [...new Set(files.map((f) => f.split("/")[0]))].sort();
  expect(top).toEqual(["LICENSE", "NOTICE", "README.md", "bin", "docs", "lib", "package.json", "policies", "schema", "sharedflows", "templates"]);
  for (const needed of ["bin/apigee-aws.js", "lib/cli.js", "lib/rhino-host.js", "lib/callouts/sigv4-sign.js", "lib/apigeelint-plugins/_apigee-aws-rules.js", "schema/intent.schema.json", "templates/s3-read.yaml"]) {
    expect(files).toContain(needed);
  }
  expect(files.filter((f) => f.startsWith("schema/"))).toEqual(["schema/intent.schema.json"]);
  expect(files.filter((f) => /(^|\/)(test|src|fixtures)\//.test(f) || /\.test\.|DEVELOPERS|\.tgz$|apigee-aws\.yaml$/.test(f))).toEqual([]);
  const manifest = JSON.parse(fs.readFileSync(path.join(consumer, "node_modules/apigee-aws/package.json"), "utf8"));
  expect(manifest.private).toBeUndefined();
  for (const buildTool of ["esbuild", "tsx", "typescript", "acorn", "acorn-walk", "@jridgewell/trace-mapping", "astring"]) expect(manifest.dependencies[buildTool]).toBeUndefined();
});

test("installs without install scripts, and the bin runs through npm's symlink and npx", () => {
  expect(fs.lstatSync(bin).isSymbolicLink()).toBe(true);
  const version = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).version;
  expect(run(bin, ["--version"])).toMatchObject({ status: 0, stdout: `${version}\n` });
  expect(run("npx", ["--no-install", "apigee-aws", "--version"])).toMatchObject({ status: 0, stdout: `${version}\n` });
  expect(run(process.execPath, [path.join(consumer, "node_modules/apigee-aws/bin/apigee-aws.js"), "--version"]).stdout).toBe(`${version}\n`);
  const unknown = run(bin, ["frobnicate"]);
  expect(unknown.status).toBe(2);
  expect(unknown.stderr).toMatch(/unknown command 'frobnicate'/);
});

test("init, build, explain, lint, sign and deploy --dry-run work from the installed package", () => {
  const init = run(bin, ["init"]);
  expect(init.status).toBe(0);
  const intent = fs.readFileSync(path.join(consumer, "apigee-aws.yaml"), "utf8");
  expect(intent).toMatch(/^# yaml-language-server: \$schema=node_modules\/apigee-aws\/schema\/intent\.schema\.json$/m);

  const build = run(bin, ["build"]);
  expect([build.status, build.stderr]).toEqual([0, ""]);
  expect(fs.existsSync(path.join(consumer, "dist/proxies/artifacts.zip"))).toBe(true);
  expect(run(bin, ["build", "--check"]).status).toBe(0);

  const explain = run(bin, ["explain"]);
  expect(explain.status).toBe(0);
  expect(explain.stdout).toMatch(/artifacts/);

  const lint = run(bin, ["lint", "dist"]);
  expect(lint.stderr).toBe("");
  expect(lint.status).toBe(0);
  expect(lint.stdout).toMatch(/no problems/i);

  // The S3 documentation's GET Object example, in both engines.
  const request = path.join(consumer, "node_modules/apigee-aws/docs/examples/sign-request.json");
  for (const engine of ["node", "rhino"]) {
    const sign = run(bin, ["sign", "--request", request, "--engine", engine]);
    expect(sign.status).toBe(0);
    expect(sign.stdout).toContain("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
  }

  const deploy = run(bin, ["deploy", "--org", "acme", "--env", "test", "--dry-run"], { APIGEE_TOKEN: "", PATH: path.dirname(process.execPath) });
  expect(deploy.status).toBe(0);
  expect(deploy.stdout).toMatch(/apigeecli sharedflows create bundle/);
});

test("dev starts from the installed package, answers a request, and stops on SIGINT", async () => {
  if (!fs.existsSync(path.join(consumer, "apigee-aws.yaml"))) expect(run(bin, ["init"]).status).toBe(0);
  const dev = spawn(bin, ["dev", "--port", "0"], { cwd: consumer });
  let out = "";
  dev.stdout.on("data", (c: Buffer) => (out += c.toString("utf8")));
  dev.stderr.on("data", (c: Buffer) => (out += c.toString("utf8")));
  const exited = new Promise<number | null>((resolve) => dev.on("exit", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`dev did not become ready:\n${out}`)), 60_000);
    dev.stdout.on("data", () => {
      if (out.includes("Ready.")) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  const token = /^ {4}TOKEN='([^']+)'$/m.exec(out)![1];
  const url = /^ {4}(http:\/\/127\.0\.0\.1:\d+\/artifacts) /m.exec(out)![1];
  const listed = await fetch(`${url}/`, { headers: { authorization: `Bearer ${token}` } });
  expect([listed.status, await listed.json()]).toEqual([200, { items: [], nextCursor: null }]);
  dev.kill("SIGINT");
  expect(await exited).toBe(0);
});

test("a global install runs through its own symlink", () => {
  const prefix = installGlobally(tarball, work);
  const global = path.join(prefix, "bin", "apigee-aws");
  expect(fs.lstatSync(global).isSymbolicLink()).toBe(true);
  const help = spawnSync(global, ["--help"], { encoding: "utf8" });
  expect(help.status).toBe(0);
  expect(help.stdout).toMatch(/Usage: apigee-aws \[options\] \[command\]/);
  expect(help.stdout).toMatch(/deploy \[options\] \[dist\]/);
});

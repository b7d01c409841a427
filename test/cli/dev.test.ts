// `apigee-aws dev`: starts the runner and the stand-ins, prints the URLs, a
// working caller token and sample commands, and logs each request's steps.
// In-process (main resolves once Ctrl-C is simulated and everything is
// closed); serving bundles also through the real bin, stopped by SIGINT.

import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { packageRoot } from "../../src/common/paths";
import { writeProxy } from "../support/bundle-fixtures";
import { runCli, startCli, type CliSession } from "../support/cli";
import { requireBuilt } from "../support/built";
import { verifyJwt } from "../../src/stand-ins/identity";

let running: CliSession[] = [];
afterEach(async () => {
  const stopping = running.map((dev) => dev.interrupt());
  running = [];
  for (const run of await Promise.all(stopping)) expect(run.status).toBe(0);
});

/** `apigee-aws dev ARGS` in-process, once it has printed "Ready."; stopped after the test. */
async function startDev(args: string[]): Promise<{ output: () => string }> {
  const dev = startCli(["dev", ...args]);
  running.push(dev);
  await dev.waitFor("Ready.");
  return { output: dev.output };
}

/** The real bin: resolves once it has printed "Ready."; `stop` sends SIGINT and resolves with the exit code. */
function spawnDev(args: string[]): Promise<{ output: () => string; stop: () => Promise<number | null> }> {
  requireBuilt("cli.js");
  const dev = spawn(process.execPath, [path.join(packageRoot(), "bin/apigee-aws.js"), "dev", ...args]);
  let out = "";
  dev.stdout.on("data", (c: Buffer) => (out += c.toString("utf8")));
  dev.stderr.on("data", (c: Buffer) => (out += c.toString("utf8")));
  const exited = new Promise<number | null>((resolve) => dev.on("exit", (code) => resolve(code)));
  const stop = () => {
    dev.kill("SIGINT");
    return exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      dev.kill("SIGKILL");
      reject(new Error(`dev did not become ready:\n${out}`));
    }, 30000);
    dev.stdout.on("data", () => {
      if (out.includes("Ready.")) {
        clearTimeout(timer);
        resolve({ output: () => out, stop });
      }
    });
    dev.on("exit", (code) => reject(new Error(`dev exited with ${code}:\n${out}`)));
  });
}

test("serves the bundles, prints a caller token that verifies, logs each request with its steps, and stops on SIGINT (bin/apigee-aws.js)", async () => {
  const proxy = writeProxy("hello", {
    basePath: "/hello",
    policies: { Hi: `<AssignMessage name="Hi"><AssignTo type="response">response</AssignTo><Set><Payload contentType="text/plain">hello from {environment.name}</Payload></Set></AssignMessage>` },
    request: ["Hi"]
  });
  const { output, stop } = await spawnDev(["--port", "0", "--env", "sandbox", proxy]);
  const banner = output();
  const url = /Proxies:\n\s+(http:\/\/127\.0\.0\.1:\d+)\/hello/.exec(banner)![1];
  expect(banner).toMatch(/STS\s+http:\/\/127\.0\.0\.1:\d+/);
  expect(banner).toMatch(/curl -i -H "Authorization: Bearer \$TOKEN" http:\/\/127\.0\.0\.1:\d+\/hello\//);
  const token = /TOKEN=(\S+)/.exec(banner)![1];
  const issuer = /OIDC\s+(http:\/\/127\.0\.0\.1:\d+)\s+\(JWKS (\S+)\)/.exec(banner)!;
  const claims = await verifyJwt(token, { jwksUri: issuer[2], issuer: issuer[1], audience: "apigee-aws-dev" });
  expect(claims.sub).toBe("dev-user");
  const r = await fetch(`${url}/hello`);
  expect(await r.text()).toBe("hello from sandbox");
  await new Promise((res) => setTimeout(res, 100));
  expect(output()).toMatch(/GET \/hello → 200 hello \(\d+\.\d ms\)\n\s+ok\s+AssignMessage Hi/);
  expect(await stop()).toBe(0);
});

test("a bundle that cannot load is a clear error, not a stack trace", async () => {
  const proxy = writeProxy("broken", { basePath: "/b", policies: { X: `<Bogus name="X"/>` }, request: ["X"] });
  const run = await runCli(["dev", "--port", "0", proxy]);
  expect(run.status).toBe(2);
  expect(run.stderr).toMatch(/apigee-aws: the bundles cannot be run:\n\s+.*X\.xml:1: policy type <Bogus> is not supported/);
  expect(run.stderr).not.toMatch(/\n\s+at /);
});

test("a malformed --service-account says what is expected", async () => {
  const run = await runCli(["dev", "--service-account", "nope"]);
  expect(run.status).toBe(2);
  expect(run.stderr).toMatch(/--service-account must be EMAIL:UNIQUE_ID/);
});

test("given an intent, it builds it and serves the proxies with the build's roles and a token per issuer and audience", async () => {
  const { output } = await startDev(["--port", "0", path.join(packageRoot(), "templates/s3-read.yaml")]);
  const banner = output();
  expect(banner).toMatch(/s3-read\.yaml built and served as environment "test", AWS account 123456789012 in us-east-1/);
  expect(banner).toContain("the roles are the build's aws/test/ documents");
  const url = /Proxies:\n\s+(http:\/\/127\.0\.0\.1:\d+)\/artifacts/.exec(banner)![1];
  expect(banner).toContain("TOKEN: artifacts (iss https://auth.example.com/, aud my-api)");
  const token = /^ {4}TOKEN='([^']+)'$/m.exec(banner)![1];
  const listed = await fetch(`${url}/artifacts`, { headers: { authorization: `Bearer ${token}` } });
  expect([listed.status, await listed.json()]).toEqual([200, { items: [], nextCursor: null }]);
  expect((await fetch(`${url}/artifacts`)).status).toBe(401);
});

test("an intent with an unknown --env names the environments", async () => {
  const run = await runCli(["dev", "--port", "0", "--env", "staging", path.join(packageRoot(), "templates/s3-read.yaml")]);
  expect(run.status).toBe(2);
  expect(run.stderr).toMatch(/--env staging: .*s3-read\.yaml has no such environment \(environments: test, prod\)/);
});

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "apigee-aws-dev-cli-"));

/** Runs the printed "Try" lines in a real shell, as a user pasting them would (without blocking: dev answers from this process). */
function pasteIntoShell(banner: string, filter: (line: string) => boolean): Promise<string> {
  const lines = banner.split("\n");
  const start = lines.findIndex((l) => l.startsWith("Try (paste into a shell):"));
  const end = lines.findIndex((l, i) => i > start && l.startsWith("Ready."));
  const script = lines.slice(start + 1, end).map((l) => l.trim()).filter((l) => !l.startsWith("curl") || filter(l));
  const shell = spawn("sh", ["-c", script.map((l) => l.replace(/^curl -i/, "curl -s -w '\\n%{http_code}\\n'")).join("\n")], { stdio: ["ignore", "pipe", "inherit"] });
  let stdout = "";
  shell.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
  return new Promise((resolve, reject) => {
    shell.on("error", reject);
    shell.on("close", () => resolve(stdout));
  });
}

test("--seed loads objects and --seed-ssm parameters; the printed curl commands work when pasted", async () => {
  const dir = tmp();
  const intent = path.join(dir, "apigee-aws.yaml");
  fs.writeFileSync(
    intent,
    fs
      .readFileSync(path.join(packageRoot(), "templates/s3-read.yaml"), "utf8")
      .replace(/^ {2}artifacts: .*$/m, "  artifacts: {target: s3://my-artifacts/builds/, access: read, headers: {X-Team: \"ssm:/acme/team\"}}\n  uploads: s3://my-uploads/incoming/ write")
  );
  fs.mkdirSync(path.join(dir, "seed/my-artifacts/builds/v1"), { recursive: true });
  fs.writeFileSync(path.join(dir, "seed/my-artifacts/builds/v1/read me.txt"), "seeded content");
  fs.writeFileSync(path.join(dir, "seed.yaml"), "/acme/team: {value: platform, type: SecureString}\n");
  const { output } = await startDev(["--port", "0", "--seed", path.join(dir, "seed"), "--seed-ssm", path.join(dir, "seed.yaml"), intent]);
  const banner = output();
  expect(banner).toContain("1 objects seeded");
  expect(banner).not.toContain("placeholder values");
  expect(banner).toMatch(/curl -i -H "Authorization: Bearer \$TOKEN" 'http:\/\/127\.0\.0\.1:\d+\/artifacts\/v1\/read%20me\.txt' {3}# artifacts: a seeded object/);
  expect(banner).toMatch(/curl -i -H "Authorization: Bearer \$TOKEN" -X PUT .*'http:\/\/127\.0\.0\.1:\d+\/uploads\/hello\.txt' {3}# uploads: upload an object/);
  const answers = await pasteIntoShell(banner, () => true);
  expect(answers).toContain("seeded content\n200\n");
  expect(answers).toMatch(/"key":"v1\/read me\.txt"/);
  expect(answers).toMatch(/\n200\n$/);
});

test("a bad seed stops dev before it starts, naming the file and line", async () => {
  const dir = tmp();
  fs.writeFileSync(path.join(dir, "seed.yaml"), "/ok: fine\n/bad: {value: x, type: Number}\n");
  const template = path.join(packageRoot(), "templates/s3-read.yaml");
  const ssm = await runCli(["dev", "--port", "0", "--seed-ssm", path.join(dir, "seed.yaml"), template]);
  expect(ssm.status).toBe(2);
  expect(ssm.stderr).toMatch(/seed\.yaml:2:\d+: \["\/bad"\]\.type: "Number" is not a parameter type; use String, SecureString, StringList/);
  fs.mkdirSync(path.join(dir, "objects"));
  fs.writeFileSync(path.join(dir, "objects/stray.txt"), "x");
  const s3 = await runCli(["dev", "--port", "0", "--seed", path.join(dir, "objects"), template]);
  expect(s3.status).toBe(2);
  expect(s3.stderr).toMatch(/--seed .*objects: .*stray\.txt is not a folder; each entry of the seed folder is a bucket folder/);
  expect((await runCli(["dev", "--seed", path.join(dir, "missing"), template])).stderr).toMatch(/--seed .*missing: no such folder/);
});

test("a port in use or not a port: one clear line, exit 2, no stack trace", async () => {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  try {
    const template = path.join(packageRoot(), "templates/s3-read.yaml");
    // The runner's port is opened after the stand-ins start, for an intent and for bundles alike.
    for (const target of [template, writeProxy("p", { basePath: "/p", policies: {}, request: [] })]) {
      const run = await runCli(["dev", "--port", String(port), target]);
      expect([run.status, run.stderr]).toEqual([2, `apigee-aws: port ${port} is in use; pass --port with a free port (or 0 for any)\n`]);
    }
    for (const bad of ["abc", "70000", "-1", "8e3"]) {
      const run = await runCli(["dev", "--port", bad, template]);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/--port <port>' argument '.*' is invalid\. expected a port number from 0 to 65535/);
      expect(run.stderr).not.toMatch(/report this as a bug|\n\s+at /);
    }
  } finally {
    server.close();
  }
});

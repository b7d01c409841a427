// `apigee-aws dev`: starts the runner and the stand-ins, prints the URLs, a
// working caller token and sample commands, and logs each request's steps.

import { spawn, ChildProcessWithoutNullStreams } from "node:child_process";
import * as path from "node:path";
import { packageRoot } from "../../src/common/paths";
import { writeProxy } from "../support/bundle-fixtures";
import { runCli } from "../support/cli";
import { requireBuilt } from "../support/built";
import { verifyJwt } from "../../src/sandbox/identity";

let dev: ChildProcessWithoutNullStreams | null = null;
afterEach(() => {
  dev?.kill("SIGINT");
  dev = null;
});

function startDev(args: string[]): Promise<{ output: () => string }> {
  requireBuilt("cli.js");
  dev = spawn(process.execPath, [path.join(packageRoot(), "bin/apigee-aws.js"), "dev", ...args]);
  let out = "";
  dev.stdout.on("data", (c: Buffer) => (out += c.toString("utf8")));
  dev.stderr.on("data", (c: Buffer) => (out += c.toString("utf8")));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`dev did not become ready:\n${out}`)), 30000);
    dev!.stdout.on("data", () => {
      if (out.includes("Ready.")) {
        clearTimeout(timer);
        resolve({ output: () => out });
      }
    });
    dev!.on("exit", (code) => reject(new Error(`dev exited with ${code}:\n${out}`)));
  });
}

test("serves the bundles, prints a caller token that verifies, and logs each request with its steps", async () => {
  const proxy = writeProxy("hello", {
    basePath: "/hello",
    policies: { Hi: `<AssignMessage name="Hi"><AssignTo type="response">response</AssignTo><Set><Payload contentType="text/plain">hello from {environment.name}</Payload></Set></AssignMessage>` },
    request: ["Hi"]
  });
  const { output } = await startDev(["--port", "0", "--env", "sandbox", proxy]);
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
});

test("a bundle that cannot load is a clear error, not a stack trace", () => {
  const proxy = writeProxy("broken", { basePath: "/b", policies: { X: `<Bogus name="X"/>` }, request: ["X"] });
  const run = runCli(["dev", "--port", "0", proxy]);
  expect(run.status).toBe(2);
  expect(run.stderr).toMatch(/apigee-aws: the bundles cannot be run:\n\s+.*X\.xml:1: policy type <Bogus> is not supported/);
  expect(run.stderr).not.toMatch(/\n\s+at /);
});

test("a malformed --service-account says what is expected", () => {
  const run = runCli(["dev", "--service-account", "nope"]);
  expect(run.status).toBe(2);
  expect(run.stderr).toMatch(/--service-account must be EMAIL:UNIQUE_ID/);
});

test("given an intent, it builds it and serves the proxies with the build's roles and a token per issuer and audience", async () => {
  const { output } = await startDev(["--port", "0", path.join(packageRoot(), "templates/s3-read.yaml")]);
  const banner = output();
  expect(banner).toMatch(/s3-read\.yaml built and served as environment "test", AWS account 123456789012 in us-east-1/);
  expect(banner).toContain("the roles are the build's aws/test/ documents");
  const url = /Proxies:\n\s+(http:\/\/127\.0\.0\.1:\d+)\/artifacts/.exec(banner)![1];
  const token = /for artifacts \(iss https:\/\/auth\.example\.com\/, aud my-api\):\n\s+(\S+)/.exec(banner)![1];
  const listed = await fetch(`${url}/artifacts`, { headers: { authorization: `Bearer ${token}` } });
  expect([listed.status, await listed.json()]).toEqual([200, { items: [], nextCursor: null }]);
  expect((await fetch(`${url}/artifacts`)).status).toBe(401);
});

test("an intent with an unknown --env names the environments", () => {
  const run = runCli(["dev", "--port", "0", "--env", "staging", path.join(packageRoot(), "templates/s3-read.yaml")]);
  expect(run.status).toBe(2);
  expect(run.stderr).toMatch(/--env staging: .*s3-read\.yaml has no such environment \(environments: test, prod\)/);
});

// `apigee-aws sign`, in-process; reading the request from stdin also through
// the real bin, as a user pipes it.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { requireBuilt } from "../support/built";
import { runCli, spawnCli } from "../support/cli";
import { awsCAuthCases, s3Examples } from "../support/vectors";

function requestFile(content: unknown): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "apigee-aws-sign-")), "request.json");
  fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content, null, 2));
  return file;
}

const getObject = s3Examples()[0];
const example = {
  method: getObject.spec.method,
  url: getObject.spec.url,
  headers: Object.fromEntries(getObject.spec.headers),
  service: "s3",
  region: "us-east-1",
  credentials: { accessKeyId: getObject.spec.credentials.accessKeyId, secretAccessKey: getObject.spec.credentials.secretAccessKey },
  date: "2013-05-24T00:00:00Z"
};

describe("apigee-aws sign", () => {
  beforeAll(() => requireBuilt("cli.js", "rhino-host.js", "callouts/sigv4-sign.js"));

  it("prints the canonical request, string to sign, signature and headers to add", async () => {
    const run = await runCli(["sign", "--request", requestFile(example)]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.canonicalRequest).toBe(getObject.expected.canonicalRequest);
    expect(out.stringToSign).toBe(getObject.expected.stringToSign);
    expect(out.signature).toBe(getObject.expected.signature);
    expect(out.signedHeaders).toBe("host;range;x-amz-content-sha256;x-amz-date");
    expect(out.headers.authorization).toMatch(new RegExp(`Signature=${getObject.expected.signature}$`));
  });

  it("gives the same answers from the Rhino engine, for an array, in order", async () => {
    const presigned = awsCAuthCases().find((c) => c.name === "get-vanilla-with-session-token (query)")!;
    const presignRequest = {
      method: "GET",
      url: presigned.spec.url,
      service: presigned.spec.service,
      region: presigned.spec.region,
      credentials: presigned.spec.credentials,
      date: "2015-08-30T12:36:00Z",
      presign: { expires: presigned.spec.presignExpires },
      options: { normalizePath: true }
    };
    const file = requestFile([example, presignRequest]);
    const node = await runCli(["sign", "--request", file]);
    const rhino = await runCli(["sign", "--request", file, "--engine", "rhino"]);
    expect(rhino.stderr).toBe("");
    expect(JSON.parse(rhino.stdout)).toEqual(JSON.parse(node.stdout));
    const [first, second] = JSON.parse(rhino.stdout);
    expect(first.signature).toBe(getObject.expected.signature);
    expect(second.signature).toBe(presigned.expected.signature);
    expect(second.url).toMatch(/X-Amz-Security-Token=6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267&X-Amz-Signature=/);
  });

  it("reads the request from stdin (bin/apigee-aws.js)", async () => {
    const run = await spawnCli(["sign", "--request", "-"], { input: JSON.stringify(example) });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).signature).toBe(getObject.expected.signature);
  });

  it.each([
    ["a missing file", ["sign", "--request", "/no/such/file.json"], /^apigee-aws: cannot read \/no\/such\/file\.json: no such file\n$/],
    ["a missing --request", ["sign"], /required option '--request <file>' not specified/],
    ["an unknown engine", ["sign", "--request", "x.json", "--engine", "java"], /argument 'java' is invalid. Allowed choices are node, rhino/],
    ["an unknown command", ["sing"], /unknown command 'sing'\n\(Did you mean sign\?\)/]
  ])("rejects %s without a stack trace", async (_what, args, expected) => {
    const run = await runCli(args);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(expected);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe("");
  });

  it("names the line and column of invalid JSON", async () => {
    const file = requestFile('{\n  "method": "GET",\n  "url": }');
    const run = await runCli(["sign", "--request", file]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`${file.replace(/[.]/g, "\\.")}:3:10: not valid JSON`));
  });

  it("lists every invalid field at once, saying what was expected", async () => {
    const run = await runCli(["sign", "--request", requestFile([example, { ...example, url: "/relative", region: "US East", credentials: { accessKeyId: "A" }, presign: { expires: 604801 }, colour: 1 }])]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    const lines = run.stderr.trim().split("\n");
    expect(lines[0]).toMatch(/invalid request:$/);
    expect(lines.slice(1).map((l) => l.trim()).sort()).toEqual([
      "[1].colour: unknown field; known fields: method, url, headers, body, service, region, credentials, date, presign, options",
      "[1].credentials.secretAccessKey: expected a non-empty string",
      "[1].presign.expires: expected a whole number of seconds from 1 to 604800 (7 days)",
      '[1].region: "US East" is not valid: expected e.g. "us-east-1"',
      '[1].url: "/relative" is not valid: expected an absolute http(s) URL, exactly as sent on the wire'
    ]);
  });
});

describe("both engines take the same inputs and give the same signatures", () => {
  beforeAll(() => requireBuilt("cli.js", "rhino-host.js", "callouts/sigv4-sign.js"));

  const withPayload = (value: string | null, body?: string) => ({
    ...example,
    headers: value === null ? { Range: "bytes=0-9" } : { Range: "bytes=0-9", "x-amz-content-sha256": value },
    ...(body === undefined ? {} : { method: "PUT", body })
  });

  it("for every form x-amz-content-sha256 may take, and for a hashed body", async () => {
    const file = requestFile([
      withPayload("UNSIGNED-PAYLOAD"),
      withPayload("STREAMING-AWS4-HMAC-SHA256-PAYLOAD"),
      withPayload("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
      withPayload(null, "hello")
    ]);
    const node = await runCli(["sign", "--request", file, "--engine", "node"]);
    const rhino = await runCli(["sign", "--request", file, "--engine", "rhino"]);
    expect([node.status, node.stderr]).toEqual([0, ""]);
    expect([rhino.status, rhino.stderr]).toEqual([0, ""]);
    const answers = JSON.parse(rhino.stdout) as { canonicalRequest: string; signature: string }[];
    expect(answers).toEqual(JSON.parse(node.stdout));
    expect(answers.map((a) => a.canonicalRequest.split("\n").pop())).toEqual([
      "UNSIGNED-PAYLOAD",
      "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
    ]);
    expect(new Set(answers.map((a) => a.signature)).size).toBe(4);
  });

  it("a value neither engine can sign is refused by both, naming the header", async () => {
    const file = requestFile(withPayload("unsigned-payload"));
    for (const engine of ["node", "rhino"]) {
      const run = await runCli(["sign", "--request", file, "--engine", engine]);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/headers\.x-amz-content-sha256: "unsigned-payload" is not a payload hash: expected the body's SHA-256 in lowercase hex, UNSIGNED-PAYLOAD or a STREAMING-\* value/);
      expect(run.stderr).not.toMatch(/report this as a bug/);
    }
  });
});

// The S3, STS and SSM stand-ins driven by boto3 and by the AWS CLI, each with
// its own defaults (botocore's checksums, the CLI's s3 transfer manager).
// Both must be installed: .ci/run installs Debian's python3-boto3 and awscli
// when the machine lacks them, and these tests fail, never skip, without them.

import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { StandIns } from "../../src/stand-ins/stand-ins";
import { BUCKET, REGION, ROLE_ARN, hermeticAwsEnv, port, startStandIns, webIdentityToken } from "./real-clients-fixture";

const SCRIPT = path.join(__dirname, "boto3_client.py");

/** Runs a program without blocking this process, whose event loop serves the stand-ins. */
function run(file: string, args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(file, args, { env: options.env ?? process.env, timeout: 120_000, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
      resolve({ code, stdout, stderr: stderr || (error && typeof error.code !== "number" ? String(error) : "") });
    });
    child.stdin!.end(options.input ?? "");
  });
}

/** $APIGEE_AWS_PYTHON, else python3 on PATH, else Debian's /usr/bin/python3: the first that imports boto3. */
async function pythonWithBoto3(): Promise<string> {
  const candidates = [process.env.APIGEE_AWS_PYTHON, "python3", "/usr/bin/python3"].filter((c): c is string => !!c);
  for (const candidate of candidates) if ((await run(candidate, ["-c", "import boto3"])).code === 0) return candidate;
  throw new Error(`No Python with boto3 among ${candidates.join(", ")}: apt-get install -y python3-boto3 (as .ci/run does), or set APIGEE_AWS_PYTHON.`);
}

let standIns: StandIns;
let workDir: string;
beforeAll(async () => {
  standIns = await startStandIns();
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "real-clients-"));
});
afterAll(async () => {
  await standIns.close();
  fs.rmSync(workDir, { recursive: true, force: true });
});

test("boto3: AssumeRoleWithWebIdentity, S3 (virtual-hosted) and SSM", async () => {
  const python = await pythonWithBoto3();
  const input = JSON.stringify({
    region: REGION,
    sts: standIns.sts.url,
    s3: `http://s3.${REGION}.amazonaws.com:${port(standIns.s3.url)}`,
    ssm: `http://ssm.${REGION}.amazonaws.com:${port(standIns.ssm.url)}`,
    roleArn: ROLE_ARN,
    token: await webIdentityToken(standIns),
    bucket: BUCKET
  });
  const { code, stdout, stderr } = await run(python, [SCRIPT], { input, env: hermeticAwsEnv() });
  expect({ code, stderr: code === 0 ? "" : stderr }).toEqual({ code: 0, stderr: "" });
  const r = JSON.parse(stdout);
  expect(r.assumedRoleArn).toMatch(/:assumed-role\/real-clients\/boto3$/);
  expect(r.put.ETag).toMatch(/^"[0-9a-f]{32}"$/);
  expect(r.get).toEqual({ body: "hello from boto3", ContentType: "text/plain", ChecksumCRC32: r.put.ChecksumCRC32 ?? null });
  expect(r.head.ContentLength).toBe(16);
  expect(r.list).toEqual(["boto3/hello.txt", "boto3/other.txt"]);
  expect(r.listAfterDelete).toEqual(["boto3/hello.txt"]);
  expect(r.seeded).toBe("seeded by the test");
  expect(r.ifMatch).toMatchObject({ error: "PreconditionFailed", status: 412 });
  expect(r.badDigest).toEqual({ error: "BadDigest", status: 400, message: "The CRC32 you specified did not match the calculated checksum." });
  expect(r.noToken).toMatchObject({ error: "InvalidAccessKeyId", status: 403 });
  expect(r.parameter).toBe("s3cr3t");
  expect(r.parameters).toEqual({ values: ["db.internal"], invalid: ["/app/nope"] });
  expect(r.byPath).toEqual(["/app/db/host", "/app/db/password", "/app/hosts"]);
  expect(r.byPathFiltered).toEqual(["/app/hosts"]);
  expect(r.denied).toMatchObject({ error: "AccessDeniedException", status: 400 });
});

test("AWS CLI: sts assume-role-with-web-identity, s3api, s3 cp and ls, ssm", async () => {
  const version = await run("aws", ["--version"]);
  if (version.code !== 0) throw new Error(`The AWS CLI is not installed (apt-get install -y awscli, as .ci/run does): ${version.stderr}`);
  const aws = async (args: string[], env: NodeJS.ProcessEnv = hermeticAwsEnv()) => {
    const result = await run("aws", [...args, "--region", REGION, "--output", "json"], { env });
    if (result.code !== 0) throw new Error(`aws ${args.join(" ")} exited ${result.code}: ${result.stderr}`);
    return result.stdout;
  };
  const assumed = JSON.parse(
    await aws(["sts", "assume-role-with-web-identity", "--role-arn", ROLE_ARN, "--role-session-name", "cli", "--web-identity-token", await webIdentityToken(standIns), "--endpoint-url", standIns.sts.url, "--no-sign-request"])
  );
  const env = hermeticAwsEnv({
    AWS_ACCESS_KEY_ID: assumed.Credentials.AccessKeyId,
    AWS_SECRET_ACCESS_KEY: assumed.Credentials.SecretAccessKey,
    AWS_SESSION_TOKEN: assumed.Credentials.SessionToken
  });
  const s3 = ["--endpoint-url", standIns.s3.url];
  const file = path.join(workDir, "upload.txt");
  fs.writeFileSync(file, "uploaded by the AWS CLI\n");
  const put = JSON.parse(await aws(["s3api", "put-object", "--bucket", BUCKET, "--key", "cli/one file.txt", "--body", file, ...s3], env));
  expect(put.ETag).toMatch(/^"[0-9a-f]{32}"$/);
  const out = path.join(workDir, "download.txt");
  await aws(["s3api", "get-object", "--bucket", BUCKET, "--key", "cli/one file.txt", out, ...s3], env);
  expect(fs.readFileSync(out, "utf8")).toBe("uploaded by the AWS CLI\n");
  await aws(["s3", "cp", file, `s3://${BUCKET}/cli/copied.txt`, ...s3], env);
  expect(standIns.s3.getObjectDirect(BUCKET, "cli/copied.txt")!.toString()).toBe("uploaded by the AWS CLI\n");
  const listing = await aws(["s3", "ls", `s3://${BUCKET}/cli/`, ...s3], env);
  expect(listing).toMatch(/copied\.txt/);
  expect(listing).toMatch(/one file\.txt/);
  const ssm = ["--endpoint-url", standIns.ssm.url];
  const parameter = JSON.parse(await aws(["ssm", "get-parameter", "--name", "/app/db/password", "--with-decryption", ...ssm], env));
  expect(parameter.Parameter.Value).toBe("s3cr3t");
  const byPath = JSON.parse(await aws(["ssm", "get-parameters-by-path", "--path", "/app", "--recursive", "--parameter-filters", "Key=Type,Values=SecureString", ...ssm], env));
  expect(byPath.Parameters.map((p: { Name: string }) => p.Name)).toEqual(["/app/db/password"]);
});

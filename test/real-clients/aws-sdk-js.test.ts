// The S3, STS and SSM stand-ins driven by the AWS SDK for JavaScript v3
// (@aws-sdk/client-s3, -sts, -ssm), with its defaults: S3 requests carry the
// CRC32 checksums the SDK adds (in a header for a buffer, in an aws-chunked
// trailer for a stream) and GetObject asks for and validates the object's
// checksum. Whatever the SDK sends, the stand-ins take it or refuse it as
// AWS would.

import * as http from "node:http";
import { Readable } from "node:stream";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException
} from "@aws-sdk/client-s3";
import { GetParameterCommand, GetParametersByPathCommand, GetParametersCommand, SSMClient, SSMServiceException } from "@aws-sdk/client-ssm";
import { AssumeRoleWithWebIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import type { StandIns } from "../../src/stand-ins/stand-ins";
import { BUCKET, REGION, ROLE_ARN, hermeticAwsEnv, loopbackLookup, port, startStandIns, webIdentityToken } from "./real-clients-fixture";

interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

let standIns: StandIns;
let credentials: Credentials;
const agent = new http.Agent({ lookup: loopbackLookup });

beforeAll(async () => {
  // The SDK reads settings (checksum calculation, retries...) from AWS_* variables and ~/.aws/config: none here.
  const env = hermeticAwsEnv();
  for (const name of Object.keys(process.env)) if (name.startsWith("AWS_")) delete process.env[name];
  for (const [name, value] of Object.entries(env)) if (name.startsWith("AWS_")) process.env[name] = value;
  standIns = await startStandIns();
  const sts = new STSClient({ region: REGION, endpoint: standIns.sts.url, requestHandler: { httpAgent: agent } });
  const answer = await sts.send(
    new AssumeRoleWithWebIdentityCommand({ RoleArn: ROLE_ARN, RoleSessionName: "sdk-js", WebIdentityToken: await webIdentityToken(standIns), DurationSeconds: 900 })
  );
  const c = answer.Credentials!;
  credentials = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
});
afterAll(async () => {
  agent.destroy();
  await standIns.close();
});

function s3Client(style: "virtual-hosted" | "path", creds: Credentials = credentials): S3Client {
  const endpoint = style === "path" ? standIns.s3.url : `http://s3.${REGION}.amazonaws.com:${port(standIns.s3.url)}`;
  return new S3Client({ region: REGION, endpoint, forcePathStyle: style === "path", credentials: creds, requestHandler: { httpAgent: agent } });
}

function ssmClient(): SSMClient {
  return new SSMClient({ region: REGION, endpoint: `http://ssm.${REGION}.amazonaws.com:${port(standIns.ssm.url)}`, credentials, requestHandler: { httpAgent: agent } });
}

async function failure(promise: Promise<unknown>): Promise<{ name: string; status?: number; message: string }> {
  try {
    await promise;
  } catch (e) {
    const error = e as S3ServiceException | SSMServiceException;
    return { name: error.name, status: error.$metadata?.httpStatusCode, message: error.message };
  }
  throw new Error("expected the call to fail");
}

test("AssumeRoleWithWebIdentity issues a session for the role", () => {
  expect(credentials.accessKeyId).toMatch(/^ASIA/);
  expect(standIns.world.session(credentials.accessKeyId)!.assumedRoleArn).toBe(ROLE_ARN.replace(":iam::", ":sts::").replace(":role/", ":assumed-role/") + "/sdk-js");
});

describe.each(["virtual-hosted", "path"] as const)("S3 (%s addressing)", (style) => {
  const key = (name: string) => `${style}/${name}`;

  test("PutObject of a string sends a CRC32 header; GetObject validates it; HeadObject returns it with ChecksumMode", async () => {
    const s3 = s3Client(style);
    const put = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key("a b+c.txt"), Body: "hello from the SDK", ContentType: "text/plain" }));
    expect(put.ChecksumCRC32).toBeDefined();
    expect(put.ETag).toMatch(/^"[0-9a-f]{32}"$/);
    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key("a b+c.txt") }));
    expect(await got.Body!.transformToString()).toBe("hello from the SDK");
    expect(got.ChecksumCRC32).toBe(put.ChecksumCRC32);
    expect(got.ContentType).toBe("text/plain");
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key("a b+c.txt"), ChecksumMode: "ENABLED" }));
    expect([head.ContentLength, head.ChecksumCRC32, head.ChecksumType]).toEqual([18, put.ChecksumCRC32, "FULL_OBJECT"]);
  });

  test("PutObject of a stream goes aws-chunked with a trailing checksum", async () => {
    const s3 = s3Client(style);
    const bytes = Buffer.alloc(100_000, "z");
    const put = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key("stream.bin"), Body: Readable.from([bytes]), ContentLength: bytes.length }));
    expect(put.ChecksumCRC32).toBeDefined();
    expect(standIns.s3.getObjectDirect(BUCKET, key("stream.bin"))!.equals(bytes)).toBe(true);
  });

  test.each(["CRC32C", "SHA1", "SHA256", "CRC64NVME"] as const)("PutObject with ChecksumAlgorithm %s", async (algorithm) => {
    const s3 = s3Client(style);
    const put = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key(`sum-${algorithm}`), Body: "checksummed", ChecksumAlgorithm: algorithm }));
    expect(put[`Checksum${algorithm}`]).toBeDefined();
    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key(`sum-${algorithm}`) }));
    expect(await got.Body!.transformToString()).toBe("checksummed");
  });

  test("a wrong checksum the SDK is given is refused with BadDigest", async () => {
    const s3 = s3Client(style);
    const error = await failure(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key("bad-sum"), Body: "body", ChecksumSHA256: Buffer.alloc(32).toString("base64") })));
    expect([error.name, error.status, error.message]).toEqual(["BadDigest", 400, "The SHA256 you specified did not match the calculated checksum."]);
  });

  test("GetObject of an object S3 checksummed itself (CRC64NVME) validates", async () => {
    const got = await s3Client(style).send(new GetObjectCommand({ Bucket: BUCKET, Key: "seeded/readme.txt" }));
    expect(got.ChecksumCRC64NVME).toBeDefined();
    expect(await got.Body!.transformToString()).toBe("seeded by the test");
  });

  test("ListObjectsV2 and DeleteObject", async () => {
    const s3 = s3Client(style);
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key("list/1"), Body: "1" }));
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key("list/2"), Body: "2" }));
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: key("list/") }));
    expect(listed.Contents!.map((o) => o.Key)).toEqual([key("list/1"), key("list/2")]);
    await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: key("list/1") }));
    const after = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: key("list/") }));
    expect(after.Contents!.map((o) => o.Key)).toEqual([key("list/2")]);
    const missing = await failure(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key("list/1") })));
    expect([missing.name, missing.status]).toEqual(["NoSuchKey", 404]);
  });

  test("conditional writes: a failing If-Match and a repeated If-None-Match: * are PreconditionFailed", async () => {
    const s3 = s3Client(style);
    const first = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key("cas"), Body: "v1", IfNoneMatch: "*" }));
    const again = await failure(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key("cas"), Body: "v1", IfNoneMatch: "*" })));
    expect([again.name, again.status]).toEqual(["PreconditionFailed", 412]);
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key("cas"), Body: "v2", IfMatch: first.ETag }));
    const stale = await failure(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key("cas"), Body: "v3", IfMatch: first.ETag })));
    expect([stale.name, stale.status]).toEqual(["PreconditionFailed", 412]);
    expect(standIns.s3.getObjectDirect(BUCKET, key("cas"))!.toString()).toBe("v2");
  });

  test("the session's key without its token is InvalidAccessKeyId", async () => {
    const s3 = s3Client(style, { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey });
    const error = await failure(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "seeded/readme.txt" })));
    expect([error.name, error.status]).toEqual(["InvalidAccessKeyId", 403]);
  });
});

describe("SSM", () => {
  test("GetParameter with and without WithDecryption", async () => {
    const ssm = ssmClient();
    const open = await ssm.send(new GetParameterCommand({ Name: "/app/db/password", WithDecryption: true }));
    expect([open.Parameter!.Type, open.Parameter!.Value, open.Parameter!.Version]).toEqual(["SecureString", "s3cr3t", 1]);
    expect(open.Parameter!.LastModifiedDate).toBeInstanceOf(Date);
    const sealed = await ssm.send(new GetParameterCommand({ Name: "/app/db/password" }));
    expect(sealed.Parameter!.Value).not.toBe("s3cr3t");
  });

  test("GetParameters lists what it did not find", async () => {
    const answer = await ssmClient().send(new GetParametersCommand({ Names: ["/app/db/host", "/app/nope"], WithDecryption: true }));
    expect(answer.Parameters!.map((p) => p.Value)).toEqual(["db.internal"]);
    expect(answer.InvalidParameters).toEqual(["/app/nope"]);
  });

  test("GetParametersByPath, recursive and filtered", async () => {
    const ssm = ssmClient();
    const all = await ssm.send(new GetParametersByPathCommand({ Path: "/app", Recursive: true, WithDecryption: true }));
    expect(all.Parameters!.map((p) => p.Name)).toEqual(["/app/db/host", "/app/db/password", "/app/hosts"]);
    const secure = await ssm.send(new GetParametersByPathCommand({ Path: "/app", Recursive: true, ParameterFilters: [{ Key: "Type", Values: ["SecureString"] }] }));
    expect(secure.Parameters!.map((p) => p.Name)).toEqual(["/app/db/password"]);
    const refused = await failure(ssm.send(new GetParametersByPathCommand({ Path: "/app", ParameterFilters: [{ Key: "Name", Values: ["/app/db"] }] })));
    expect([refused.name, refused.status]).toEqual(["InvalidFilterKey", 400]);
  });

  test("errors: ParameterNotFound, and AccessDeniedException as a 400", async () => {
    const ssm = ssmClient();
    expect(await failure(ssm.send(new GetParameterCommand({ Name: "/app/missing" })))).toMatchObject({ name: "ParameterNotFound", status: 400 });
    expect(await failure(ssm.send(new GetParameterCommand({ Name: "/other/secret" })))).toMatchObject({ name: "AccessDeniedException", status: 400 });
  });
});

// authenticateRequest over real HTTP: requests signed by @smithy/signature-v4
// on the client side verify, and each thing AWS rejects is rejected with
// AWS's code and status.

import { createHash, createHmac } from "node:crypto";
import * as http from "node:http";
import { authenticateRequest } from "../../../src/stand-ins/aws/request-auth";
import { receiveRequest } from "../../../src/stand-ins/aws/receive";
import type { AwsWorld, Session } from "../../../src/stand-ins/aws/world";
import { startServer, type LoopbackServer } from "../../support/loopback-server";
import { REGION, issueSession, newWorld, s3KeyPath, send, sign, type Clock, type Outgoing, type Signed, type SigningOptions } from "./aws-client";

const T0 = Date.UTC(2026, 2, 14, 12, 0, 0);
const clock: Clock = { now: T0 };
let world: AwsWorld;
let session: Session;
let server: LoopbackServer;

interface Verdict {
  ok?: string;
  code?: string;
  status?: number;
  message?: string;
  details?: Record<string, string>;
}

/** Authenticates each request as S3 or SSM (by its Host) and answers with the verdict as JSON. */
function verdictServer(): Promise<LoopbackServer> {
  return startServer(async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const service = (req.headers.host ?? "").startsWith("ssm.") ? "ssm" : "s3";
    const result = await authenticateRequest(world, await receiveRequest(req), service, REGION);
    const verdict: Verdict =
      "session" in result
        ? { ok: result.session.accessKeyId }
        : { code: result.error.code, status: result.error.status, message: result.error.message, details: Object.fromEntries(result.error.details ?? []) };
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(verdict));
  });
}

async function verdictOf(signed: Signed): Promise<Verdict> {
  const answer = await send(server.url, signed);
  return JSON.parse(answer.text) as Verdict;
}

const S3_HOST = `acme-bucket.s3.${REGION}.amazonaws.com`;
const SSM_HOST = `ssm.${REGION}.amazonaws.com`;
const at = (offsetMs = 0) => new Date(T0 + offsetMs);

function s3Get(key: string, extra: Partial<Outgoing> = {}): Outgoing {
  return { method: "GET", host: S3_HOST, path: "/" + s3KeyPath(key), ...extra };
}

function ssmCall(body = '{"Name":"/app/db","WithDecryption":true}'): Outgoing {
  return {
    method: "POST",
    host: SSM_HOST,
    path: "/",
    headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AmazonSSM.GetParameter" },
    body
  };
}

async function check(out: Outgoing, options: SigningOptions, tamper?: (s: Signed) => void): Promise<Verdict> {
  const signed = await sign(session, out, { date: at(), ...options });
  tamper?.(signed);
  return verdictOf(signed);
}

function flipHex(signature: string): string {
  return signature.slice(0, -1) + (signature.endsWith("0") ? "1" : "0");
}

function replaceSignature(s: Signed, mutate: (sig: string) => string): void {
  if (s.headers.authorization) {
    s.headers.authorization = s.headers.authorization.replace(/Signature=([0-9a-f]{64})/, (_m, sig: string) => `Signature=${mutate(sig)}`);
  } else {
    s.path = s.path.replace(/X-Amz-Signature=([0-9a-f]{64})/, (_m, sig: string) => `X-Amz-Signature=${mutate(sig)}`);
  }
}

beforeAll(async () => {
  world = newWorld(clock);
  session = issueSession(world, clock);
  server = await verdictServer();
});

afterAll(() => server.close());

beforeEach(() => {
  clock.now = T0;
});

const AWKWARD_KEYS = [
  "plain.txt",
  "with space.txt",
  "a+b",
  "100%.csv",
  "user@example.com",
  "time:12:00",
  "k=v",
  "star*",
  "it's",
  "café/naïve.txt",
  "中文/ሴ",
  "emoji-😀-👩‍💻",
  "double//slash",
  "../escape",
  "a/../b",
  "dir/./file",
  "trailing/",
  "mix @:=*'+%é😀//..//x"
];

describe("S3 signatures made by @smithy/signature-v4 verify", () => {
  it.each(AWKWARD_KEYS)("header auth for key %j", async (key) => {
    expect(await check(s3Get(key), { service: "s3" })).toEqual({ ok: session.accessKeyId });
  });

  it.each(AWKWARD_KEYS)("presigned URL for key %j", async (key) => {
    expect(await check(s3Get(key), { service: "s3", presignExpires: 900 })).toEqual({ ok: session.accessKeyId });
  });

  it("with a query, repeated parameters, UNSIGNED-PAYLOAD, a signed body and path-style addressing", async () => {
    const list: Outgoing = {
      method: "GET",
      host: `s3.${REGION}.amazonaws.com`,
      path: "/acme-bucket",
      query: [["list-type", "2"], ["prefix", "a b/+é"], ["delimiter", "/"], ["x", "2"], ["x", "1"]]
    };
    expect(await check(list, { service: "s3" })).toEqual({ ok: session.accessKeyId });
    expect(await check(s3Get("k"), { service: "s3", unsignedPayload: true })).toEqual({ ok: session.accessKeyId });
    const put: Outgoing = { method: "PUT", host: S3_HOST, path: "/" + s3KeyPath("dir/ü.txt"), headers: { "content-type": "text/plain", "x-amz-meta-owner": "a   b" }, body: "hello é" };
    expect(await check(put, { service: "s3" })).toEqual({ ok: session.accessKeyId });
  });
});

describe("SSM signatures made by @smithy/signature-v4 verify", () => {
  it("with and without x-amz-content-sha256", async () => {
    expect(await check(ssmCall(), { service: "ssm" })).toEqual({ ok: session.accessKeyId });
    expect(await check(ssmCall(), { service: "ssm", applyChecksum: true })).toEqual({ ok: session.accessKeyId });
  });

  it("on a path smithy normalises and encodes twice, as AWS does for every service but S3", async () => {
    const out = { ...ssmCall(), path: "/a%20b/./c/../d//e%2Bf" };
    expect(await check(out, { service: "ssm" })).toEqual({ ok: session.accessKeyId });
  });

  it("presigned", async () => {
    expect(await check(ssmCall(), { service: "ssm", presignExpires: 60 })).toEqual({ ok: session.accessKeyId });
  });
});

describe("one changed byte breaks the signature", () => {
  it.each([
    ["the signature (header auth)", { service: "s3" } as SigningOptions],
    ["the signature (presigned)", { service: "s3", presignExpires: 300 } as SigningOptions]
  ])("S3: %s", async (_what, options) => {
    const v = await check(s3Get("a b/c"), options, (s) => replaceSignature(s, flipHex));
    expect(v).toMatchObject({ code: "SignatureDoesNotMatch", status: 403 });
  });

  it("S3: the path", async () => {
    const v = await check(s3Get("report-2026.csv"), { service: "s3" }, (s) => {
      s.path = s.path.replace("2026", "2027");
    });
    expect(v).toMatchObject({ code: "SignatureDoesNotMatch", status: 403 });
  });

  it("S3: a signed header", async () => {
    const out = s3Get("k", { headers: { "x-amz-meta-colour": "blue", range: "bytes=0-9" } });
    expect(await check(out, { service: "s3" }, (s) => (s.headers["x-amz-meta-colour"] = "blut"))).toMatchObject({ code: "SignatureDoesNotMatch" });
    expect(await check(out, { service: "s3" }, (s) => (s.headers.range = "bytes=0-8"))).toMatchObject({ code: "SignatureDoesNotMatch" });
  });

  it("S3: a query parameter of a presigned URL", async () => {
    const out = s3Get("k", { query: [["response-content-type", "text/plain"]] });
    const v = await check(out, { service: "s3", presignExpires: 300 }, (s) => {
      s.path = s.path.replace("text%2Fplain", "text%2Fplaim");
    });
    expect(v).toMatchObject({ code: "SignatureDoesNotMatch" });
  });

  it("S3: the body, whose declared SHA-256 no longer matches", async () => {
    const put: Outgoing = { method: "PUT", host: S3_HOST, path: "/k", body: "hello" };
    const v = await check(put, { service: "s3" }, (s) => (s.body = Buffer.from("hellp")));
    expect(v).toMatchObject({ code: "XAmzContentSHA256Mismatch", status: 400 });
    expect(v.details).toEqual({
      ClientComputedContentSHA256: createHash("sha256").update("hello").digest("hex"),
      S3ComputedContentSHA256: createHash("sha256").update("hellp").digest("hex")
    });
  });

  it.each([false, true])("SSM: the body (x-amz-content-sha256 sent: %s)", async (applyChecksum) => {
    const v = await check(ssmCall(), { service: "ssm", applyChecksum }, (s) => {
      s.body = Buffer.from(s.body.toString().replace("/app/db", "/app/dc"));
    });
    expect(v).toMatchObject({ code: "InvalidSignatureException", status: 400 });
    expect(v.message).toContain("The request signature we calculated does not match");
  });

  it("SSM: the target header", async () => {
    const v = await check(ssmCall(), { service: "ssm" }, (s) => (s.headers["x-amz-target"] = "AmazonSSM.GetParameters"));
    expect(v).toMatchObject({ code: "InvalidSignatureException" });
  });
});

describe("SignatureDoesNotMatch explains itself like S3", () => {
  it("with the canonical request and string to sign that the right signature is made from", async () => {
    const signed = await sign(session, s3Get("dir/a b+c.txt", { query: [["versionless", "x y"]] }), { service: "s3", date: at() });
    const rightSignature = /Signature=([0-9a-f]{64})/.exec(signed.headers.authorization)![1];
    replaceSignature(signed, flipHex);
    const v = await verdictOf(signed);
    const d = v.details!;
    expect(d.SignatureProvided).toBe(flipHex(rightSignature));
    expect(d.AWSAccessKeyId).toBe(session.accessKeyId);
    expect(d.CanonicalRequest.split("\n").slice(0, 3)).toEqual(["GET", "/dir/a%20b%2Bc.txt", "versionless=x%20y"]);
    expect(d.StringToSign.split("\n")).toEqual([
      "AWS4-HMAC-SHA256",
      "20260314T120000Z",
      `20260314/${REGION}/s3/aws4_request`,
      createHash("sha256").update(d.CanonicalRequest).digest("hex")
    ]);
    expect(hmacSignature(session.secretAccessKey, "20260314", "s3", d.StringToSign)).toBe(rightSignature);
    expect(d.StringToSignBytes.split(" ").map((h) => String.fromCharCode(parseInt(h, 16))).join("")).toBe(d.StringToSign);
    expect(Buffer.from(d.CanonicalRequestBytes.split(" ").map((h) => parseInt(h, 16))).toString("utf8")).toBe(d.CanonicalRequest);
  });
});

/** SigV4 by hand with node:crypto, independent of smithy and of the code under test. */
function hmacSignature(secret: string, date: string, service: string, stringToSign: string): string {
  let key: Buffer = createHmac("sha256", `AWS4${secret}`).update(date).digest();
  for (const part of [REGION, service, "aws4_request"]) key = createHmac("sha256", key).update(part).digest();
  return createHmac("sha256", key).update(stringToSign).digest("hex");
}

describe("rejections", () => {
  it("no authentication at all", async () => {
    expect(await verdictOf({ method: "GET", path: "/k", headers: { host: S3_HOST }, body: Buffer.alloc(0) })).toMatchObject({ code: "AccessDenied", status: 403 });
    expect(await verdictOf({ method: "POST", path: "/", headers: { host: SSM_HOST }, body: Buffer.from("{}") })).toMatchObject({
      code: "MissingAuthenticationTokenException",
      status: 400
    });
  });

  it("a malformed Authorization header", async () => {
    const v = await check(s3Get("k"), { service: "s3" }, (s) => (s.headers.authorization = s.headers.authorization.replace(/, Signature=[0-9a-f]+/, "")));
    expect(v).toMatchObject({ code: "AuthorizationHeaderMalformed", status: 400 });
    expect(v.message).toContain("requires three components");
  });

  it("an access key AWS does not know", async () => {
    const stranger = { ...session, accessKeyId: "ASIAUNKNOWNKEY000000" };
    const s3 = await verdictOf(await sign(stranger, s3Get("k"), { service: "s3", date: at() }));
    expect(s3).toMatchObject({ code: "InvalidAccessKeyId", status: 403, details: { AWSAccessKeyId: "ASIAUNKNOWNKEY000000" } });
    const ssm = await verdictOf(await sign(stranger, ssmCall(), { service: "ssm", date: at() }));
    expect(ssm).toMatchObject({ code: "UnrecognizedClientException", status: 400, message: "The security token included in the request is invalid." });
  });

  it("a temporary key sent without its session token: S3 does not know the key (403 InvalidAccessKeyId), SSM says the token is invalid", async () => {
    for (const presignExpires of [undefined, 300]) {
      const v = await check(s3Get("k"), { service: "s3", presignExpires, omitToken: true });
      expect(v).toEqual({
        code: "InvalidAccessKeyId",
        status: 403,
        message: "The AWS Access Key Id you provided does not exist in our records.",
        details: { AWSAccessKeyId: session.accessKeyId }
      });
    }
    expect(await check(ssmCall(), { service: "ssm", omitToken: true })).toMatchObject({
      code: "UnrecognizedClientException",
      status: 400,
      message: "The security token included in the request is invalid."
    });
  });

  it("someone else's session token", async () => {
    const tokenOptions = { token: "IQoJb3JpZ2luX2VjEOther==" };
    for (const presignExpires of [undefined, 300]) {
      const v = await check(s3Get("k"), { service: "s3", presignExpires, ...tokenOptions });
      expect(v).toMatchObject({ code: "InvalidToken", status: 400, message: "The provided token is malformed or otherwise invalid." });
    }
    expect(await check(ssmCall(), { service: "ssm", ...tokenOptions })).toMatchObject({
      code: "UnrecognizedClientException",
      status: 400,
      message: "The security token included in the request is invalid."
    });
  });

  it("an expired session", async () => {
    const shortLived = issueSession(world, clock, undefined, 60_000);
    clock.now = T0 + 61_000;
    const s3 = await verdictOf(await sign(shortLived, s3Get("k"), { service: "s3", date: at(61_000) }));
    expect(s3).toMatchObject({ code: "ExpiredToken", status: 400, message: "The provided token has expired." });
    const ssm = await verdictOf(await sign(shortLived, ssmCall(), { service: "ssm", date: at(61_000) }));
    expect(ssm).toMatchObject({ code: "ExpiredTokenException", status: 400, message: "The security token included in the request is expired" });
  });

  it("a request time more than 15 minutes from S3's clock, and 5 from SSM's", async () => {
    const s3At = async (offset: number) => check(s3Get("k"), { service: "s3", date: at(offset) });
    expect(await s3At(14 * 60_000)).toEqual({ ok: session.accessKeyId });
    expect(await s3At(-14 * 60_000)).toEqual({ ok: session.accessKeyId });
    const skewed = await s3At(-16 * 60_000);
    expect(skewed).toMatchObject({ code: "RequestTimeTooSkewed", status: 403 });
    expect(skewed.details).toEqual({ RequestTime: "20260314T114400Z", ServerTime: "2026-03-14T12:00:00Z", MaxAllowedSkewMilliseconds: "900000" });
    expect(await s3At(16 * 60_000)).toMatchObject({ code: "RequestTimeTooSkewed" });
    const ssmAt = async (offset: number) => check(ssmCall(), { service: "ssm", date: at(offset) });
    expect(await ssmAt(-4 * 60_000)).toEqual({ ok: session.accessKeyId });
    expect(await ssmAt(-6 * 60_000)).toMatchObject({ code: "InvalidSignatureException", message: expect.stringMatching(/^Signature expired: 20260314T115400Z is now earlier than/) });
    expect(await ssmAt(6 * 60_000)).toMatchObject({ code: "InvalidSignatureException", message: expect.stringMatching(/^Signature not yet current/) });
  });

  it("an expired presigned URL", async () => {
    const signed = await sign(session, s3Get("k"), { service: "s3", date: at(), presignExpires: 60 });
    clock.now = T0 + 60_000;
    expect(await verdictOf(signed)).toEqual({ ok: session.accessKeyId });
    clock.now = T0 + 61_000;
    const v = await verdictOf(signed);
    expect(v).toMatchObject({ code: "AccessDenied", status: 403, message: "Request has expired" });
    expect(v.details).toEqual({ "X-Amz-Expires": "60", Expires: "2026-03-14T12:01:00Z", ServerTime: "2026-03-14T12:01:01Z" });
  });

  it.each([
    ["604801", "X-Amz-Expires must be less than a week (in seconds) that is 604800"],
    ["0", "X-Amz-Expires must be a whole number"],
    ["-5", "X-Amz-Expires must be non-negative"],
    ["soon", "X-Amz-Expires should be a number"]
  ])("X-Amz-Expires=%s", async (expires, message) => {
    const v = await check(s3Get("k"), { service: "s3", presignExpires: 300 }, (s) => (s.path = s.path.replace("X-Amz-Expires=300", `X-Amz-Expires=${expires}`)));
    expect(v).toMatchObject({ code: "AuthorizationQueryParametersError", status: 400 });
    expect(v.message).toContain(message);
  });

  it("a credential scoped to another region or service", async () => {
    const region = await check(s3Get("k"), { service: "s3", signingRegion: "us-east-1" });
    expect(region).toMatchObject({
      code: "AuthorizationHeaderMalformed",
      status: 400,
      message: "The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'eu-west-1'",
      details: { Region: "eu-west-1" }
    });
    const presigned = await check(s3Get("k"), { service: "s3", signingRegion: "us-east-1", presignExpires: 60 });
    expect(presigned).toMatchObject({ code: "AuthorizationQueryParametersError", details: { Region: "eu-west-1" } });
    expect(await check(s3Get("k"), { service: "s3", signingService: "ssm" })).toMatchObject({ code: "AuthorizationHeaderMalformed", message: expect.stringContaining('incorrect service "ssm"') });
    expect(await check(ssmCall(), { service: "ssm", signingRegion: "us-east-1" })).toMatchObject({
      code: "InvalidSignatureException",
      message: "Credential should be scoped to a valid region, not 'us-east-1'. "
    });
    expect(await check(ssmCall(), { service: "ssm", signingService: "s3" })).toMatchObject({ code: "InvalidSignatureException", message: "Credential should be scoped to correct service: 'ssm'. " });
  });

  it("S3 header auth without x-amz-content-sha256, or with a value that is not a hash", async () => {
    expect(await check(s3Get("k"), { service: "s3", applyChecksum: false })).toMatchObject({
      code: "InvalidRequest",
      status: 400,
      message: "Missing required header for this request: x-amz-content-sha256"
    });
    expect(await check(s3Get("k", { headers: { "x-amz-content-sha256": "not-a-hash" } }), { service: "s3" })).toMatchObject({ code: "InvalidArgument", status: 400 });
  });

  it("S3 refuses x-amz-* headers that were not signed", async () => {
    const v = await check(s3Get("k"), { service: "s3" }, (s) => (s.headers["x-amz-meta-late"] = "added after signing"));
    expect(v).toMatchObject({ code: "AccessDenied", status: 403, message: "There were headers present in the request which were not signed", details: { HeadersNotSigned: "x-amz-meta-late" } });
  });
});

// PutObject as S3 checks it, over real HTTP with requests signed by
// @smithy/signature-v4: additional checksums (x-amz-checksum-*), conditional
// writes (If-Match, If-None-Match), uploads without a Content-Length, and
// aws-chunked bodies (SigV4 streaming, signed chunk by chunk here with
// node:crypto, independently of the stand-in's verifier).

import { createHash, createHmac } from "node:crypto";
import * as net from "node:net";
import * as zlib from "node:zlib";
import { S3StandIn } from "../../../src/stand-ins/aws/s3";
import type { PolicyDocument } from "../../../src/iam/document";
import type { AwsWorld, Session } from "../../../src/stand-ins/aws/world";
import { ACCOUNT, REGION, issueSession, newWorld, s3KeyPath, send, sign, xmlField, type Clock, type Outgoing, type Received, type Signed } from "./aws-client";

const BUCKET = "upload-bucket";
const T0 = Date.UTC(2026, 2, 14, 12, 0, 0);
const clock: Clock = { now: T0 };
const ROLE = `arn:aws:iam::${ACCOUNT}:role/uploader`;
const POLICY: PolicyDocument = {
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: `arn:aws:s3:::${BUCKET}/*` },
    { Effect: "Allow", Action: "s3:ListBucket", Resource: `arn:aws:s3:::${BUCKET}` }
  ]
};

let world: AwsWorld;
let s3: S3StandIn;
let session: Session;

beforeAll(async () => {
  world = newWorld(clock);
  world.putRole({ arn: ROLE, trustPolicy: { Statement: [] }, permissionsPolicies: [POLICY] });
  session = issueSession(world, clock, ROLE);
  s3 = await S3StandIn.start({ world, region: REGION });
  s3.createBucket(BUCKET);
});
afterAll(() => s3.close());

const put = (key: string, body: string | Buffer, headers: Record<string, string> = {}): Outgoing => ({
  method: "PUT",
  host: s3.hostFor(BUCKET),
  path: "/" + s3KeyPath(key),
  headers,
  body
});
const get = (key: string, headers: Record<string, string> = {}, method = "GET"): Outgoing => ({ method, host: s3.hostFor(BUCKET), path: "/" + s3KeyPath(key), headers });
const signed = (out: Outgoing) => sign(session, out, { service: "s3", date: new Date(clock.now) });
const call = async (out: Outgoing) => send(s3.url, await signed(out));
const code = (answer: Received) => xmlField(answer.text, "Code");
const sha256Hex = (data: Buffer | string) => createHash("sha256").update(data).digest("hex");

const BODY = "123456789";
const GOOD: Record<string, string> = {
  crc32: "y/Q5Jg==",
  crc32c: "4waSgw==",
  crc64nvme: "rosUhgp5mIg=",
  sha1: "98O8HYCOBHMq32eZZczDTKeuNEE=",
  sha256: "FeKw08M4keuw8e9gnsQZQgwg4yDOlMZfvIwzEkSOsiU="
};
/** Well-formed values of the right length that are not BODY's. */
const WRONG: Record<string, string> = {
  crc32: "AAAAAA==",
  crc32c: "5waSgw==",
  crc64nvme: "sosUhgp5mIg=",
  sha1: "+8O8HYCOBHMq32eZZczDTKeuNEE=",
  sha256: "GeKw08M4keuw8e9gnsQZQgwg4yDOlMZfvIwzEkSOsiU="
};
const NAMES: Record<string, string> = { crc32: "CRC32", crc32c: "CRC32C", crc64nvme: "CRC64NVME", sha1: "SHA1", sha256: "SHA256" };

describe("additional checksums", () => {
  it.each(Object.keys(GOOD))("a correct x-amz-checksum-%s is accepted, answered, and returned with x-amz-checksum-mode: ENABLED", async (alg) => {
    const header = `x-amz-checksum-${alg}`;
    const answer = await call(put(`sums/${alg}`, BODY, { [header]: GOOD[alg] }));
    expect(answer.status).toBe(200);
    expect(answer.headers[header]).toBe(GOOD[alg]);
    expect(answer.headers["x-amz-checksum-type"]).toBe("FULL_OBJECT");
    expect((await call(get(`sums/${alg}`))).headers[header]).toBeUndefined();
    for (const method of ["GET", "HEAD"]) {
      const read = await call(get(`sums/${alg}`, { "x-amz-checksum-mode": "ENABLED" }, method));
      expect(read.headers[header]).toBe(GOOD[alg]);
      expect(read.headers["x-amz-checksum-type"]).toBe("FULL_OBJECT");
    }
    const ranged = await call(get(`sums/${alg}`, { "x-amz-checksum-mode": "ENABLED", range: "bytes=0-2" }));
    expect(ranged.status).toBe(206);
    expect(ranged.headers[header]).toBeUndefined();
  });

  it.each(Object.keys(WRONG))("a well-formed but wrong x-amz-checksum-%s is 400 BadDigest, and nothing is written", async (alg) => {
    const answer = await call(put(`sums/wrong-${alg}`, BODY, { [`x-amz-checksum-${alg}`]: WRONG[alg] }));
    expect(answer.status).toBe(400);
    expect(code(answer)).toBe("BadDigest");
    expect(xmlField(answer.text, "Message")).toBe(`The ${NAMES[alg]} you specified did not match the calculated checksum.`);
    expect(answer.text).not.toContain(WRONG[alg]);
    expect(s3.getObjectDirect(BUCKET, `sums/wrong-${alg}`)).toBeUndefined();
  });

  it.each([
    ["crc32", "i9aeUgg="],
    ["crc32", "y/Q5Jh=="],
    ["crc32", "shrt"],
    ["crc32", "^^^^^^=="],
    ["crc32c", "AAAAAAAA"],
    ["crc64nvme", "y/Q5Jg=="],
    ["sha1", GOOD.sha256],
    ["sha256", GOOD.sha1]
  ])("a malformed x-amz-checksum-%s (%j) is 400 InvalidRequest", async (alg, value) => {
    const answer = await call(put("sums/malformed", BODY, { [`x-amz-checksum-${alg}`]: value }));
    expect(answer.status).toBe(400);
    expect(code(answer)).toBe("InvalidRequest");
    expect(xmlField(answer.text, "Message")).toBe(`Value for x-amz-checksum-${alg} header is invalid.`);
  });

  it("refuses two checksums, and an x-amz-sdk-checksum-algorithm that nothing backs or that names another algorithm", async () => {
    const two = await call(put("sums/two", BODY, { "x-amz-checksum-crc32": GOOD.crc32, "x-amz-checksum-sha1": GOOD.sha1 }));
    expect([two.status, code(two), xmlField(two.text, "Message")]).toEqual([400, "InvalidRequest", "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed."]);
    const alone = await call(put("sums/alone", BODY, { "x-amz-sdk-checksum-algorithm": "CRC32" }));
    expect([alone.status, xmlField(alone.text, "Message")]).toEqual([
      400,
      "x-amz-sdk-checksum-algorithm specified, but no corresponding x-amz-checksum-* or x-amz-trailer headers were found."
    ]);
    const other = await call(put("sums/other", BODY, { "x-amz-sdk-checksum-algorithm": "SHA1", "x-amz-checksum-crc32": GOOD.crc32 }));
    expect([other.status, xmlField(other.text, "Message")]).toEqual([400, "Value for x-amz-sdk-checksum-algorithm header is invalid."]);
    const same = await call(put("sums/same", BODY, { "x-amz-sdk-checksum-algorithm": "CRC32", "x-amz-checksum-crc32": GOOD.crc32 }));
    expect(same.status).toBe(200);
  });

  it("gives an upload without a checksum S3's default, CRC64NVME", async () => {
    const answer = await call(put("sums/none", BODY));
    expect(answer.headers["x-amz-checksum-crc64nvme"]).toBe(GOOD.crc64nvme);
    s3.putObjectDirect(BUCKET, "sums/seeded", BODY);
    expect((await call(get("sums/seeded", { "x-amz-checksum-mode": "ENABLED" }))).headers["x-amz-checksum-crc64nvme"]).toBe(GOOD.crc64nvme);
  });
});

describe("conditional writes", () => {
  it("If-None-Match: * creates a key once, then answers 412 PreconditionFailed without overwriting", async () => {
    expect((await call(put("cond/once", "first", { "if-none-match": "*" }))).status).toBe(200);
    const again = await call(put("cond/once", "second", { "if-none-match": "*" }));
    expect(again.status).toBe(412);
    expect(code(again)).toBe("PreconditionFailed");
    expect(s3.getObjectDirect(BUCKET, "cond/once")!.toString()).toBe("first");
  });

  it("If-Match overwrites only the version whose ETag it names", async () => {
    const first = await call(put("cond/cas", "v1"));
    const etag = first.headers.etag as string;
    expect((await call(put("cond/cas", "v2", { "if-match": etag }))).status).toBe(200);
    const stale = await call(put("cond/cas", "v3", { "if-match": etag }));
    expect(stale.status).toBe(412);
    expect(code(stale)).toBe("PreconditionFailed");
    expect(s3.getObjectDirect(BUCKET, "cond/cas")!.toString()).toBe("v2");
  });

  it("If-Match on a key that does not exist is 404 NoSuchKey, and writes nothing", async () => {
    const answer = await call(put("cond/absent", "x", { "if-match": '"0123456789abcdef0123456789abcdef"' }));
    expect(answer.status).toBe(404);
    expect(code(answer)).toBe("NoSuchKey");
    expect(s3.getObjectDirect(BUCKET, "cond/absent")).toBeUndefined();
  });
});

/** An HTTP/1.1 request written by hand, so its framing is exactly what the test says. */
function sendRaw(request: Signed, framing: "none" | "chunked", body: Buffer): Promise<Received> {
  const { port } = new URL(s3.url);
  const lines = [`${request.method} ${request.path} HTTP/1.1`, ...Object.entries(request.headers).map(([n, v]) => `${n}: ${v}`)];
  if (framing === "chunked") lines.push("transfer-encoding: chunked");
  lines.push("connection: close", "", "");
  const wire = framing === "chunked" ? Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from("\r\n0\r\n\r\n")]) : body;
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), "127.0.0.1", () => socket.end(Buffer.concat([Buffer.from(lines.join("\r\n")), wire])));
    const chunks: Buffer[] = [];
    socket.on("data", (c: Buffer) => chunks.push(c));
    socket.on("error", reject);
    socket.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)![1]);
      const text = raw.slice(raw.indexOf("\r\n\r\n") + 4);
      resolve({ status, headers: {}, body: Buffer.from(text), text });
    });
  });
}

describe("uploads without a Content-Length", () => {
  it("Transfer-Encoding: chunked without aws-chunked is 501 NotImplemented naming the header", async () => {
    const request = await signed(put("len/chunked", BODY));
    const answer = await sendRaw(request, "chunked", Buffer.from(BODY));
    expect(answer.status).toBe(501);
    expect(xmlField(answer.text, "Code")).toBe("NotImplemented");
    expect(xmlField(answer.text, "Message")).toBe("A header you provided implies functionality that is not implemented");
    expect(xmlField(answer.text, "Header")).toBe("Transfer-Encoding");
    expect(s3.getObjectDirect(BUCKET, "len/chunked")).toBeUndefined();
  });

  it("neither Content-Length nor chunked is 411 MissingContentLength", async () => {
    const request = await signed(put("len/none", ""));
    const answer = await sendRaw(request, "none", Buffer.alloc(0));
    expect(answer.status).toBe(411);
    expect(xmlField(answer.text, "Code")).toBe("MissingContentLength");
    expect(xmlField(answer.text, "Message")).toBe("You must provide the Content-Length HTTP header.");
  });
});

// ---- aws-chunked ------------------------------------------------------------------

const DATE = "20260314";
const AMZ_DATE = "20260314T120000Z";
const SCOPE = `${DATE}/${REGION}/s3/aws4_request`;

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac("sha256", key).update(data).digest();
}

function signingKey(): Buffer {
  let key = hmac(`AWS4${session.secretAccessKey}`, DATE);
  for (const part of [REGION, "s3", "aws4_request"]) key = hmac(key, part);
  return key;
}

function chunkSignature(previous: string, data: Buffer): string {
  const stringToSign = ["AWS4-HMAC-SHA256-PAYLOAD", AMZ_DATE, SCOPE, previous, sha256Hex(""), sha256Hex(data)].join("\n");
  return hmac(signingKey(), stringToSign).toString("hex");
}

interface Streaming {
  payload: "STREAMING-AWS4-HMAC-SHA256-PAYLOAD" | "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER" | "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
  chunks: Buffer[];
  trailer?: [string, string];
  decodedLength?: number;
  tamper?: (body: string) => string;
  extraHeaders?: Record<string, string>;
}

/** A signed aws-chunked PUT: the seed signature from smithy, every chunk (and the trailer) signed here. */
async function streamingPut(key: string, s: Streaming): Promise<{ request: Signed; body: Buffer }> {
  const decoded = Buffer.concat(s.chunks);
  const headers: Record<string, string> = {
    "x-amz-content-sha256": s.payload,
    "content-encoding": "aws-chunked",
    "x-amz-decoded-content-length": String(s.decodedLength ?? decoded.length),
    ...(s.trailer ? { "x-amz-trailer": s.trailer[0] } : {}),
    ...s.extraHeaders
  };
  const request = await sign(session, put(key, "", headers), { service: "s3", date: new Date(T0) });
  const signedChunks = s.payload !== "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
  let previous = /Signature=([0-9a-f]{64})/.exec(request.headers.authorization)![1];
  const parts: Buffer[] = [];
  for (const chunk of [...s.chunks, Buffer.alloc(0)]) {
    const head = chunk.length.toString(16);
    if (signedChunks) {
      previous = chunkSignature(previous, chunk);
      parts.push(Buffer.from(`${head};chunk-signature=${previous}\r\n`));
    } else {
      parts.push(Buffer.from(`${head}\r\n`));
    }
    parts.push(chunk);
    if (chunk.length > 0 || !s.payload.endsWith("TRAILER")) parts.push(Buffer.from("\r\n"));
  }
  if (s.payload.endsWith("TRAILER")) {
    const trailerText = s.trailer ? `${s.trailer[0]}:${s.trailer[1]}\n` : "\n";
    parts.push(Buffer.from(s.trailer ? `${s.trailer[0]}:${s.trailer[1]}\r\n` : ""));
    if (signedChunks) {
      const stringToSign = ["AWS4-HMAC-SHA256-TRAILER", AMZ_DATE, SCOPE, previous, sha256Hex(trailerText)].join("\n");
      parts.push(Buffer.from(`x-amz-trailer-signature:${hmac(signingKey(), stringToSign).toString("hex")}\r\n`));
    }
    parts.push(Buffer.from("\r\n"));
  }
  let body = Buffer.concat(parts);
  if (s.tamper) body = Buffer.from(s.tamper(body.toString("latin1")), "latin1");
  return { request: { ...request, body }, body };
}

describe("aws-chunked uploads", () => {
  beforeEach(() => {
    clock.now = T0;
  });
  const big = Buffer.alloc(8192, "a");
  const rest = Buffer.from("the rest");
  const stored = (key: string) => s3.getObjectDirect(BUCKET, key)?.toString();
  // zlib's CRC-32, independent of the stand-in's.
  const crc32Of = (data: Buffer) => {
    const out = Buffer.alloc(4);
    out.writeUInt32BE(zlib.crc32(data));
    return out.toString("base64");
  };
  const crc = crc32Of(Buffer.concat([big, rest]));

  it.each(["STREAMING-AWS4-HMAC-SHA256-PAYLOAD", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", "STREAMING-UNSIGNED-PAYLOAD-TRAILER"] as const)(
    "%s: stores the decoded body, over Content-Length or Transfer-Encoding: chunked",
    async (payload) => {
      for (const framing of ["length", "chunked"] as const) {
        const key = `chunked/${payload}/${framing}`;
        const trailer: [string, string] | undefined = payload.endsWith("TRAILER") ? ["x-amz-checksum-crc32", crc] : undefined;
        const { request, body } = await streamingPut(key, { payload, chunks: [big, rest], trailer });
        const answer = framing === "length" ? await send(s3.url, request) : await sendRaw(request, "chunked", body);
        expect(answer.status).toBe(200);
        expect(stored(key)).toBe(Buffer.concat([big, rest]).toString());
        const read = await call(get(key, { "x-amz-checksum-mode": "ENABLED" }));
        expect(read.headers["content-encoding"]).toBeUndefined();
        if (payload.endsWith("TRAILER")) expect(read.headers["x-amz-checksum-crc32"]).toBe(crc);
      }
    }
  );

  it("a wrong trailing checksum is BadDigest; a declared trailer that never comes is MalformedTrailerError", async () => {
    const wrong = await streamingPut("chunked/bad-crc", { payload: "STREAMING-UNSIGNED-PAYLOAD-TRAILER", chunks: [rest], trailer: ["x-amz-checksum-crc32", "AAAAAA=="] });
    const answer = await send(s3.url, wrong.request);
    expect([answer.status, code(answer), xmlField(answer.text, "Message")]).toEqual([400, "BadDigest", "The CRC32 you specified did not match the calculated checksum."]);
    const missing = await streamingPut("chunked/no-trailer", { payload: "STREAMING-UNSIGNED-PAYLOAD-TRAILER", chunks: [rest], extraHeaders: { "x-amz-trailer": "x-amz-checksum-crc32" } });
    const refused = await send(s3.url, missing.request);
    expect([refused.status, code(refused)]).toEqual([400, "MalformedTrailerError"]);
  });

  it("a tampered chunk is 403 SignatureDoesNotMatch over the chunk's string to sign", async () => {
    const { request } = await streamingPut("chunked/tampered", { payload: "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", chunks: [rest], tamper: (b) => b.replace("the rest", "the best") });
    const answer = await send(s3.url, request);
    expect([answer.status, code(answer)]).toEqual([403, "SignatureDoesNotMatch"]);
    expect(xmlField(answer.text, "StringToSign")).toMatch(/^AWS4-HMAC-SHA256-PAYLOAD\n/);
    expect(stored("chunked/tampered")).toBeUndefined();
  });

  it("a signed chunk under 8 KiB before the last is 403 InvalidChunkSizeError", async () => {
    const { request } = await streamingPut("chunked/small", { payload: "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", chunks: [Buffer.alloc(1024, "x"), Buffer.alloc(4096, "y")] });
    const answer = await send(s3.url, request);
    expect([answer.status, code(answer), xmlField(answer.text, "Chunk"), xmlField(answer.text, "BadChunkSize")]).toEqual([403, "InvalidChunkSizeError", "2", "1024"]);
  });

  it("a body that ends early, or decodes to another length than declared, is 400 IncompleteBody", async () => {
    const truncated = await streamingPut("chunked/truncated", { payload: "STREAMING-UNSIGNED-PAYLOAD-TRAILER", chunks: [big], tamper: (b) => b.slice(0, 100) });
    const early = await send(s3.url, truncated.request);
    expect([early.status, code(early), xmlField(early.text, "Message")]).toEqual([400, "IncompleteBody", "The request body terminated unexpectedly"]);
    const longer = await streamingPut("chunked/longer", { payload: "STREAMING-UNSIGNED-PAYLOAD-TRAILER", chunks: [rest], decodedLength: 3 });
    const mismatch = await send(s3.url, longer.request);
    expect([mismatch.status, code(mismatch), xmlField(mismatch.text, "NumberBytesExpected"), xmlField(mismatch.text, "NumberBytesProvided")]).toEqual([400, "IncompleteBody", "3", "8"]);
  });

  it("without a numeric x-amz-decoded-content-length it is 411 MissingContentLength", async () => {
    const { request } = await streamingPut("chunked/no-length", { payload: "STREAMING-UNSIGNED-PAYLOAD-TRAILER", chunks: [rest] });
    delete request.headers["x-amz-decoded-content-length"];
    const answer = await send(s3.url, request);
    expect([answer.status, code(answer)]).toEqual([411, "MissingContentLength"]);
  });
});

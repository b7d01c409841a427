// The S3 stand-in over real HTTP, with requests signed by @smithy/signature-v4:
// every operation and its errors, addressing styles, presigned URLs,
// authorisation by the role's policies, and what it records.

import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { S3StandIn } from "../../../src/stand-ins/aws/s3";
import type { PolicyDocument } from "../../../src/iam/document";
import type { AwsWorld, Session } from "../../../src/stand-ins/aws/world";
import {
  ACCOUNT,
  REGION,
  issueSession,
  newWorld,
  s3KeyPath,
  send,
  sign,
  signAndSend,
  xmlField,
  xmlFields,
  type Clock,
  type Outgoing,
  type Received,
  type SigningOptions
} from "./aws-client";

const BUCKET = "acme-bucket";
const T0 = Date.UTC(2026, 2, 14, 12, 0, 0);
const clock: Clock = { now: T0 };
const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;

const FULL_ACCESS: PolicyDocument = {
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: `arn:aws:s3:::${BUCKET}/*` },
    { Effect: "Allow", Action: "s3:ListBucket", Resource: `arn:aws:s3:::${BUCKET}` },
    { Effect: "Deny", Action: "s3:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }
  ]
};
const GET_ONLY: PolicyDocument = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: `arn:aws:s3:::${BUCKET}/*` }] };
const HOME_ONLY: PolicyDocument = {
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Action: "s3:GetObject", Resource: `arn:aws:s3:::${BUCKET}/home/alice/*` },
    { Effect: "Allow", Action: "s3:ListBucket", Resource: `arn:aws:s3:::${BUCKET}`, Condition: { StringLike: { "s3:prefix": "home/alice/*" } } }
  ]
};

let world: AwsWorld;
let s3: S3StandIn;
let writer: Session;
let getter: Session;
let alice: Session;

beforeAll(async () => {
  world = newWorld(clock);
  world.putRole({ arn: role("writer"), trustPolicy: { Statement: [] }, permissionsPolicies: [FULL_ACCESS] });
  world.putRole({ arn: role("getter"), trustPolicy: { Statement: [] }, permissionsPolicies: [GET_ONLY] });
  world.putRole({ arn: role("alice"), trustPolicy: { Statement: [] }, permissionsPolicies: [HOME_ONLY] });
  writer = issueSession(world, clock, role("writer"));
  getter = issueSession(world, clock, role("getter"));
  alice = issueSession(world, clock, role("alice"));
  s3 = await S3StandIn.start({ world, region: REGION });
  s3.createBucket(BUCKET);
});

afterAll(() => s3.close());

beforeEach(() => {
  clock.now = T0;
});

const signing = (extra: Partial<SigningOptions> = {}): SigningOptions => ({ service: "s3", date: new Date(clock.now), ...extra });

function object(method: string, key: string, extra: Partial<Outgoing> = {}): Outgoing {
  return { method, host: s3.hostFor(BUCKET), path: "/" + s3KeyPath(key), ...extra };
}

function call(session: Session, out: Outgoing, extra: Partial<SigningOptions> = {}): Promise<Received> {
  return signAndSend(s3.url, session, out, signing(extra));
}

function list(session: Session, query: [string, string][]): Promise<Received> {
  return call(session, { method: "GET", host: s3.hostFor(BUCKET), path: "/", query: [["list-type", "2"], ...query] });
}

const md5 = (text: string | Buffer) => `"${createHash("md5").update(text).digest("hex")}"`;

const KEYS = [
  "with space.txt",
  "a+b",
  "100%.csv",
  "user@example.com",
  "time:12:00",
  "k=v",
  "star*",
  "it's",
  "café/naïve.txt",
  "emoji-😀-👩‍💻",
  "double//slash",
  "../escape",
  "a/../b",
  ".."
];

describe("PutObject and GetObject", () => {
  it.each(KEYS)("round-trip the key %j with its content type and metadata", async (key) => {
    const body = `body of ${key}`;
    const put = await call(writer, object("PUT", key, { headers: { "content-type": "text/plain; charset=utf-8", "x-amz-meta-origin": "test é" }, body }));
    expect(put.status).toBe(200);
    expect(put.headers.etag).toBe(md5(body));
    const got = await call(writer, object("GET", key));
    expect(got.status).toBe(200);
    expect(got.text).toBe(body);
    expect(got.headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(got.headers["x-amz-meta-origin"]).toBe("test é");
    expect(got.headers.etag).toBe(md5(body));
  });

  it("lists the keys exactly as they were written (encoding-type=url)", async () => {
    for (const key of KEYS) expect((await call(writer, object("PUT", key, { body: key }))).status).toBe(200);
    const answer = await list(writer, [["encoding-type", "url"]]);
    const keys = xmlFields(answer.text, "Key").map((k) => decodeURIComponent(k.replace(/\+/g, "%20")));
    expect(keys).toEqual(expect.arrayContaining(KEYS));
  });

  it("stores binary bodies byte for byte, and defaults the content type", async () => {
    const bytes = Buffer.from([0, 255, 1, 254, 10, 13]);
    expect((await call(writer, object("PUT", "bin/blob", { body: bytes }))).status).toBe(200);
    const got = await call(writer, object("GET", "bin/blob"));
    expect(got.body.equals(bytes)).toBe(true);
    expect(got.headers["content-type"]).toBe("binary/octet-stream");
    expect(got.headers["content-length"]).toBe("6");
  });

  it("accepts path-style addressing and UNSIGNED-PAYLOAD", async () => {
    const pathStyle = (method: string, body?: string): Outgoing => ({ method, host: s3.pathStyleHost, path: `/${BUCKET}/path%20style.txt`, body });
    expect((await call(writer, pathStyle("PUT", "via path"), { unsignedPayload: true })).status).toBe(200);
    expect((await call(writer, object("GET", "path style.txt"))).text).toBe("via path");
    expect((await call(writer, pathStyle("GET"))).text).toBe("via path");
  });

  it("serves a presigned GET URL", async () => {
    s3.putObjectDirect(BUCKET, "shared/report.csv", "a,b\n1,2\n", "text/csv");
    const signed = await sign(writer, object("GET", "shared/report.csv"), signing({ presignExpires: 300 }));
    expect(signed.headers.authorization).toBeUndefined();
    const got = await send(s3.url, signed);
    expect(got.status).toBe(200);
    expect(got.text).toBe("a,b\n1,2\n");
    expect(got.headers["content-type"]).toBe("text/csv");
  });

  it("reads a literal + in the path as a space, as S3 does", async () => {
    expect((await call(writer, { ...object("PUT", "x"), path: "/plus+space", body: "p" })).status).toBe(200);
    expect((await call(writer, object("GET", "plus space"))).text).toBe("p");
  });

  it("rejects a Content-MD5 that does not match the body", async () => {
    const answer = await call(writer, object("PUT", "md5", { headers: { "content-md5": createHash("md5").update("other").digest("base64") }, body: "body" }));
    expect(answer.status).toBe(400);
    expect(xmlField(answer.text, "Code")).toBe("BadDigest");
  });

  it("honours the response-content-type override of a presigned URL", async () => {
    s3.putObjectDirect(BUCKET, "doc.bin", "x");
    const signed = await sign(writer, object("GET", "doc.bin", { query: [["response-content-type", "application/pdf"]] }), signing({ presignExpires: 60 }));
    expect((await send(s3.url, signed)).headers["content-type"]).toBe("application/pdf");
  });
});

describe("GetObject ranges", () => {
  beforeAll(() => s3.putObjectDirect(BUCKET, "digits.txt", "0123456789"));
  const ranged = (range: string) => call(writer, object("GET", "digits.txt", { headers: { range } }));

  it.each([
    ["bytes=0-4", "01234", "bytes 0-4/10"],
    ["bytes=7-", "789", "bytes 7-9/10"],
    ["bytes=-3", "789", "bytes 7-9/10"],
    ["bytes=8-100", "89", "bytes 8-9/10"],
    ["bytes=-50", "0123456789", "bytes 0-9/10"]
  ])("%s → 206 %j", async (range, body, contentRange) => {
    const answer = await ranged(range);
    expect(answer.status).toBe(206);
    expect(answer.text).toBe(body);
    expect(answer.headers["content-range"]).toBe(contentRange);
    expect(answer.headers["content-length"]).toBe(String(body.length));
  });

  it("answers 416 InvalidRange for a range past the end", async () => {
    const answer = await ranged("bytes=10-20");
    expect(answer.status).toBe(416);
    expect(xmlField(answer.text, "Code")).toBe("InvalidRange");
    expect(xmlField(answer.text, "ActualObjectSize")).toBe("10");
  });

  it("ignores a range it cannot parse", async () => {
    const answer = await ranged("bytes=5-2");
    expect(answer.status).toBe(200);
    expect(answer.text).toBe("0123456789");
  });
});

describe("conditional GetObject", () => {
  const ETAG = md5("v1");
  const MODIFIED = new Date(T0).toUTCString();
  const BEFORE = new Date(T0 - 3600_000).toUTCString();
  const AFTER = new Date(T0 + 3600_000).toUTCString();
  beforeAll(() => s3.putObjectDirect(BUCKET, "cond.txt", "v1"));
  const conditional = (headers: Record<string, string>) => call(writer, object("GET", "cond.txt", { headers }));

  it.each([
    [{ "if-match": ETAG }, 200],
    [{ "if-match": '"0000"' }, 412],
    [{ "if-match": "*" }, 200],
    [{ "if-none-match": ETAG }, 304],
    [{ "if-none-match": '"0000"' }, 200],
    [{ "if-modified-since": AFTER }, 304],
    [{ "if-modified-since": MODIFIED }, 304],
    [{ "if-modified-since": BEFORE }, 200],
    [{ "if-unmodified-since": BEFORE }, 412],
    [{ "if-unmodified-since": AFTER }, 200],
    [{ "if-match": ETAG, "if-unmodified-since": BEFORE }, 200],
    [{ "if-none-match": '"0000"', "if-modified-since": AFTER }, 200],
    [{ "if-none-match": ETAG, "if-modified-since": BEFORE }, 304]
  ])("%j → %d", async (headers, status) => {
    const answer = await conditional(headers);
    expect(answer.status).toBe(status);
    if (status === 412) expect(xmlField(answer.text, "Code")).toBe("PreconditionFailed");
    if (status === 304) expect(answer.body.length).toBe(0);
  });
});

describe("HeadObject", () => {
  it("sends the object's headers without its body", async () => {
    s3.putObjectDirect(BUCKET, "head.txt", "twelve bytes", "text/plain");
    const answer = await call(writer, object("HEAD", "head.txt"));
    expect(answer.status).toBe(200);
    expect(answer.body.length).toBe(0);
    expect(answer.headers["content-length"]).toBe("12");
    expect(answer.headers.etag).toBe(md5("twelve bytes"));
    expect(answer.headers["last-modified"]).toBe(new Date(T0).toUTCString());
  });

  it("answers errors with a status and no body", async () => {
    const answer = await call(writer, object("HEAD", "no/such/key"));
    expect(answer.status).toBe(404);
    expect(answer.body.length).toBe(0);
    expect(answer.headers["x-amz-request-id"]).toMatch(/^[0-9A-F]{16}$/);
  });

  it("evaluates conditions like GET", async () => {
    s3.putObjectDirect(BUCKET, "head2.txt", "v");
    expect((await call(writer, object("HEAD", "head2.txt", { headers: { "if-none-match": md5("v") } }))).status).toBe(304);
    expect((await call(writer, object("HEAD", "head2.txt", { headers: { "if-match": '"x"' } }))).status).toBe(412);
  });
});

describe("DeleteObject", () => {
  it("answers 204, removes the object, and is idempotent", async () => {
    s3.putObjectDirect(BUCKET, "doomed.txt", "bye");
    expect((await call(writer, object("DELETE", "doomed.txt"))).status).toBe(204);
    const gone = await call(writer, object("GET", "doomed.txt"));
    expect(gone.status).toBe(404);
    expect(xmlField(gone.text, "Code")).toBe("NoSuchKey");
    expect((await call(writer, object("DELETE", "doomed.txt"))).status).toBe(204);
  });
});

describe("ListObjectsV2", () => {
  const bucket = "list-bucket";
  beforeAll(() => {
    s3.createBucket(bucket);
    for (const key of ["a.txt", "b/1.txt", "b/2.txt", "b/c/3.txt", "d e/4.txt", "z.txt", "é.txt"]) s3.putObjectDirect(bucket, key, key);
    world.putRole({
      arn: role("lister"),
      trustPolicy: { Statement: [] },
      permissionsPolicies: [{ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:ListBucket", Resource: `arn:aws:s3:::${bucket}` }] }]
    });
  });
  const listIn = async (query: [string, string][]) => {
    const lister = issueSession(world, clock, role("lister"));
    return call(lister, { method: "GET", host: s3.hostFor(bucket), path: "/", query: [["list-type", "2"], ...query] });
  };

  it("lists every key in UTF-8 order with sizes and ETags", async () => {
    const answer = await listIn([]);
    expect(answer.status).toBe(200);
    expect(xmlFields(answer.text, "Key")).toEqual(["a.txt", "b/1.txt", "b/2.txt", "b/c/3.txt", "d e/4.txt", "z.txt", "é.txt"]);
    expect(xmlField(answer.text, "KeyCount")).toBe("7");
    expect(xmlField(answer.text, "IsTruncated")).toBe("false");
    expect(xmlField(answer.text, "Size")).toBe("5");
    expect(xmlField(answer.text, "ETag")).toBe(md5("a.txt"));
  });

  it("rolls keys up into CommonPrefixes at the delimiter, under a prefix", async () => {
    const top = await listIn([["delimiter", "/"]]);
    expect(xmlFields(top.text, "Key")).toEqual(["a.txt", "z.txt", "é.txt"]);
    expect(xmlFields(top.text.replace(/<Prefix><\/Prefix>/, ""), "Prefix")).toEqual(["b/", "d e/"]);
    expect(xmlField(top.text, "KeyCount")).toBe("5");
    const underB = await listIn([["prefix", "b/"], ["delimiter", "/"]]);
    expect(xmlFields(underB.text, "Key")).toEqual(["b/1.txt", "b/2.txt"]);
    expect(xmlFields(underB.text, "CommonPrefixes")).toEqual(["<Prefix>b/c/</Prefix>"]);
  });

  it("pages with max-keys and continuation tokens, counting prefixes as entries", async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const query: [string, string][] = [["max-keys", "2"], ["delimiter", "/"]];
      if (token) query.push(["continuation-token", token]);
      const page = await listIn(query);
      pages++;
      seen.push(...xmlFields(page.text, "Key"), ...xmlFields(page.text, "CommonPrefixes").map((p) => xmlField(p, "Prefix")!));
      token = xmlField(page.text, "NextContinuationToken");
      expect(xmlField(page.text, "IsTruncated")).toBe(token ? "true" : "false");
    } while (token);
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual(["a.txt", "b/", "d e/", "z.txt", "é.txt"].sort());
  });

  it("starts after a key", async () => {
    const answer = await listIn([["start-after", "b/2.txt"]]);
    expect(xmlFields(answer.text, "Key")).toEqual(["b/c/3.txt", "d e/4.txt", "z.txt", "é.txt"]);
    expect(xmlField(answer.text, "StartAfter")).toBe("b/2.txt");
  });

  it("URL-encodes keys and prefixes on request, with a space as +", async () => {
    const answer = await listIn([["encoding-type", "url"], ["delimiter", "/"]]);
    expect(xmlFields(answer.text, "Key")).toEqual(["a.txt", "z.txt", "%C3%A9.txt"]);
    expect(xmlFields(answer.text, "CommonPrefixes")).toContain("<Prefix>d+e/</Prefix>");
    expect(xmlField(answer.text, "EncodingType")).toBe("url");
  });

  it("rejects a bad max-keys, continuation token or encoding type", async () => {
    for (const query of [[["max-keys", "many"]], [["continuation-token", "bm90IGEgdG9rZW4"]], [["encoding-type", "base64"]]] as [string, string][][]) {
      const answer = await listIn(query);
      expect(answer.status).toBe(400);
      expect(xmlField(answer.text, "Code")).toBe("InvalidArgument");
    }
  });
});

describe("authorisation by the role's permissions policies", () => {
  it("denies an action the policy does not allow", async () => {
    const answer = await call(getter, object("PUT", "nope.txt", { body: "x" }));
    expect(answer.status).toBe(403);
    expect(xmlField(answer.text, "Code")).toBe("AccessDenied");
    expect(xmlField(answer.text, "Message")).toContain(`is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::${BUCKET}/nope.txt"`);
    expect((await call(getter, object("DELETE", "a+b"))).status).toBe(403);
  });

  it("answers a missing key with 403 to callers who may not list the bucket, and 404 NoSuchKey to those who may", async () => {
    const hidden = await call(getter, object("GET", "missing.txt"));
    expect(hidden.status).toBe(403);
    expect(xmlField(hidden.text, "Code")).toBe("AccessDenied");
    const told = await call(writer, object("GET", "missing.txt"));
    expect(told.status).toBe(404);
    expect(xmlField(told.text, "Code")).toBe("NoSuchKey");
    expect(xmlField(told.text, "Key")).toBe("missing.txt");
    expect(xmlField(told.text, "RequestId")).toBe(told.headers["x-amz-request-id"]);
  });

  it("limits listing to the prefixes s3:prefix allows", async () => {
    expect((await list(alice, [["prefix", "home/alice/"]])).status).toBe(200);
    const other = await list(alice, [["prefix", "home/bob/"]]);
    expect(other.status).toBe(403);
    expect(xmlField(other.text, "Code")).toBe("AccessDenied");
    expect((await list(alice, [])).status).toBe(403);
  });

  it("limits GetObject to the resources the policy names", async () => {
    s3.putObjectDirect(BUCKET, "home/alice/notes.txt", "mine");
    s3.putObjectDirect(BUCKET, "home/bob/notes.txt", "his");
    expect((await call(alice, object("GET", "home/alice/notes.txt"))).text).toBe("mine");
    expect((await call(alice, object("GET", "home/bob/notes.txt"))).status).toBe(403);
  });

  it("sets aws:SecureTransport from the stand-in's option", async () => {
    const plain = await S3StandIn.start({ world, region: REGION, secureTransport: false });
    try {
      plain.createBucket(BUCKET);
      plain.putObjectDirect(BUCKET, "k", "v");
      const answer = await signAndSend(plain.url, writer, object("GET", "k"), signing());
      expect(answer.status).toBe(403);
      expect(xmlField(answer.text, "Message")).toContain("explicit deny");
    } finally {
      await plain.close();
    }
  });

  it("authenticates before anything else", async () => {
    const signed = await sign(writer, object("GET", "a+b"), signing());
    signed.headers.authorization = signed.headers.authorization.replace(/Signature=\w+/, "Signature=" + "0".repeat(64));
    const answer = await send(s3.url, signed);
    expect(answer.status).toBe(403);
    expect(xmlField(answer.text, "Code")).toBe("SignatureDoesNotMatch");
    expect(xmlField(answer.text, "CanonicalRequest")).toContain("/a%2Bb");
  });
});

describe("errors and bookkeeping", () => {
  it("answers NoSuchBucket for a bucket that does not exist", async () => {
    const answer = await call(writer, { method: "GET", host: s3.hostFor("no-such-bucket"), path: "/k" });
    expect(answer.status).toBe(404);
    expect(answer.text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error><Code>NoSuchBucket<\/Code><Message>The specified bucket does not exist<\/Message><BucketName>no-such-bucket<\/BucketName><RequestId>/);
  });

  it("puts x-amz-request-id and x-amz-id-2 on every response", async () => {
    const answers = [await call(writer, object("GET", "a+b")), await call(writer, object("GET", "missing")), await call(getter, object("PUT", "x", { body: "" }))];
    for (const answer of answers) {
      expect(answer.headers["x-amz-request-id"]).toMatch(/^[0-9A-F]{16}$/);
      expect(answer.headers["x-amz-id-2"]).toBeTruthy();
    }
    expect(new Set(answers.map((a) => a.headers["x-amz-request-id"])).size).toBe(3);
  });

  it("records each call with its action and status", async () => {
    s3.putObjectDirect(BUCKET, "a+b", "seeded");
    const before = world.calls.length;
    await call(writer, object("GET", "a+b"));
    await call(getter, object("PUT", "x", { body: "" }));
    await call(writer, object("HEAD", "missing"));
    expect(world.calls.slice(before).map(({ action, status }) => [action, status])).toEqual([
      ["s3:GetObject", 200],
      ["s3:PutObject", 403],
      ["s3:GetObject", 404]
    ]);
  });

  it("says which operations it does not implement", async () => {
    const answer = await call(writer, object("GET", "a+b", { query: [["tagging", ""]] }));
    expect(answer.status).toBe(501);
    expect(xmlField(answer.text, "Code")).toBe("NotImplemented");
  });
});

describe("storage", () => {
  it("keeps objects on disk under the root, across restarts", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "s3-root-test-"));
    try {
      const first = await S3StandIn.start({ world, region: REGION, root });
      first.createBucket("kept");
      const key = "deep/../../escape 😀";
      expect((await signAndSend(first.url, writer, { method: "PUT", host: first.hostFor("kept"), path: "/" + s3KeyPath(key), body: "still here" }, signing())).status).toBe(403);
      first.putObjectDirect("kept", key, "still here");
      await first.close();
      expect(fs.readdirSync(path.join(root, "buckets", "kept")).every((f) => /^[0-9a-f]{64}\.(body|json)$/.test(f))).toBe(true);
      world.putRole({
        arn: role("kept-reader"),
        trustPolicy: { Statement: [] },
        permissionsPolicies: [{ Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::kept/*" } }]
      });
      const second = await S3StandIn.start({ world, region: REGION, root });
      try {
        const reader = issueSession(world, clock, role("kept-reader"));
        const got = await signAndSend(second.url, reader, { method: "GET", host: second.hostFor("kept"), path: "/" + s3KeyPath(key) }, signing());
        expect(got.text).toBe("still here");
      } finally {
        await second.close();
      }
      expect(fs.existsSync(root)).toBe(true);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it("refuses a bucket name S3 would refuse", () => {
    expect(() => s3.createBucket("Bad_Bucket")).toThrow(/not a valid S3 bucket name/);
  });
});

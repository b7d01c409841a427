// Random signing requests for the differential test against @smithy/signature-v4:
// S3 keys full of characters that break signers, queries with repeated keys
// and reserved characters, header values with odd whitespace, with and
// without a session token, in header and presigned form.

import fc from "fast-check";
import { Sha256 } from "@aws-crypto/sha256-js";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import type { HeaderList } from "../../src/flow/message";
import type { SignSpec } from "../../src/sign/sign-spec";
import { uriEncode } from "../../src/sigv4/uri-encode";

export interface RandomRequest {
  spec: SignSpec;
  /** What AWS's JavaScript SDK signer makes of the same request. */
  oracle(): Promise<{ signature: string; signedHeaders: string }>;
}

const KEY_PIECES = [" ", "+", "%", "@", ":", "=", "*", "'", "~", "!", "(", ")", "&", "$", ",", ";", "?", "#", "[", "]", "\\", "é", "ß", "ሴ", "中文", "😀", "👩‍💻", "/", "//", "..", "/../", "./", "%20", "%2F"];
const keyPiece = fc.oneof(
  fc.constantFrom(...KEY_PIECES),
  fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 4 }),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 2 })
);
const s3Key = fc
  .tuple(fc.array(keyPiece, { minLength: 1, maxLength: 10 }), fc.boolean())
  .map(([pieces, trailingSlash]) => pieces.join("") + (trailingSlash ? "/" : ""));

const segment = fc.oneof(fc.constantFrom(".", "..", "", "a b", "x+y", "ü", "%"), fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 6 }));
const genericPath = fc.array(segment, { minLength: 0, maxLength: 6 }).map((segs) => "/" + segs.map((s) => uriEncode(s, false)).join("/"));

const queryText = fc.oneof(fc.constantFrom("", " ", "a+b", "=", "&", "%", "/", "é", "😀", "~._-", "!*'()", "a b c"), fc.string({ unit: "grapheme", maxLength: 6 }));
const queryKey = fc.oneof(fc.constantFrom("prefix", "max-keys", "list-type", "acl", "a b", "ké", "x*y", "k=", "Param", "param"), fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 5 }));
const query = fc.array(fc.tuple(queryKey, queryText), { maxLength: 6 });

const headerName = fc.oneof(
  fc.constantFrom("content-type", "content-md5", "range", "if-match", "user-agent", "x-amzn-trace-id", "proxy-authorization", "sec-fetch-mode", "accept", "cache-control", "x-request-id", "My-Header"),
  fc.stringMatching(/^x-[a-z0-9]{1,8}$/)
);
const headerValue = fc.oneof(
  fc.constantFrom("a  b", "  leading", "trailing  ", "\ttab\tinside ", "a   b   c", '"a   b"', "x,y", "text/plain; charset=utf-8"),
  fc.string({ unit: "grapheme-ascii", maxLength: 20 })
);
const headers = fc.uniqueArray(fc.tuple(headerName, headerValue), { maxLength: 6, selector: ([n]) => n.toLowerCase() });

const credentials = fc.record({
  accessKeyId: fc.stringMatching(/^(AKIA|ASIA)[A-Z0-9]{16}$/),
  secretAccessKey: fc.stringMatching(/^[A-Za-z0-9/+]{40}$/),
  sessionToken: fc.option(fc.stringMatching(/^[A-Za-z0-9/+=]{16,400}$/), { nil: null })
});

const date = fc.integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2035, 11, 31) }).map((ms) => new Date(Math.floor(ms / 1000) * 1000));

export const randomRequest: fc.Arbitrary<RandomRequest> = fc
  .record({
    s3: fc.boolean(),
    key: s3Key,
    path: genericPath,
    service: fc.constantFrom("ssm", "sts", "execute-api", "dynamodb"),
    region: fc.constantFrom("us-east-1", "eu-west-1", "ap-southeast-2"),
    method: fc.constantFrom("GET", "PUT", "POST", "HEAD", "DELETE"),
    query,
    headers,
    body: fc.oneof(fc.constant(""), fc.string({ unit: "grapheme", maxLength: 40 })),
    credentials,
    date,
    presign: fc.option(fc.integer({ min: 1, max: 604800 }), { nil: null }),
    unsignedS3Payload: fc.boolean()
  })
  .map((r) => build(r));

function build(r: {
  s3: boolean; key: string; path: string; service: string; region: string; method: string; query: [string, string][];
  headers: [string, string][]; body: string; credentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string | null };
  date: Date; presign: number | null; unsignedS3Payload: boolean;
}): RandomRequest {
  const service = r.s3 ? "s3" : r.service;
  const host = r.s3 ? `acme-bucket.s3.${r.region}.amazonaws.com` : `${r.service}.${r.region}.amazonaws.com`;
  const path = r.s3 ? "/" + uriEncode(r.key, true) : r.path;
  const pairs = r.query.filter(([k]) => !/^x-amz-/i.test(k));
  const wireQuery = pairs.map(([k, v]) => `${uriEncode(k, false)}=${uriEncode(v, false)}`).join("&");
  const unsignedS3 = r.s3 && (r.presign !== null || r.unsignedS3Payload);
  const specHeaders: HeaderList = [["host", host], ...r.headers];
  if (unsignedS3 && r.presign === null) specHeaders.push(["x-amz-content-sha256", "UNSIGNED-PAYLOAD"]);
  const spec: SignSpec = {
    method: r.method,
    url: `https://${host}${path}${wireQuery ? `?${wireQuery}` : ""}`,
    headers: specHeaders,
    body: r.body,
    service,
    region: r.region,
    credentials: r.credentials,
    amzDate: r.date.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, ""),
    presignExpires: r.presign,
    payload: unsignedS3 ? { kind: "unsigned" } : { kind: "body" },
    signedHeaders: "all",
    normalizePath: !r.s3,
    doubleEncodePath: !r.s3,
    signSessionToken: true,
    contentSha256Header: r.s3 && r.presign === null
  };
  return { spec, oracle: () => smithySign(r, service, host, path, pairs, unsignedS3) };
}

async function smithySign(
  r: Parameters<typeof build>[0],
  service: string,
  host: string,
  path: string,
  pairs: [string, string][],
  unsignedS3: boolean
): Promise<{ signature: string; signedHeaders: string }> {
  const queryObject: Record<string, string | string[]> = {};
  for (const [k, v] of pairs) {
    const prev = queryObject[k];
    queryObject[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  const headerObject: Record<string, string> = { host };
  for (const [n, v] of r.headers) headerObject[n] = v;
  if (unsignedS3) headerObject["x-amz-content-sha256"] = "UNSIGNED-PAYLOAD";
  const signer = new SignatureV4({
    service,
    region: r.region,
    credentials: { accessKeyId: r.credentials.accessKeyId, secretAccessKey: r.credentials.secretAccessKey, sessionToken: r.credentials.sessionToken ?? undefined },
    sha256: Sha256,
    uriEscapePath: service !== "s3",
    applyChecksum: service === "s3"
  });
  const request = new HttpRequest({ method: r.method, protocol: "https:", hostname: host, path, query: queryObject, headers: headerObject, body: r.body });
  if (r.presign !== null) {
    const unhoisted = new Set(["x-amz-content-sha256"]);
    const presigned = await signer.presign(request, {
      signingDate: r.date,
      expiresIn: r.presign,
      unhoistableHeaders: unhoisted,
      unsignableHeaders: unhoisted
    });
    const query = presigned.query ?? {};
    return { signature: String(query["X-Amz-Signature"]), signedHeaders: String(query["X-Amz-SignedHeaders"]) };
  }
  const signed = await signer.sign(request, { signingDate: r.date });
  const auth = String(signed.headers.authorization);
  return { signature: /Signature=([0-9a-f]{64})/.exec(auth)![1], signedHeaders: /SignedHeaders=([^,]+)/.exec(auth)![1] };
}

// S3's object operations on an authorised request: GetObject and HeadObject
// (conditional headers, byte ranges, checksums with x-amz-checksum-mode),
// PutObject (ETag, Content-MD5, x-amz-checksum-*, If-Match and
// If-None-Match, content type and user metadata) and DeleteObject.

import { createHash } from "node:crypto";
import type { AwsError } from "./aws-errors";
import {
  CHECKSUM_ALGORITHMS,
  algorithmOfHeader,
  checksumHeader,
  computeChecksum,
  isWellFormedChecksum,
  type ChecksumAlgorithm,
  type ObjectChecksum
} from "./s3-checksums";
import type { NewObject, ObjectStore, StoredObject } from "./s3-store";

/** A successful S3 answer; errors travel as AwsError and are rendered by the server. */
export interface S3Reply {
  status: number;
  headers: Record<string, string>;
  body?: Buffer | string;
}

export type S3Outcome = S3Reply | { error: AwsError };

/** Headers kept with an object and returned as sent. */
const STORED_HEADERS = ["cache-control", "content-disposition", "content-encoding", "content-language", "expires"];
const DEFAULT_CONTENT_TYPE = "binary/octet-stream";
const MAX_METADATA_BYTES = 2048;

export function getObject(store: ObjectStore, bucket: string, object: StoredObject, headers: Map<string, string>, head: boolean): S3Outcome {
  const precondition = evaluatePreconditions(object, headers);
  if (precondition) return precondition;
  const range = parseRange(headers.get("range"), object.size);
  if (range === "unsatisfiable") {
    return {
      error: {
        code: "InvalidRange",
        status: 416,
        message: "The requested range is not satisfiable",
        details: [
          ["RangeRequested", headers.get("range")!],
          ["ActualObjectSize", String(object.size)]
        ]
      }
    };
  }
  const base = objectHeaders(object);
  const body = head ? undefined : store.readBody(bucket, object.key);
  if (!range) {
    // A whole object's checksum, on request; a range's bytes have none to check.
    const checksum = headers.get("x-amz-checksum-mode") === "ENABLED" ? checksumHeaders(object.checksum) : {};
    return { status: 200, headers: { ...base, ...checksum, "content-length": String(object.size) }, body };
  }
  return {
    status: 206,
    headers: { ...base, "content-length": String(range.end - range.start + 1), "content-range": `bytes ${range.start}-${range.end}/${object.size}` },
    body: body?.subarray(range.start, range.end + 1)
  };
}

/**
 * `trailers`: the trailing headers of an aws-chunked body, where a client
 * may send its x-amz-checksum-* instead of in the headers.
 */
export function putObject(
  store: ObjectStore,
  bucket: string,
  key: string,
  headers: Map<string, string>,
  body: Buffer,
  now: number,
  trailers: [string, string][] = []
): S3Outcome {
  const checksum = checksumOfUpload(headers, trailers, body);
  if ("error" in checksum) return checksum;
  const digestError = checkContentMd5(headers.get("content-md5"), body);
  if (digestError) return { error: digestError };
  const precondition = writePrecondition(store.head(bucket, key), key, headers);
  if (precondition) return { error: precondition };
  const fields = objectFieldsFrom(headers);
  if ("error" in fields) return fields;
  const object = store.put(bucket, key, body, { ...fields, checksum: checksum.ok }, now);
  return { status: 200, headers: { etag: object.etag, "x-amz-server-side-encryption": "AES256", ...checksumHeaders(object.checksum) } };
}

export function deleteObject(store: ObjectStore, bucket: string, key: string): S3Outcome {
  store.delete(bucket, key);
  return { status: 204, headers: {} };
}

function objectHeaders(object: StoredObject): Record<string, string> {
  const headers: Record<string, string> = {
    "content-type": object.contentType,
    etag: object.etag,
    "last-modified": new Date(object.lastModified).toUTCString(),
    "accept-ranges": "bytes",
    "x-amz-server-side-encryption": "AES256",
    ...object.storedHeaders
  };
  for (const [name, value] of Object.entries(object.metadata)) headers[`x-amz-meta-${name}`] = value;
  return headers;
}

function objectFieldsFrom(headers: Map<string, string>): NewObject | { error: AwsError } {
  const metadata: Record<string, string> = {};
  const storedHeaders: Record<string, string> = {};
  let metadataBytes = 0;
  for (const [name, value] of headers) {
    if (name.startsWith("x-amz-meta-")) {
      metadata[name.slice("x-amz-meta-".length)] = value;
      metadataBytes += Buffer.byteLength(name.slice("x-amz-meta-".length)) + Buffer.byteLength(value);
    } else if (STORED_HEADERS.includes(name)) {
      storedHeaders[name] = value;
    }
  }
  // aws-chunked describes how the upload was sent, not the object: S3 drops it.
  const encoding = storedHeaders["content-encoding"]
    ?.split(",")
    .map((token) => token.trim())
    .filter((token) => token !== "" && token.toLowerCase() !== "aws-chunked")
    .join(",");
  if (encoding !== undefined) {
    if (encoding === "") delete storedHeaders["content-encoding"];
    else storedHeaders["content-encoding"] = encoding;
  }
  if (metadataBytes > MAX_METADATA_BYTES) {
    return {
      error: {
        code: "MetadataTooLarge",
        status: 400,
        message: "Your metadata headers exceed the maximum allowed metadata size.",
        details: [
          ["Size", String(metadataBytes)],
          ["MaxSizeAllowed", String(MAX_METADATA_BYTES)]
        ]
      }
    };
  }
  return { contentType: headers.get("content-type") ?? DEFAULT_CONTENT_TYPE, metadata, storedHeaders };
}

function checkContentMd5(declared: string | undefined, body: Buffer): AwsError | undefined {
  if (declared === undefined) return undefined;
  const digest = Buffer.from(declared, "base64");
  if (digest.length !== 16 || digest.toString("base64") !== declared) {
    return { code: "InvalidDigest", status: 400, message: "The Content-MD5 you specified was invalid.", details: [["Content-MD5", declared]] };
  }
  const computed = createHash("md5").update(body).digest("base64");
  if (computed === declared) return undefined;
  return {
    code: "BadDigest",
    status: 400,
    message: "The Content-MD5 you specified did not match what we received.",
    details: [
      ["ExpectedDigest", declared],
      ["CalculatedDigest", computed]
    ]
  };
}

// ---- checksums ----------------------------------------------------------------

/**
 * The upload's x-amz-checksum-* (from a header or an aws-chunked trailer),
 * checked against the body; undefined when none was sent (S3 then computes
 * its default, CRC64NVME). x-amz-sdk-checksum-algorithm must name the same
 * algorithm and needs a checksum or a trailer to back it.
 */
function checksumOfUpload(headers: Map<string, string>, trailers: [string, string][], body: Buffer): { ok: ObjectChecksum | undefined } | { error: AwsError } {
  const sent: { algorithm: ChecksumAlgorithm; name: string; value: string; where: "header" | "trailing header" }[] = [];
  for (const [name, value] of headers) {
    const algorithm = algorithmOfHeader(name);
    if (algorithm) sent.push({ algorithm, name, value: value.trim(), where: "header" });
  }
  for (const [name, value] of trailers) {
    const algorithm = algorithmOfHeader(name);
    if (algorithm) sent.push({ algorithm, name, value, where: "trailing header" });
  }
  if (sent.length > 1) return invalidRequest("Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.");
  const requested = headers.get("x-amz-sdk-checksum-algorithm");
  if (requested !== undefined) {
    if (sent.length === 0 && !headers.has("x-amz-trailer")) {
      return invalidRequest("x-amz-sdk-checksum-algorithm specified, but no corresponding x-amz-checksum-* or x-amz-trailer headers were found.");
    }
    const known = CHECKSUM_ALGORITHMS.some((a) => a.name === requested.toUpperCase());
    if (!known || (sent.length === 1 && sent[0].algorithm !== requested.toUpperCase())) {
      return invalidRequest("Value for x-amz-sdk-checksum-algorithm header is invalid.");
    }
  }
  if (sent.length === 0) return { ok: undefined };
  const [{ algorithm, name, value, where }] = sent;
  if (!isWellFormedChecksum(algorithm, value)) return invalidRequest(`Value for ${name} ${where} is invalid.`);
  if (computeChecksum(algorithm, body) !== value) {
    return { error: { code: "BadDigest", status: 400, message: `The ${algorithm} you specified did not match the calculated checksum.` } };
  }
  return { ok: { algorithm, value } };
}

/** x-amz-checksum-ALGORITHM and x-amz-checksum-type, as PutObject answers and GET/HEAD with x-amz-checksum-mode: ENABLED do. */
function checksumHeaders(checksum: ObjectChecksum): Record<string, string> {
  return { [checksumHeader(checksum.algorithm)]: checksum.value, "x-amz-checksum-type": "FULL_OBJECT" };
}

function invalidRequest(message: string): { error: AwsError } {
  return { error: { code: "InvalidRequest", status: 400, message } };
}

// ---- conditional requests -------------------------------------------------

/**
 * PutObject's conditions (S3 added If-None-Match: * in August 2024 and
 * If-Match in November 2024): If-Match needs the key to exist (else 404
 * NoSuchKey) with a matching ETag (else 412); If-None-Match: * needs it not to
 * exist (else 412). Nothing is written when a condition fails. S3 takes only
 * "*" in If-None-Match on a write; this stand-in refuses other values (501)
 * rather than overwrite what the caller meant to protect.
 */
function writePrecondition(current: StoredObject | undefined, key: string, headers: Map<string, string>): AwsError | undefined {
  const ifMatch = headers.get("if-match");
  if (ifMatch !== undefined) {
    if (!current) return { code: "NoSuchKey", status: 404, message: "The specified key does not exist.", details: [["Key", key]] };
    if (!etagListMatches(ifMatch, current.etag)) return preconditionFailed("If-Match");
  }
  const ifNoneMatch = headers.get("if-none-match");
  if (ifNoneMatch !== undefined) {
    if (ifNoneMatch.trim() !== "*") return { code: "NotImplemented", status: 501, message: "This S3 stand-in takes only * in If-None-Match on PutObject, as S3 documents." };
    if (current) return preconditionFailed("If-None-Match");
  }
  return undefined;
}

/**
 * RFC 7232 section 6, which is also S3's documented behaviour: If-Match
 * (412) else If-Unmodified-Since (412), then If-None-Match (304) else
 * If-Modified-Since (304). A date that does not parse is ignored.
 */
function evaluatePreconditions(object: StoredObject, headers: Map<string, string>): S3Outcome | undefined {
  const ifMatch = headers.get("if-match");
  if (ifMatch !== undefined) {
    if (!etagListMatches(ifMatch, object.etag)) return { error: preconditionFailed("If-Match") };
  } else {
    const since = httpDate(headers.get("if-unmodified-since"));
    if (since !== undefined && object.lastModified > since) return { error: preconditionFailed("If-Unmodified-Since") };
  }
  const ifNoneMatch = headers.get("if-none-match");
  if (ifNoneMatch !== undefined) {
    if (etagListMatches(ifNoneMatch, object.etag)) return notModified(object);
  } else {
    const since = httpDate(headers.get("if-modified-since"));
    if (since !== undefined && object.lastModified <= since) return notModified(object);
  }
  return undefined;
}

function notModified(object: StoredObject): S3Reply {
  return { status: 304, headers: { etag: object.etag, "last-modified": new Date(object.lastModified).toUTCString() } };
}

function preconditionFailed(condition: string): AwsError {
  return { code: "PreconditionFailed", status: 412, message: "At least one of the pre-conditions you specified did not hold", details: [["Condition", condition]] };
}

/** "*" or a comma-separated list of entity tags, quoted or not, weak or strong. */
function etagListMatches(header: string, etag: string): boolean {
  if (header.trim() === "*") return true;
  const bare = (tag: string) => tag.trim().replace(/^W\//, "").replace(/^"|"$/g, "");
  return header.split(",").some((tag) => bare(tag) === bare(etag));
}

function httpDate(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

// ---- ranges ---------------------------------------------------------------

/**
 * One byte range (bytes=a-b, bytes=a-, bytes=-n). A header that does not
 * parse, or asks for several ranges, is ignored and the whole object sent.
 */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | "unsatisfiable" | undefined {
  if (header === undefined) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === "" && match[2] === "")) return undefined;
  if (match[1] === "") {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === "" ? size - 1 : Number(match[2]);
  if (end < start) return undefined;
  if (start >= size) return "unsatisfiable";
  return { start, end: Math.min(end, size - 1) };
}

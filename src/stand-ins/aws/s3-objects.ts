// S3's object operations on an authorised request: GetObject and HeadObject
// (conditional headers, byte ranges), PutObject (ETag, Content-MD5, content
// type and user metadata) and DeleteObject.

import { createHash } from "node:crypto";
import type { AwsError } from "./aws-errors";
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
  if (!range) return { status: 200, headers: { ...base, "content-length": String(object.size) }, body };
  return {
    status: 206,
    headers: { ...base, "content-length": String(range.end - range.start + 1), "content-range": `bytes ${range.start}-${range.end}/${object.size}` },
    body: body?.subarray(range.start, range.end + 1)
  };
}

export function putObject(
  store: ObjectStore,
  bucket: string,
  key: string,
  headers: Map<string, string>,
  body: Buffer,
  now: number
): S3Outcome {
  const digestError = checkContentMd5(headers.get("content-md5"), body);
  if (digestError) return { error: digestError };
  if (headers.get("if-none-match") === "*" && store.head(bucket, key)) {
    return { error: preconditionFailed("If-None-Match") };
  }
  const fields = objectFieldsFrom(headers);
  if ("error" in fields) return fields;
  const object = store.put(bucket, key, body, fields, now);
  return { status: 200, headers: { etag: object.etag, "x-amz-server-side-encryption": "AES256" } };
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

// ---- conditional requests -------------------------------------------------

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

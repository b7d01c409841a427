// Which S3 operation a request is: the bucket from the Host header
// (virtual-hosted style, "bucket.s3.region.amazonaws.com") or from the first
// path segment (path style), the key from the rest of the path, and the
// operation from the method and the query.

import type { AwsError } from "./aws-errors";

export type S3Operation =
  | { name: "GetObject" | "HeadObject" | "PutObject" | "DeleteObject"; bucket: string; key: string }
  | { name: "ListObjectsV2" | "HeadBucket"; bucket: string };

/** The IAM action each operation is authorised (and recorded) as. */
export const ACTION_OF: Record<S3Operation["name"], string> = {
  GetObject: "s3:GetObject",
  HeadObject: "s3:GetObject",
  PutObject: "s3:PutObject",
  DeleteObject: "s3:DeleteObject",
  ListObjectsV2: "s3:ListBucket",
  HeadBucket: "s3:ListBucket"
};

/** Sub-resources and features of S3 this stand-in does not implement. */
const UNSUPPORTED_QUERY = new Set([
  "acl", "attributes", "cors", "delete", "encryption", "legal-hold", "lifecycle", "location", "logging", "notification",
  "object-lock", "partNumber", "policy", "replication", "restore", "retention", "select", "tagging", "torrent", "uploadId",
  "uploads", "versioning", "versionId", "versions", "website"
]);

const MAX_KEY_BYTES = 1024;

export function routeS3(
  method: string,
  host: string | undefined,
  rawPath: string,
  query: [string, string][],
  region: string
): S3Operation | { error: AwsError } {
  const located = locate(host, rawPath, region);
  if ("error" in located) return located;
  const { bucket, key } = located;
  const unsupported = query.find(([name]) => UNSUPPORTED_QUERY.has(name));
  if (unsupported) return notImplemented(`The ?${unsupported[0]} sub-resource is not implemented by this S3 stand-in.`);
  if (bucket === undefined) return notImplemented("Requests to the service endpoint (ListBuckets) are not implemented by this S3 stand-in.");
  if (key === "") {
    if (method === "HEAD") return { name: "HeadBucket", bucket };
    if (method === "GET" && query.some(([n, v]) => n === "list-type" && v === "2")) return { name: "ListObjectsV2", bucket };
    return notImplemented(`${method} on a bucket is not implemented by this S3 stand-in (only ListObjectsV2, GET ?list-type=2, and HEAD).`);
  }
  if (Buffer.byteLength(key, "utf8") > MAX_KEY_BYTES) {
    return { error: { code: "KeyTooLongError", status: 400, message: "Your key is too long", details: [["Size", String(Buffer.byteLength(key))], ["MaxSizeAllowed", "1024"]] } };
  }
  switch (method) {
    case "GET":
      return { name: "GetObject", bucket, key };
    case "HEAD":
      return { name: "HeadObject", bucket, key };
    case "PUT":
      return { name: "PutObject", bucket, key };
    case "DELETE":
      return { name: "DeleteObject", bucket, key };
    default:
      return { error: { code: "MethodNotAllowed", status: 405, message: "The specified method is not allowed against this resource.", details: [["Method", method], ["ResourceType", "OBJECT"]] } };
  }
}

function locate(host: string | undefined, rawPath: string, region: string): { bucket?: string; key: string } | { error: AwsError } {
  const hostname = (host ?? "").toLowerCase().replace(/:\d+$/, "");
  const suffix = [`.s3.${region}.amazonaws.com`, ".s3.amazonaws.com"].find((s) => hostname.endsWith(s) && hostname.length > s.length);
  const path = rawPath.startsWith("/") ? rawPath.slice(1) : rawPath;
  if (suffix) return decodeKey(hostname.slice(0, -suffix.length), path, rawPath);
  if (path === "") return { key: "" };
  const slash = path.indexOf("/");
  const bucketPart = slash < 0 ? path : path.slice(0, slash);
  return decodeKey(decodeURIComponentOr(bucketPart), slash < 0 ? "" : path.slice(slash + 1), rawPath);
}

/** S3 decodes the key from the path once; a "+" in the path is a space (S3's long-standing rule), "%2B" a plus. */
function decodeKey(bucket: string, rawKey: string, rawPath: string): { bucket: string; key: string } | { error: AwsError } {
  try {
    return { bucket, key: decodeURIComponent(rawKey.replace(/\+/g, "%20")) };
  } catch {
    return { error: { code: "InvalidURI", status: 400, message: "Couldn't parse the specified URI.", details: [["URI", rawPath]] } };
  }
}

function decodeURIComponentOr(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function notImplemented(message: string): { error: AwsError } {
  return { error: { code: "NotImplemented", status: 501, message } };
}

/**
 * How S3 refuses a PUT whose length it cannot know, before anything else:
 * an aws-chunked upload (x-amz-content-sha256: STREAMING-...) needs a numeric
 * x-amz-decoded-content-length, and may then come with Transfer-Encoding:
 * chunked; any other PUT needs Content-Length: with Transfer-Encoding: chunked
 * instead it is 501 NotImplemented naming the header, with neither 411
 * MissingContentLength. Sources in docs/runner.md.
 */
export function uploadLengthProblem(method: string, headers: Map<string, string>): { error: AwsError } | undefined {
  if (method !== "PUT") return undefined;
  const missingLength = { error: { code: "MissingContentLength", status: 411, message: "You must provide the Content-Length HTTP header." } };
  if (headers.get("x-amz-content-sha256")?.startsWith("STREAMING-")) {
    return /^\d+$/.test(headers.get("x-amz-decoded-content-length") ?? "") ? undefined : missingLength;
  }
  if (headers.has("content-length")) return undefined;
  if (/\bchunked\b/i.test(headers.get("transfer-encoding") ?? "")) {
    return {
      error: { code: "NotImplemented", status: 501, message: "A header you provided implies functionality that is not implemented", details: [["Header", "Transfer-Encoding"]] }
    };
  }
  return missingLength;
}

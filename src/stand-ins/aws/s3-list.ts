// ListObjectsV2: keys in UTF-8 byte order under a prefix, rolled up into
// CommonPrefixes at the delimiter, max-keys entries (keys and prefixes
// together) per page, resumed with an opaque continuation token.

import { xmlEscape, type AwsError } from "./aws-errors";
import type { S3Outcome } from "./s3-objects";
import type { ObjectStore, StoredObject } from "./s3-store";

export interface ListParameters {
  prefix: string;
  delimiter?: string;
  maxKeys: number;
  continuationToken?: string;
  startAfter?: string;
  encodeUrl: boolean;
}

const MAX_KEYS = 1000;

/** Reads and validates ListObjectsV2's query parameters. */
export function listParameters(query: [string, string][]): ListParameters | { error: AwsError } {
  const param = (name: string) => query.find(([n]) => n === name)?.[1];
  const maxKeysText = param("max-keys");
  let maxKeys = MAX_KEYS;
  if (maxKeysText !== undefined) {
    if (!/^\d+$/.test(maxKeysText) || Number(maxKeysText) > 2147483647) {
      return invalidArgument("Provided max-keys not an integer or within integer range", "max-keys", maxKeysText);
    }
    maxKeys = Math.min(Number(maxKeysText), MAX_KEYS);
  }
  const encoding = param("encoding-type");
  if (encoding !== undefined && encoding !== "url") return invalidArgument("Invalid Encoding Method specified in Request", "encoding-type", encoding);
  const delimiter = param("delimiter");
  return {
    prefix: param("prefix") ?? "",
    delimiter: delimiter === "" ? undefined : delimiter,
    maxKeys,
    continuationToken: param("continuation-token"),
    startAfter: param("start-after"),
    encodeUrl: encoding === "url"
  };
}

type Entry = { object: StoredObject } | { commonPrefix: string };

export function listObjectsV2(store: ObjectStore, bucket: string, params: ListParameters): S3Outcome {
  let resumeAfter = params.startAfter ?? "";
  let skipPrefix: string | undefined;
  if (params.continuationToken !== undefined) {
    const token = decodeToken(params.continuationToken);
    if (!token) return invalidArgument("The continuation token provided is incorrect", "continuation-token", params.continuationToken);
    resumeAfter = token.after;
    skipPrefix = token.prefix;
  }
  const entries: Entry[] = [];
  let truncated = false;
  let lastPrefix: string | undefined = skipPrefix;
  for (const key of store.keys(bucket)) {
    if (!key.startsWith(params.prefix) || (resumeAfter !== "" && Buffer.compare(Buffer.from(key), Buffer.from(resumeAfter)) <= 0)) continue;
    const rolledUp = commonPrefixOf(key, params);
    if (rolledUp !== undefined && rolledUp === lastPrefix) continue;
    if (entries.length === params.maxKeys) {
      truncated = true;
      break;
    }
    if (rolledUp !== undefined) {
      entries.push({ commonPrefix: rolledUp });
      lastPrefix = rolledUp;
    } else {
      entries.push({ object: store.head(bucket, key)! });
    }
  }
  const last = entries[entries.length - 1];
  const nextToken =
    truncated && last ? encodeToken("object" in last ? { after: last.object.key } : { after: last.commonPrefix, prefix: last.commonPrefix }) : undefined;
  return { status: 200, headers: { "content-type": "application/xml" }, body: listXml(bucket, params, entries, truncated, nextToken) };
}

function commonPrefixOf(key: string, params: ListParameters): string | undefined {
  if (params.delimiter === undefined) return undefined;
  const at = key.indexOf(params.delimiter, params.prefix.length);
  return at < 0 ? undefined : key.slice(0, at + params.delimiter.length);
}

function listXml(bucket: string, params: ListParameters, entries: Entry[], truncated: boolean, nextToken: string | undefined): string {
  const text = (value: string) => xmlEscape(params.encodeUrl ? s3UrlEncode(value) : value);
  const parts = [
    `<Name>${xmlEscape(bucket)}</Name>`,
    `<Prefix>${text(params.prefix)}</Prefix>`,
    params.continuationToken !== undefined ? `<ContinuationToken>${xmlEscape(params.continuationToken)}</ContinuationToken>` : "",
    nextToken !== undefined ? `<NextContinuationToken>${xmlEscape(nextToken)}</NextContinuationToken>` : "",
    params.startAfter !== undefined ? `<StartAfter>${text(params.startAfter)}</StartAfter>` : "",
    `<KeyCount>${entries.length}</KeyCount>`,
    `<MaxKeys>${params.maxKeys}</MaxKeys>`,
    params.delimiter !== undefined ? `<Delimiter>${text(params.delimiter)}</Delimiter>` : "",
    params.encodeUrl ? "<EncodingType>url</EncodingType>" : "",
    `<IsTruncated>${truncated}</IsTruncated>`,
    ...entries.filter((e): e is { object: StoredObject } => "object" in e).map(({ object }) => contentsXml(object, text)),
    ...entries.filter((e): e is { commonPrefix: string } => "commonPrefix" in e).map((e) => `<CommonPrefixes><Prefix>${text(e.commonPrefix)}</Prefix></CommonPrefixes>`)
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${parts.join("")}</ListBucketResult>`;
}

function contentsXml(object: StoredObject, text: (value: string) => string): string {
  return (
    `<Contents><Key>${text(object.key)}</Key><LastModified>${new Date(object.lastModified).toISOString()}</LastModified>` +
    `<ETag>${xmlEscape(object.etag)}</ETag><Size>${object.size}</Size><StorageClass>STANDARD</StorageClass></Contents>`
  );
}

/** S3's encoding-type=url: percent-encoded UTF-8, "/" kept, space as "+" (observed: "a b" → "a+b", "a+b" → "a%2Bb"). */
export function s3UrlEncode(value: string): string {
  return encodeURIComponent(value).replace(/%2F/g, "/").replace(/%20/g, "+");
}

function encodeToken(token: { after: string; prefix?: string }): string {
  return Buffer.from(JSON.stringify(token), "utf8").toString("base64");
}

function decodeToken(text: string): { after: string; prefix?: string } | undefined {
  try {
    const token = JSON.parse(Buffer.from(text, "base64").toString("utf8")) as unknown;
    if (typeof token === "object" && token !== null && typeof (token as { after?: unknown }).after === "string") return token as { after: string; prefix?: string };
  } catch {
    // not a token this stand-in issued
  }
  return undefined;
}

function invalidArgument(message: string, name: string, value: string): { error: AwsError } {
  return { error: { code: "InvalidArgument", status: 400, message, details: [["ArgumentName", name], ["ArgumentValue", value]] } };
}

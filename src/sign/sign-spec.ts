// The request file of `apigee-aws sign`: one request object or an array, as
//   {method, url, headers, body?, service, region,
//    credentials: {accessKeyId, secretAccessKey, sessionToken?},
//    date, presign?: {expires}, options?: {...}}
// Parsing reports every problem at once, each naming its field.

import type { HeaderList } from "../flow/message";
import { MAX_PRESIGN_EXPIRES } from "../sigv4/sign-request";
import type { Credentials } from "../sigv4/sign-request";

/** Where the payload hash comes from. */
export type PayloadSource = { kind: "unsigned" } | { kind: "body" } | { kind: "given"; value: string };

export interface SignSpec {
  method: string;
  url: string;
  headers: HeaderList;
  body: string;
  service: string;
  region: string;
  credentials: Credentials;
  amzDate: string;
  /** X-Amz-Expires for a presigned URL; null for the header form. */
  presignExpires: number | null;
  payload: PayloadSource;
  /** "all": every signable header, as the AWS SDK does; "minimal": the gateway set. */
  signedHeaders: "all" | "minimal";
  normalizePath: boolean;
  doubleEncodePath: boolean;
  signSessionToken: boolean;
  contentSha256Header: boolean;
}

export interface SignOutput {
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
  signedHeaders: string;
  /** Header form: the headers to add (Authorization included). */
  headers?: Record<string, string>;
  /** Presigned form: the URL to use. */
  url?: string;
}

const KNOWN_FIELDS = ["method", "url", "headers", "body", "service", "region", "credentials", "date", "presign", "options"];
const KNOWN_OPTIONS = ["signedHeaders", "normalizePath", "doubleEncodePath", "signSessionToken", "contentSha256Header", "unsignedPayload"];

class Problems {
  readonly list: string[] = [];
  add(field: string, message: string): void {
    this.list.push(`${field}: ${message}`);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function requireString(p: Problems, obj: Record<string, unknown>, key: string, at: string, pattern?: RegExp, hint?: string): string {
  const v = obj[key];
  if (typeof v !== "string" || v === "") {
    p.add(`${at}.${key}`, `expected a non-empty string${hint ? ` (${hint})` : ""}`);
    return "";
  }
  if (pattern && !pattern.test(v)) p.add(`${at}.${key}`, `"${v}" is not valid${hint ? `: expected ${hint}` : ""}`);
  return v;
}

function parseHeaders(p: Problems, value: unknown, at: string): HeaderList {
  if (value === undefined) return [];
  const out: HeaderList = [];
  if (Array.isArray(value)) {
    value.forEach((entry, i) => {
      if (Array.isArray(entry) && entry.length === 2 && typeof entry[0] === "string" && typeof entry[1] === "string") out.push([entry[0], entry[1]]);
      else p.add(`${at}.headers[${i}]`, 'expected ["name", "value"]');
    });
    return out;
  }
  if (!isObject(value)) {
    p.add(`${at}.headers`, 'expected an object {"name": "value" or ["value", ...]} or an array of ["name", "value"]');
    return out;
  }
  for (const [name, v] of Object.entries(value)) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) p.add(`${at}.headers`, `"${name}" is not a valid header name`);
    else if (typeof v === "string") out.push([name, v]);
    else if (Array.isArray(v) && v.every((x) => typeof x === "string")) v.forEach((x) => out.push([name, x as string]));
    else p.add(`${at}.headers.${name}`, "expected a string or an array of strings");
  }
  return out;
}

/** ISO 8601 (2015-08-30T12:36:00Z) or SigV4's own form (20150830T123600Z) to the latter. */
export function toAmzDate(date: string): string | null {
  if (/^\d{8}T\d{6}Z$/.test(date)) return date;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(date)) return null;
  const ms = Date.parse(date);
  if (Number.isNaN(ms)) return null;
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
}

function parseOptions(p: Problems, value: unknown, at: string): Record<string, unknown> {
  if (value === undefined) return {};
  if (!isObject(value)) {
    p.add(`${at}.options`, "expected an object");
    return {};
  }
  for (const key of Object.keys(value)) {
    if (!KNOWN_OPTIONS.includes(key)) p.add(`${at}.options.${key}`, `unknown option; known options: ${KNOWN_OPTIONS.join(", ")}`);
  }
  for (const key of ["normalizePath", "doubleEncodePath", "signSessionToken", "contentSha256Header", "unsignedPayload"]) {
    if (key in value && typeof value[key] !== "boolean") p.add(`${at}.options.${key}`, "expected true or false");
  }
  if ("signedHeaders" in value && value.signedHeaders !== "all" && value.signedHeaders !== "minimal") {
    p.add(`${at}.options.signedHeaders`, 'expected "all" (every signable header, as the AWS SDK) or "minimal" (host, x-amz-*, content-type, content-md5)');
  }
  return value;
}

function parsePresign(p: Problems, value: unknown, at: string): number | null {
  if (value === undefined || value === null) return null;
  const expires = isObject(value) ? value.expires : undefined;
  if (typeof expires !== "number" || !Number.isInteger(expires) || expires < 1 || expires > MAX_PRESIGN_EXPIRES) {
    p.add(`${at}.presign.expires`, `expected a whole number of seconds from 1 to ${MAX_PRESIGN_EXPIRES} (7 days)`);
    return null;
  }
  return expires;
}

/** What x-amz-content-sha256 may carry (S3's "Signature Calculations"): a SHA-256 hex digest, UNSIGNED-PAYLOAD, or a STREAMING-* mode. */
const CONTENT_SHA256 = /^(?:[0-9a-f]{64}|UNSIGNED-PAYLOAD|STREAMING-[A-Z0-9-]+)$/;

function payloadSource(p: Problems, at: string, headers: HeaderList, service: string, presign: boolean, unsignedPayload: boolean): PayloadSource {
  const declared = headers.find(([name]) => name.toLowerCase() === "x-amz-content-sha256");
  if (declared && !CONTENT_SHA256.test(declared[1])) {
    p.add(`${at}.headers.${declared[0]}`, `"${declared[1]}" is not a payload hash: expected the body's SHA-256 in lowercase hex, UNSIGNED-PAYLOAD or a STREAMING-* value (or leave the header out to have the body hashed)`);
  }
  if (declared) return { kind: "given", value: declared[1] };
  if (unsignedPayload || (presign && service === "s3")) return { kind: "unsigned" };
  return { kind: "body" };
}

function parseOne(p: Problems, raw: unknown, at: string): SignSpec | null {
  if (!isObject(raw)) {
    p.add(at, "expected a request object");
    return null;
  }
  for (const key of Object.keys(raw)) if (!KNOWN_FIELDS.includes(key)) p.add(`${at}.${key}`, `unknown field; known fields: ${KNOWN_FIELDS.join(", ")}`);
  const method = requireString(p, raw, "method", at, /^[A-Za-z]+$/, "an HTTP method such as GET");
  const url = requireString(p, raw, "url", at, /^https?:\/\/[^/?#\s]+/, "an absolute http(s) URL, exactly as sent on the wire");
  const service = requireString(p, raw, "service", at, /^[a-z0-9-]+$/, 'the signing name, e.g. "s3"');
  const region = requireString(p, raw, "region", at, /^[a-z0-9-]+$/, 'e.g. "us-east-1"');
  const date = requireString(p, raw, "date", at, undefined, "ISO 8601, e.g. 2015-08-30T12:36:00Z");
  const amzDate = date ? toAmzDate(date) : null;
  if (date && !amzDate) p.add(`${at}.date`, `"${date}" is not an ISO 8601 UTC time such as 2015-08-30T12:36:00Z`);
  if (raw.body !== undefined && typeof raw.body !== "string") p.add(`${at}.body`, "expected a string (the body as sent)");
  const credentials = isObject(raw.credentials) ? raw.credentials : {};
  if (!isObject(raw.credentials)) p.add(`${at}.credentials`, "expected {accessKeyId, secretAccessKey, sessionToken?}");
  const accessKeyId = requireString(p, credentials, "accessKeyId", `${at}.credentials`);
  const secretAccessKey = requireString(p, credentials, "secretAccessKey", `${at}.credentials`);
  const token = credentials.sessionToken;
  if (token !== undefined && token !== null && (typeof token !== "string" || token === "")) p.add(`${at}.credentials.sessionToken`, "expected a non-empty string or no field");
  const headers = parseHeaders(p, raw.headers, at);
  const presignExpires = parsePresign(p, raw.presign, at);
  const options = parseOptions(p, raw.options, at);
  const isS3 = service === "s3";
  return {
    method: method.toUpperCase(),
    url,
    headers,
    body: typeof raw.body === "string" ? raw.body : "",
    service,
    region,
    credentials: { accessKeyId, secretAccessKey, sessionToken: typeof token === "string" ? token : null },
    amzDate: amzDate ?? "",
    presignExpires,
    payload: payloadSource(p, at, headers, service, presignExpires !== null, options.unsignedPayload === true),
    signedHeaders: (options.signedHeaders as "all" | "minimal") ?? "all",
    normalizePath: (options.normalizePath as boolean) ?? !isS3,
    doubleEncodePath: (options.doubleEncodePath as boolean) ?? !isS3,
    signSessionToken: (options.signSessionToken as boolean) ?? true,
    contentSha256Header: (options.contentSha256Header as boolean) ?? (isS3 && presignExpires === null)
  };
}

export interface ParsedSignFile {
  specs: SignSpec[];
  /** The file held an array (the output is then an array too). */
  isArray: boolean;
}

/** Parses the request file's JSON value; throws a list of problems. */
export function parseSignRequests(value: unknown): ParsedSignFile {
  const p = new Problems();
  const isArray = Array.isArray(value);
  const items = isArray ? (value as unknown[]) : [value];
  if (isArray && items.length === 0) p.add("(file)", "the array is empty; give at least one request");
  const specs = items.map((item, i) => parseOne(p, item, isArray ? `[${i}]` : "request"));
  if (p.list.length) throw new SignSpecError(p.list);
  return { specs: specs as SignSpec[], isArray };
}

export class SignSpecError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
    this.name = "SignSpecError";
  }
}

// S3's aws-chunked uploads (SigV4 streaming): the body is a series of
// "<hex size>[;chunk-signature=<sig>]\r\n<data>\r\n" chunks ending with a
// zero-size one, then, for the -TRAILER forms, trailing headers such as
// x-amz-checksum-crc32 (and x-amz-trailer-signature when signed).
//
// Signed chunks chain from the seed signature (the request's own):
//   AWS4-HMAC-SHA256-PAYLOAD \n date \n scope \n previous \n sha256("") \n sha256(data)
// and the trailer:
//   AWS4-HMAC-SHA256-TRAILER \n date \n scope \n previous \n sha256(trailer lines)
// each signed with the request's SigV4 key (derived by @smithy/signature-v4).
//
// Errors are S3's: a body that ends early or is not framed is 400
// IncompleteBody "The request body terminated unexpectedly"; a decoded length
// other than x-amz-decoded-content-length is 400 IncompleteBody with the two
// counts; a wrong chunk or trailer signature is 403 SignatureDoesNotMatch; a
// signed chunk under 8 KiB that is not the last is 403 InvalidChunkSizeError;
// a declared trailer that is missing is 400 MalformedTrailerError.
// Sources in docs/runner.md.

import { createHash } from "node:crypto";
import { awsError, type AwsError } from "./aws-errors";

export const STREAMING_SIGNED = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
export const STREAMING_SIGNED_TRAILER = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
export const STREAMING_UNSIGNED_TRAILER = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
export const STREAMING_PAYLOADS = [STREAMING_SIGNED, STREAMING_SIGNED_TRAILER, STREAMING_UNSIGNED_TRAILER];

const MIN_SIGNED_CHUNK = 8192;
const EMPTY_SHA256 = sha256Hex("");
const CRLF = Buffer.from("\r\n");

/** How chunk and trailer signatures are checked: the seed signature, the request's date and scope, and the signing key. */
export interface ChunkSigning {
  seedSignature: string;
  amzDate: string;
  /** "20260314/eu-west-1/s3/aws4_request" */
  scope: string;
  sign(stringToSign: string): Promise<string>;
  /** SignatureDoesNotMatch for a string to sign (S3's details included). */
  mismatch(stringToSign: string, provided: string): AwsError;
}

export interface DecodedUpload {
  body: Buffer;
  /** Trailing headers, names lower-case, in the order sent (without x-amz-trailer-signature). */
  trailers: [string, string][];
}

export async function decodeAwsChunked(
  raw: Buffer,
  payload: string,
  decodedLength: number,
  declaredTrailers: string[],
  signing: ChunkSigning | undefined
): Promise<{ ok: DecodedUpload } | { error: AwsError }> {
  const signed = payload !== STREAMING_UNSIGNED_TRAILER;
  const withTrailer = payload !== STREAMING_SIGNED;
  const chunks: Buffer[] = [];
  let pos = 0;
  let previousSignature = signing?.seedSignature ?? "";
  let previousSize: number | undefined;
  for (let index = 1; ; index++) {
    const eol = raw.indexOf(CRLF, pos);
    if (eol < 0) return terminated();
    const header = parseChunkHeader(raw.subarray(pos, eol).toString("latin1"), signed);
    if ("error" in header) return header;
    pos = eol + 2;
    if (pos + header.size > raw.length) return terminated();
    const data = raw.subarray(pos, pos + header.size);
    pos += header.size;
    if (signed && signing) {
      if (header.signature === undefined) return terminated();
      const stringToSign = ["AWS4-HMAC-SHA256-PAYLOAD", signing.amzDate, signing.scope, previousSignature, EMPTY_SHA256, sha256Hex(data)].join("\n");
      const expected = await signing.sign(stringToSign);
      if (header.signature !== expected || header.paramsBefore) return { error: signing.mismatch(stringToSign, header.signature) };
      previousSignature = expected;
    }
    if (signed && header.size > 0 && previousSize !== undefined && previousSize < MIN_SIGNED_CHUNK) {
      return { error: invalidChunkSize(index, previousSize) };
    }
    if (header.size === 0) break;
    if (!raw.subarray(pos, pos + 2).equals(CRLF)) return terminated();
    pos += 2;
    chunks.push(data);
    previousSize = header.size;
  }
  const body = Buffer.concat(chunks);
  if (body.length !== decodedLength) return { error: lengthMismatch(decodedLength, body.length) };
  if (!withTrailer) {
    return raw.subarray(pos, pos + 2).equals(CRLF) || pos === raw.length ? { ok: { body, trailers: [] } } : terminated();
  }
  const trailerSection = raw.subarray(pos);
  const trailers = parseTrailers(trailerSection.toString("latin1"));
  if (trailers === undefined) return malformedTrailer();
  if (signed && signing) {
    const signature = trailers.find(([name]) => name === "x-amz-trailer-signature")?.[1];
    if (signature === undefined) return terminated();
    const signedText = trailerSection.toString("latin1").split("x-amz-trailer-signature")[0];
    const canonical = signedText.replace(/[\r ]/g, "") || "\n";
    const stringToSign = ["AWS4-HMAC-SHA256-TRAILER", signing.amzDate, signing.scope, previousSignature, sha256Hex(canonical)].join("\n");
    if ((await signing.sign(stringToSign)) !== signature) return { error: signing.mismatch(stringToSign, signature) };
  }
  const fields = trailers.filter(([name]) => name !== "x-amz-trailer-signature");
  if (declaredTrailers.some((name) => !fields.some(([n]) => n === name))) return malformedTrailer();
  return { ok: { body, trailers: fields } };
}

/** "20;chunk-signature=abc" or "20" (unsigned); spaces around the parts are allowed, as S3 allows them. */
function parseChunkHeader(line: string, signed: boolean): { size: number; signature?: string; paramsBefore: boolean } | { error: AwsError } {
  const [sizeText, ...params] = line.split(";");
  if (!/^[0-9a-fA-F]+$/.test(sizeText.trim())) return terminated();
  const size = parseInt(sizeText.trim(), 16);
  if (!signed) return { size, paramsBefore: false };
  const at = params.findIndex((p) => p.split("=")[0].trim() === "chunk-signature");
  if (at < 0 || at !== params.length - 1) return terminated();
  const value = params[at].slice(params[at].indexOf("=") + 1).trim();
  if (value === "") return terminated();
  return { size, signature: value, paramsBefore: at > 0 };
}

/** "name:value" lines up to an empty line or the end; undefined when a line is not a header. */
function parseTrailers(text: string): [string, string][] | undefined {
  const fields: [string, string][] = [];
  for (const line of text.split("\r\n")) {
    if (line === "") break;
    const colon = line.indexOf(":");
    if (colon <= 0) return undefined;
    fields.push([line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]);
  }
  return fields;
}

function sha256Hex(data: Buffer | string): string {
  return createHash("sha256").update(data).digest("hex");
}

function terminated(): { error: AwsError } {
  return { error: awsError("IncompleteBody", 400, "The request body terminated unexpectedly") };
}

function lengthMismatch(expected: number, provided: number): AwsError {
  const message = "You did not provide the number of bytes specified by the Content-Length HTTP header";
  return awsError("IncompleteBody", 400, message, [["NumberBytesExpected", String(expected)], ["NumberBytesProvided", String(provided)]]);
}

function invalidChunkSize(chunk: number, size: number): AwsError {
  const message = `Only the last chunk is allowed to have a size less than ${MIN_SIGNED_CHUNK} bytes`;
  return awsError("InvalidChunkSizeError", 403, message, [["Chunk", String(chunk)], ["BadChunkSize", String(size)]]);
}

function malformedTrailer(): { error: AwsError } {
  const message = "The request contained trailing data that was not well-formed or did not conform to our published schema.";
  return { error: awsError("MalformedTrailerError", 400, message) };
}

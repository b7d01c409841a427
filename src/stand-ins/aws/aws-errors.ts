// The error shapes AWS answers with: S3's XML <Error> document and the AWS
// JSON 1.1 protocol's {"__type", "message"} body (SSM), plus the request ids
// every response carries.

import { randomBytes } from "node:crypto";

/** An AWS error as a service reports it, before it is rendered for one protocol. */
export interface AwsError {
  /** S3's <Code> or the JSON protocol's __type: "NoSuchKey", "InvalidSignatureException"... */
  code: string;
  status: number;
  /** Absent for errors AWS sends without one (SSM's ParameterNotFound). */
  message?: string;
  /** S3's extra elements after <Message>, in order: [["Key", "a/b"], ["RequestId"...]]. */
  details?: [string, string][];
}

/** Authentication failures carry AWS's code, status and message like any other error. */
export type AwsAuthError = AwsError;

export interface RequestIds {
  /** x-amz-request-id (S3) / x-amzn-RequestId (JSON services). */
  requestId: string;
  /** x-amz-id-2 (S3's HostId). */
  hostId: string;
}

export function newRequestIds(): RequestIds {
  return {
    requestId: randomBytes(8).toString("hex").toUpperCase(),
    hostId: randomBytes(57).toString("base64")
  };
}

/** The JSON services' request ids are UUIDs. */
export function newJsonRequestId(): string {
  const h = randomBytes(16).toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function xmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);
}

export function s3ErrorXml(error: AwsError, ids: RequestIds): string {
  const elements: [string, string][] = [["Code", error.code]];
  if (error.message !== undefined) elements.push(["Message", error.message]);
  elements.push(...(error.details ?? []), ["RequestId", ids.requestId], ["HostId", ids.hostId]);
  const body = elements.map(([name, value]) => `<${name}>${xmlEscape(value)}</${name}>`).join("");
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${body}</Error>`;
}

export function jsonErrorBody(error: AwsError): string {
  return JSON.stringify(error.message === undefined ? { __type: error.code } : { __type: error.code, message: error.message });
}

/** "20240102T030405Z" for a time in epoch milliseconds, the form of X-Amz-Date. */
export function amzDate(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
}

/** "2024-01-02T03:04:05Z": the ISO 8601 form S3 puts in ServerTime and Expires. */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function awsError(code: string, status: number, message: string, details?: [string, string][]): AwsError {
  return details === undefined ? { code, status, message } : { code, status, message, details };
}

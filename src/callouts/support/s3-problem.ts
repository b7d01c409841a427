// RFC 9457 problem details for the answers the generated S3 proxies give
// themselves (a bad key, an S3 error turned into a sensible status). A
// problem never carries S3's own Message or diagnostics (StringToSign,
// CanonicalRequest): only our wording, S3's error code and request id.
// Pure: s3-problem-flow.ts puts a problem in the flow.

var TYPE_PREFIX = "urn:apigee-aws:problem:s3:";

export interface S3Problem {
  /** The last part of the type URN: invalid-key, not-found, ... */
  kind: string;
  status: number;
  title: string;
  detail: string;
  /** Extension members, e.g. s3ErrorCode. */
  members: { [name: string]: string | number };
  /** Seconds; 0 for none. */
  retryAfter: number;
}

export function s3Problem(kind: string, status: number, title: string, detail: string): S3Problem {
  return { kind: kind, status: status, title: title, detail: detail, members: {}, retryAfter: 0 };
}

export function problemBody(p: S3Problem): string {
  var body: { [name: string]: string | number } = { type: TYPE_PREFIX + p.kind, title: p.title, status: p.status, detail: p.detail };
  for (var name in p.members) {
    if (Object.prototype.hasOwnProperty.call(p.members, name)) body[name] = p.members[name];
  }
  return JSON.stringify(body);
}

// What the client is told for each S3 error. S3's 4xx are not all the
// client's fault: a signature, key or clock S3 rejects is the proxy's own
// failure (502), as is a bucket that does not exist. Everything not listed is
// 502: the proxy could not do what was asked, and the client cannot fix it.
//
// A read of a missing object: S3 answers 404 NoSuchKey only to a principal
// allowed s3:ListBucket on the bucket, and 403 AccessDenied to any other
// ("GetObject", Amazon S3 API Reference: "If you don't have the
// s3:ListBucket permission, Amazon S3 returns an HTTP status code 403").
// The roles grant ListBucket only for listings under their prefix (least
// privilege), so a missing key may well come back as AccessDenied. The proxy
// has already checked that the key is inside its prefix, where its role may
// read, so an AccessDenied on a GET or HEAD there is answered 404 "No such
// object", and the S3 code stays in the audit record.

export interface S3ErrorAnswer {
  status: number;
  kind: string;
  title: string;
  /** Seconds the client should wait, for 503. */
  retryAfter: number;
}

function answer(status: number, kind: string, title: string): S3ErrorAnswer {
  return { status: status, kind: kind, title: title, retryAfter: 0 };
}

var SIGNING_FAILURE = answer(502, "upstream-authentication", "The proxy's request to S3 was not accepted");
var THROTTLED: S3ErrorAnswer = { status: 503, kind: "throttled", title: "S3 asks to slow down", retryAfter: 1 };

var BY_CODE: { [code: string]: S3ErrorAnswer } = {
  NoSuchKey: answer(404, "not-found", "No such object"),
  AccessDenied: answer(403, "forbidden", "Access to this object is denied"),
  PreconditionFailed: answer(412, "precondition-failed", "A precondition failed"),
  InvalidRange: answer(416, "range-not-satisfiable", "The requested range is not satisfiable"),
  NotModified: answer(304, "not-modified", "Not modified"),
  EntityTooLarge: answer(413, "too-large", "The object is too large"),
  MissingContentLength: answer(411, "length-required", "Content-Length is required"),
  BadDigest: answer(400, "bad-digest", "A checksum sent with the body (Content-MD5 or x-amz-checksum-*) does not match it"),
  InvalidDigest: answer(400, "bad-digest", "The Content-MD5 is not valid"),
  KeyTooLongError: answer(400, "key-too-long", "The object key is too long"),
  SignatureDoesNotMatch: SIGNING_FAILURE,
  InvalidAccessKeyId: SIGNING_FAILURE,
  ExpiredToken: SIGNING_FAILURE,
  InvalidToken: SIGNING_FAILURE,
  TokenRefreshRequired: SIGNING_FAILURE,
  RequestTimeTooSkewed: SIGNING_FAILURE,
  AuthorizationHeaderMalformed: SIGNING_FAILURE,
  XAmzContentSHA256Mismatch: SIGNING_FAILURE,
  NoSuchBucket: answer(502, "upstream-misconfigured", "The proxy's bucket does not exist"),
  SlowDown: THROTTLED,
  ServiceUnavailable: THROTTLED
};

/** Without a body (HEAD, or a body the runtime did not buffer), only the status speaks. */
var BY_STATUS: { [status: number]: S3ErrorAnswer } = {
  304: BY_CODE.NotModified,
  403: BY_CODE.AccessDenied,
  404: BY_CODE.NoSuchKey,
  411: BY_CODE.MissingContentLength,
  412: BY_CODE.PreconditionFailed,
  413: BY_CODE.EntityTooLarge,
  416: BY_CODE.InvalidRange,
  503: THROTTLED
};

var OTHER = answer(502, "upstream-error", "S3 could not complete the request");

/** The answer for S3's error `code` ("" when unknown) with HTTP `status`; `argument` is InvalidArgument's ArgumentName; `objectRead`: a GET or HEAD of an object inside the prefix. */
export function answerFor(code: string, status: number, argument: string, objectRead: boolean): S3ErrorAnswer {
  if (code === "InvalidArgument" && argument === "continuation-token") return answer(400, "invalid-query", "cursor is not one this API returned");
  if (objectRead && (code === "AccessDenied" || (code === "" && status === 403))) return BY_CODE.NoSuchKey;
  if (code !== "") return Object.prototype.hasOwnProperty.call(BY_CODE, code) ? BY_CODE[code] : OTHER;
  return Object.prototype.hasOwnProperty.call(BY_STATUS, String(status)) ? BY_STATUS[status] : OTHER;
}

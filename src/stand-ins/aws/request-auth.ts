// SigV4 authentication of a request to a stand-in, checking what AWS checks,
// in the order it checks it: the Authorization header or the presigned query,
// the credential scope (date, region, service), the clock, the access key,
// the session token and its expiry, which headers were signed, the signature
// (recomputed with @smithy/signature-v4, see request-auth-signature.ts) and,
// for S3, the declared payload hash against the body.
// Each failure is answered with the code, status and message of the service
// the request was sent to: S3's XML errors or SSM's JSON 1.1 ones.

import { createHash } from "node:crypto";
import { amzDate, isoSeconds, type AwsAuthError } from "./aws-errors";
import { decodeAwsChunked, STREAMING_PAYLOADS, type ChunkSigning } from "./request-auth-chunked";
import { recomputeSignature, signStringToSign, spacedHex } from "./request-auth-signature";
import type { AwsWorld, Session } from "./world";

export type SignedService = "s3" | "ssm";

export interface ReceivedRequest {
  method: string;
  /** The path as received, still percent-encoded. */
  path: string;
  /** The raw query string, without "?". */
  query: string;
  /** Header name/value pairs as received (Node's rawHeaders, paired). */
  headers: [string, string][];
  body: Buffer;
}

/**
 * The session, and for S3's aws-chunked uploads the decoded body and its
 * trailing headers (x-amz-checksum-*).
 */
export type AuthenticationResult = { session: Session; decoded?: { body: Buffer; trailers: [string, string][] } } | { error: AwsAuthError };

const ALGORITHM = "AWS4-HMAC-SHA256";
const S3_MAX_SKEW_MS = 15 * 60 * 1000;
/** JSON-protocol services answer "Signature expired ... (... - 5 min.)". */
const JSON_MAX_SKEW_MS = 5 * 60 * 1000;
const MAX_PRESIGN_SECONDS = 604800;
const UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
const AMZ_DATE_PATTERN = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const PRESIGN_PARAMS = ["X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature", "X-Amz-Date", "X-Amz-SignedHeaders", "X-Amz-Expires"];

/** What the request says about how it was signed. */
interface SignatureClaim {
  via: "header" | "query";
  accessKeyId: string;
  scope: { date: string; region: string; service: string };
  signedHeaders: string[];
  signature: string;
  amzDate: string;
  /** X-Amz-Expires, for presigned requests. */
  expiresIn?: number;
  sessionToken?: string;
}

type Step<T> = { ok: T } | { error: AwsAuthError };

export async function authenticateRequest(
  world: AwsWorld,
  req: ReceivedRequest,
  service: SignedService,
  region: string
): Promise<AuthenticationResult> {
  const headers = headerMap(req.headers);
  const query = parseQuery(req.query);
  const parsed = parseClaim(service, headers, query);
  if ("error" in parsed) return parsed;
  const claim = parsed.ok;
  const checks = [
    () => checkScope(service, region, claim),
    () => checkClock(service, claim, world.now()),
    () => (service === "s3" && claim.via === "header" ? checkDeclaredPayloadHash(headers) : undefined)
  ];
  for (const check of checks) {
    const error = check();
    if (error) return { error };
  }
  const found = findSession(world, service, claim);
  if ("error" in found) return found;
  const session = found.ok;
  const unsigned = headersThatMustBeSigned(service, headers, claim);
  if (unsigned) return { error: unsigned };
  const mismatch = await checkSignature(service, req, headers, query, claim, session);
  if (mismatch) return { error: mismatch };
  if (service === "s3" && claim.via === "header") {
    const declared = headers.get("x-amz-content-sha256")!;
    if (STREAMING_PAYLOADS.includes(declared)) {
      const decoded = await decodeAwsChunked(req.body, declared, Number(headers.get("x-amz-decoded-content-length")), declaredTrailers(headers), chunkSigning(claim, session));
      return "error" in decoded ? decoded : { session, decoded: decoded.ok };
    }
    const payloadError = checkPayloadMatchesBody(declared, req.body);
    if (payloadError) return { error: payloadError };
  }
  return { session };
}

// ---- parsing -------------------------------------------------------------

/** Lower-case names; repeated headers joined with "," in the order received, as SigV4 does. */
export function headerMap(pairs: [string, string][]): Map<string, string> {
  const map = new Map<string, string>();
  for (const [name, value] of pairs) {
    const key = name.toLowerCase();
    const previous = map.get(key);
    map.set(key, previous === undefined ? value : `${previous},${value}`);
  }
  return map;
}

/** Decoded name/value pairs; a piece that is not valid percent-encoding is kept as received. */
export function parseQuery(raw: string): [string, string][] {
  if (raw === "") return [];
  return raw
    .split("&")
    .filter((piece) => piece !== "")
    .map((piece) => {
      const eq = piece.indexOf("=");
      return eq < 0 ? [decode(piece), ""] : [decode(piece.slice(0, eq)), decode(piece.slice(eq + 1))];
    });
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function parseClaim(service: SignedService, headers: Map<string, string>, query: [string, string][]): Step<SignatureClaim> {
  const authorization = headers.get("authorization");
  const queryAuth = query.some(([name]) => name === "X-Amz-Algorithm");
  if (authorization !== undefined && queryAuth) {
    const message =
      "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified";
    return fail(service === "s3" ? s3("InvalidArgument", 400, message, [["ArgumentName", "Authorization"], ["ArgumentValue", authorization]]) : json("IncompleteSignatureException", message));
  }
  if (authorization !== undefined) return parseAuthorizationHeader(service, authorization, headers);
  if (queryAuth) return parsePresignedQuery(service, query);
  return fail(service === "s3" ? s3("AccessDenied", 403, "Access Denied") : json("MissingAuthenticationTokenException", "Missing Authentication Token"));
}

function parseAuthorizationHeader(service: SignedService, authorization: string, headers: Map<string, string>): Step<SignatureClaim> {
  const space = authorization.indexOf(" ");
  const algorithm = space < 0 ? authorization : authorization.slice(0, space);
  if (algorithm !== ALGORITHM) {
    return fail(
      service === "s3"
        ? s3("InvalidArgument", 400, "Unsupported Authorization Type", [["ArgumentName", "Authorization"], ["ArgumentValue", authorization]])
        : json("IncompleteSignatureException", `Unsupported AWS 'algorithm': '${algorithm}'. Only ${ALGORITHM} is accepted.`)
    );
  }
  const components = new Map<string, string>();
  for (const part of authorization.slice(space + 1).split(",")) {
    const eq = part.indexOf("=");
    if (eq > 0) components.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const missing = ["Credential", "SignedHeaders", "Signature"].filter((name) => !components.get(name));
  if (missing.length > 0) {
    return fail(
      service === "s3"
        ? malformedHeader("the authorization header requires three components: Credential, SignedHeaders, and Signature.")
        : json("IncompleteSignatureException", missing.map((name) => `Authorization header requires '${name}' parameter.`).join(" ") + ` Authorization=${authorization}`)
    );
  }
  const credential = parseCredential(components.get("Credential")!);
  if (!credential) {
    return fail(
      service === "s3"
        ? malformedHeader('the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".')
        : json("IncompleteSignatureException", `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${components.get("Credential")}'`)
    );
  }
  const date = headers.get("x-amz-date");
  if (date === undefined || !AMZ_DATE_PATTERN.test(date)) {
    return fail(
      service === "s3"
        ? s3("AccessDenied", 403, "AWS authentication requires a valid Date or x-amz-date header")
        : json("IncompleteSignatureException", `Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=${authorization}`)
    );
  }
  return {
    ok: {
      via: "header",
      ...credential,
      signedHeaders: components.get("SignedHeaders")!.split(";"),
      signature: components.get("Signature")!,
      amzDate: date,
      sessionToken: headers.get("x-amz-security-token")
    }
  };
}

function parsePresignedQuery(service: SignedService, query: [string, string][]): Step<SignatureClaim> {
  const param = (name: string) => query.find(([n]) => n === name)?.[1];
  const queryError = (message: string) =>
    fail(service === "s3" ? s3("AuthorizationQueryParametersError", 400, message) : json("IncompleteSignatureException", message));
  if (PRESIGN_PARAMS.some((name) => !param(name))) {
    return queryError(
      "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters."
    );
  }
  if (param("X-Amz-Algorithm") !== ALGORITHM) return queryError(`X-Amz-Algorithm only supports "${ALGORITHM}"`);
  const credential = parseCredential(param("X-Amz-Credential")!);
  if (!credential) {
    return queryError('Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".');
  }
  const date = param("X-Amz-Date")!;
  if (!AMZ_DATE_PATTERN.test(date)) return queryError(`X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"`);
  const expires = param("X-Amz-Expires")!;
  if (!/^-?\d+$/.test(expires)) return queryError("X-Amz-Expires should be a number");
  const expiresIn = Number(expires);
  if (expiresIn < 0) return queryError("X-Amz-Expires must be non-negative");
  if (expiresIn > MAX_PRESIGN_SECONDS) return queryError(`X-Amz-Expires must be less than a week (in seconds) that is ${MAX_PRESIGN_SECONDS}`);
  if (expiresIn < 1 || String(expiresIn) !== expires) return queryError(`X-Amz-Expires must be a whole number of seconds from 1 to ${MAX_PRESIGN_SECONDS}, without leading zeros`);
  return {
    ok: {
      via: "query",
      ...credential,
      signedHeaders: param("X-Amz-SignedHeaders")!.split(";"),
      signature: param("X-Amz-Signature")!,
      amzDate: date,
      expiresIn,
      sessionToken: param("X-Amz-Security-Token")
    }
  };
}

function parseCredential(credential: string): Pick<SignatureClaim, "accessKeyId" | "scope"> | undefined {
  const parts = credential.split("/");
  if (parts.length !== 5 || parts.some((p) => p === "") || parts[4] !== "aws4_request") return undefined;
  return { accessKeyId: parts[0], scope: { date: parts[1], region: parts[2], service: parts[3] } };
}

// ---- checks before the signature --------------------------------------------

function checkScope(service: SignedService, region: string, claim: SignatureClaim): AwsAuthError | undefined {
  const { scope } = claim;
  const inHeader = claim.via === "header";
  const s3Malformed = (problem: string, details?: [string, string][]) =>
    inHeader ? malformedHeader(problem, details) : s3("AuthorizationQueryParametersError", 400, `Error parsing the X-Amz-Credential parameter; ${problem}`, details);
  if (scope.date !== claim.amzDate.slice(0, 8)) {
    return service === "s3"
      ? s3Malformed(`Invalid credential date "${scope.date}". This date is not the same as X-Amz-Date: "${claim.amzDate.slice(0, 8)}".`)
      : json(
          "InvalidSignatureException",
          `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scope.date}' != '${claim.amzDate.slice(0, 8)}', from '${claim.amzDate}'.`
        );
  }
  if (scope.region !== region) {
    return service === "s3"
      ? s3Malformed(`the region '${scope.region}' is wrong; expecting '${region}'`, [["Region", region]])
      : json("InvalidSignatureException", `Credential should be scoped to a valid region, not '${scope.region}'. `);
  }
  if (scope.service !== service) {
    return service === "s3"
      ? s3Malformed(`incorrect service "${scope.service}". This endpoint belongs to "${service}".`)
      : json("InvalidSignatureException", `Credential should be scoped to correct service: '${service}'. `);
  }
  return undefined;
}

/** Header auth: X-Amz-Date within the allowed skew of the server clock. Presigned: not before X-Amz-Date, not after it + X-Amz-Expires. */
function checkClock(service: SignedService, claim: SignatureClaim, now: number): AwsAuthError | undefined {
  const signedAt = parseAmzDate(claim.amzDate);
  const maxSkew = service === "s3" ? S3_MAX_SKEW_MS : JSON_MAX_SKEW_MS;
  const minutes = maxSkew / 60000;
  if (claim.via === "query") {
    const expiresAt = signedAt + claim.expiresIn! * 1000;
    if (now > expiresAt) {
      return service === "s3"
        ? s3("AccessDenied", 403, "Request has expired", [
            ["X-Amz-Expires", String(claim.expiresIn)],
            ["Expires", isoSeconds(expiresAt)],
            ["ServerTime", isoSeconds(now)]
          ])
        : json("InvalidSignatureException", `Signature expired: ${claim.amzDate} is now earlier than ${amzDate(now - claim.expiresIn! * 1000)} (${amzDate(now)} - ${claim.expiresIn} sec.)`);
    }
    if (signedAt > now + maxSkew) {
      return service === "s3"
        ? s3("AccessDenied", 403, "Request is not valid yet")
        : json("InvalidSignatureException", `Signature not yet current: ${claim.amzDate} is still later than ${amzDate(now + maxSkew)} (${amzDate(now)} + ${minutes} min.)`);
    }
    return undefined;
  }
  if (Math.abs(now - signedAt) <= maxSkew) return undefined;
  if (service === "s3") {
    return s3("RequestTimeTooSkewed", 403, "The difference between the request time and the current time is too large.", [
      ["RequestTime", claim.amzDate],
      ["ServerTime", isoSeconds(now)],
      ["MaxAllowedSkewMilliseconds", String(maxSkew)]
    ]);
  }
  return signedAt < now
    ? json("InvalidSignatureException", `Signature expired: ${claim.amzDate} is now earlier than ${amzDate(now - maxSkew)} (${amzDate(now)} - ${minutes} min.)`)
    : json("InvalidSignatureException", `Signature not yet current: ${claim.amzDate} is still later than ${amzDate(now + maxSkew)} (${amzDate(now)} + ${minutes} min.)`);
}

function parseAmzDate(text: string): number {
  const [, y, mo, d, h, mi, s] = AMZ_DATE_PATTERN.exec(text)!.map(Number);
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

/**
 * S3 header auth must declare the payload hash: a SHA-256, UNSIGNED-PAYLOAD,
 * or one of the aws-chunked forms (SigV4a's ECDSA ones are not supported here).
 */
function checkDeclaredPayloadHash(headers: Map<string, string>): AwsAuthError | undefined {
  const declared = headers.get("x-amz-content-sha256");
  if (declared === undefined) return s3("InvalidRequest", 400, "Missing required header for this request: x-amz-content-sha256");
  if (declared === UNSIGNED_PAYLOAD || /^[0-9a-f]{64}$/.test(declared) || STREAMING_PAYLOADS.includes(declared)) return undefined;
  if (declared.startsWith("STREAMING-")) {
    return s3("NotImplemented", 501, `This stand-in does not accept SigV4a (ECDSA) aws-chunked uploads (x-amz-content-sha256: ${declared}).`);
  }
  return s3("InvalidArgument", 400, "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, or a valid sha256 value.", [
    ["ArgumentName", "x-amz-content-sha256"],
    ["ArgumentValue", declared]
  ]);
}

function findSession(world: AwsWorld, service: SignedService, claim: SignatureClaim): Step<Session> {
  const session = world.session(claim.accessKeyId);
  const tokenDetail: [string, string][] = claim.sessionToken === undefined ? [] : [["Token-0", claim.sessionToken]];
  const unknownKey = () =>
    fail(
      service === "s3"
        ? s3("InvalidAccessKeyId", 403, "The AWS Access Key Id you provided does not exist in our records.", [["AWSAccessKeyId", claim.accessKeyId]])
        : json("UnrecognizedClientException", "The security token included in the request is invalid.")
    );
  // A temporary key is looked up with its token: sent without one, the key is unknown.
  if (!session || claim.sessionToken === undefined) return unknownKey();
  if (claim.sessionToken !== session.sessionToken) {
    return fail(
      service === "s3"
        ? s3("InvalidToken", 400, "The provided token is malformed or otherwise invalid.", tokenDetail)
        : json("UnrecognizedClientException", "The security token included in the request is invalid.")
    );
  }
  if (world.now() >= session.expiresAt) {
    return fail(
      service === "s3"
        ? s3("ExpiredToken", 400, "The provided token has expired.", tokenDetail)
        : json("ExpiredTokenException", "The security token included in the request is expired")
    );
  }
  return { ok: session };
}

/**
 * Host must always be signed. S3 also refuses any x-amz-* header left out of
 * SignedHeaders, except x-amz-content-sha256 (its value is checked against the body).
 */
function headersThatMustBeSigned(service: SignedService, headers: Map<string, string>, claim: SignatureClaim): AwsAuthError | undefined {
  const signed = new Set(claim.signedHeaders);
  if (service === "ssm") {
    return signed.has("host") ? undefined : json("InvalidSignatureException", "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  }
  const unsigned = [...headers.keys()].filter(
    (name) => !signed.has(name) && (name === "host" || (name.startsWith("x-amz-") && name !== "x-amz-content-sha256"))
  );
  if (unsigned.length === 0) return undefined;
  return s3("AccessDenied", 403, "There were headers present in the request which were not signed", [["HeadersNotSigned", unsigned.join(", ")]]);
}

// ---- the signature -------------------------------------------------------

async function checkSignature(
  service: SignedService,
  req: ReceivedRequest,
  headers: Map<string, string>,
  query: [string, string][],
  claim: SignatureClaim,
  session: Session
): Promise<AwsAuthError | undefined> {
  const recomputed = await recomputeSignature({
    service,
    region: claim.scope.region,
    credentials: { accessKeyId: session.accessKeyId, secretAccessKey: session.secretAccessKey },
    method: req.method,
    path: req.path,
    query,
    headers,
    signedHeaders: claim.signedHeaders,
    signingDate: new Date(parseAmzDate(claim.amzDate)),
    payloadHash: payloadHashFor(service, claim, headers, req.body),
    presign: claim.via === "query" ? { expiresIn: claim.expiresIn! } : undefined
  });
  if (recomputed.signature === claim.signature) return undefined;
  if (service === "s3") {
    return s3("SignatureDoesNotMatch", 403, "The request signature we calculated does not match the signature you provided. Check your key and signing method.", [
      ["AWSAccessKeyId", claim.accessKeyId],
      ["StringToSign", recomputed.stringToSign],
      ["SignatureProvided", claim.signature],
      ["StringToSignBytes", spacedHex(recomputed.stringToSign)],
      ["CanonicalRequest", recomputed.canonicalRequest],
      ["CanonicalRequestBytes", spacedHex(recomputed.canonicalRequest)]
    ]);
  }
  return json(
    "InvalidSignatureException",
    "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.\n\n" +
      `The Canonical String for this request should have been\n'${recomputed.canonicalRequest}'\n\n` +
      `The String-to-Sign should have been\n'${recomputed.stringToSign}'\n`
  );
}

/**
 * S3: the declared x-amz-content-sha256 (header auth) or UNSIGNED-PAYLOAD
 * (presigned). Every other service hashes the body it received, whatever a
 * x-amz-content-sha256 header says, so a changed body breaks the signature.
 */
function payloadHashFor(service: SignedService, claim: SignatureClaim, headers: Map<string, string>, body: Buffer): string {
  if (service !== "s3") return sha256Hex(body);
  return claim.via === "query" ? UNSIGNED_PAYLOAD : headers.get("x-amz-content-sha256")!;
}

function checkPayloadMatchesBody(declared: string, body: Buffer): AwsAuthError | undefined {
  if (declared === UNSIGNED_PAYLOAD) return undefined;
  const computed = sha256Hex(body);
  if (computed === declared) return undefined;
  return s3("XAmzContentSHA256Mismatch", 400, "The provided 'x-amz-content-sha256' header does not match what was computed.", [
    ["ClientComputedContentSHA256", declared],
    ["S3ComputedContentSHA256", computed]
  ]);
}

function sha256Hex(body: Buffer | string): string {
  return createHash("sha256").update(body).digest("hex");
}

/** x-amz-trailer: the trailing headers an aws-chunked body promises, comma-separated. */
function declaredTrailers(headers: Map<string, string>): string[] {
  const value = headers.get("x-amz-trailer");
  return value === undefined ? [] : value.split(",").map((name) => name.trim().toLowerCase()).filter((name) => name !== "");
}

function chunkSigning(claim: SignatureClaim, session: Session): ChunkSigning {
  const { scope } = claim;
  const key = {
    service: scope.service,
    region: scope.region,
    credentials: { accessKeyId: session.accessKeyId, secretAccessKey: session.secretAccessKey },
    signingDate: new Date(parseAmzDate(claim.amzDate))
  };
  return {
    seedSignature: claim.signature,
    amzDate: claim.amzDate,
    scope: `${scope.date}/${scope.region}/${scope.service}/aws4_request`,
    sign: (stringToSign) => signStringToSign(stringToSign, key),
    mismatch: (stringToSign, provided) =>
      s3("SignatureDoesNotMatch", 403, "The request signature we calculated does not match the signature you provided. Check your key and signing method.", [
        ["AWSAccessKeyId", claim.accessKeyId],
        ["StringToSign", stringToSign],
        ["SignatureProvided", provided],
        ["StringToSignBytes", spacedHex(stringToSign)]
      ])
  };
}

// ---- error constructors ----------------------------------------------------

function s3(code: string, status: number, message: string, details?: [string, string][]): AwsAuthError {
  return { code, status, message, details };
}

function malformedHeader(problem: string, details?: [string, string][]): AwsAuthError {
  return s3("AuthorizationHeaderMalformed", 400, `The authorization header is malformed; ${problem}`, details);
}

/** Every authentication error of the JSON 1.1 services is a 400. */
function json(code: string, message: string): AwsAuthError {
  return { code, status: 400, message };
}

function fail(error: AwsAuthError): { error: AwsAuthError } {
  return { error };
}

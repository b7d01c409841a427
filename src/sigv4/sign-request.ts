// SigV4 for one request: header form (Authorization) and presigned URLs.
// Signing is split in two so that the HMAC chain can run elsewhere (Apigee's
// native hmacSha256 templates): prepare*() builds the canonical request and the
// string to sign; finish*() turns a signature into headers or a URL.

import type { HeaderList } from "../flow/message";
import { parseQuery, splitUrl } from "../flow/url-parts";
import { sha256Hex } from "../hashing/sha256";
import type { HmacKey } from "../hashing/hmac-sha256";
import { canonicalHeaders } from "./canonical-headers";
import { canonicalQuery } from "./canonical-query";
import { canonicalUri, PathRules, pathRulesFor } from "./canonical-uri";
import { signAllSignable } from "./header-selection";
import { deriveSigningKey, signatureHex } from "./signing-key";
import { uriEncode } from "./uri-encode";

export var ALGORITHM = "AWS4-HMAC-SHA256";
export var UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
export var MAX_PRESIGN_EXPIRES = 604800;

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string | null;
}

export interface SigningInput {
  method: string;
  /** Absolute URL exactly as it will be sent. */
  url: string;
  headers: HeaderList;
  service: string;
  region: string;
  /** Request time as YYYYMMDD'T'HHMMSS'Z'. */
  amzDate: string;
  credentials: Credentials;
  /** Lowercase hex SHA-256 of the body, or UNSIGNED-PAYLOAD (S3 only). */
  payloadHash: string;
  /** Which present headers to sign; host, x-amz-date and the token always are. Default: all signable. */
  signHeader?: (lowerName: string) => boolean;
  /** Default: S3 rules for "s3", generic rules otherwise. */
  pathRules?: PathRules;
  /** Send the payload hash as x-amz-content-sha256 (S3 requires it). Header form only. */
  addContentSha256?: boolean;
  /** Add the session token after signing instead of signing it (old services only). */
  unsignedSessionToken?: boolean;
  /** SHA-256 hex of a string; defaults to pure JS. Callouts pass Apigee's crypto. */
  hashHex?: (text: string) => string;
}

export interface PreparedSignature {
  canonicalRequest: string;
  stringToSign: string;
  credentialScope: string;
  signedHeaders: string;
}

export interface PreparedHeaderSignature extends PreparedSignature {
  /** Headers to set before sending, apart from Authorization. */
  headers: HeaderList;
}

export interface HeaderSignature extends PreparedHeaderSignature {
  signature: string;
  authorization: string;
}

export interface PresignInput extends SigningInput {
  /** X-Amz-Expires: 1 to 604800 seconds. */
  expiresSeconds: number;
}

export interface PreparedPresign extends PreparedSignature {
  /** The URL with every X-Amz-* parameter except X-Amz-Signature. */
  unsignedUrl: string;
}

export interface Presigned extends PreparedPresign {
  signature: string;
  url: string;
}

export function credentialScope(amzDate: string, region: string, service: string): string {
  return amzDate.substring(0, 8) + "/" + region + "/" + service + "/aws4_request";
}

export function buildStringToSign(amzDate: string, scope: string, canonicalRequestHash: string): string {
  return ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + canonicalRequestHash;
}

function checkInput(input: SigningInput): void {
  if (!/^\d{8}T\d{6}Z$/.test(input.amzDate)) throw new Error("amzDate must look like 20150830T123600Z, got " + input.amzDate);
  if (!/^[a-z0-9-]+$/.test(input.region)) throw new Error("region must be lowercase letters, digits and dashes, got " + input.region);
  if (!/^[a-z0-9-]+$/.test(input.service)) throw new Error("service must be lowercase letters, digits and dashes, got " + input.service);
}

/** Host as the HTTP client will send it: the URL's authority without a default port. */
export function hostHeaderFor(url: string): string {
  var parts = splitUrl(url);
  var host = parts.authority.replace(/^[^@]*@/, "");
  if ((parts.scheme === "https:" && /:443$/.test(host)) || (parts.scheme === "http:" && /:80$/.test(host))) {
    host = host.replace(/:\d+$/, "");
  }
  return host;
}

function hasHeader(headers: HeaderList, lower: string): boolean {
  for (var i = 0; i < headers.length; i++) if (headers[i][0].toLowerCase() === lower) return true;
  return false;
}

/** headers without `lower`, then [lower, value] appended. */
function withHeader(headers: HeaderList, lower: string, value: string): HeaderList {
  var out: HeaderList = [];
  for (var i = 0; i < headers.length; i++) if (headers[i][0].toLowerCase() !== lower) out.push(headers[i]);
  out.push([lower, value]);
  return out;
}

function assemble(
  input: SigningInput,
  query: string,
  headers: HeaderList,
  include: (lowerName: string) => boolean,
  payloadHash: string
): PreparedSignature {
  var parts = splitUrl(input.url);
  var rules = input.pathRules || pathRulesFor(input.service);
  var ch = canonicalHeaders(headers, include);
  var canonicalRequest =
    input.method.toUpperCase() + "\n" + canonicalUri(parts.path, rules) + "\n" + query + "\n" + ch.block + "\n" + ch.signedHeaders + "\n" + payloadHash;
  var scope = credentialScope(input.amzDate, input.region, input.service);
  var hash = (input.hashHex || sha256Hex)(canonicalRequest);
  return {
    canonicalRequest: canonicalRequest,
    stringToSign: buildStringToSign(input.amzDate, scope, hash),
    credentialScope: scope,
    signedHeaders: ch.signedHeaders
  };
}

// A function of its own: in Rhino a function that creates a closure over its
// locals runs unoptimised, so prepareHeaderSignature must not create one.
function headerFilter(select: (lowerName: string) => boolean, hasToken: boolean, signsToken: boolean): (lowerName: string) => boolean {
  return function (name: string) {
    if (name === "x-amz-security-token" && hasToken) return signsToken;
    return name === "host" || name === "x-amz-date" || name === "x-amz-content-sha256" || select(name);
  };
}

export function prepareHeaderSignature(input: SigningInput): PreparedHeaderSignature {
  checkInput(input);
  var token = input.credentials.sessionToken;
  var headers = input.headers.slice(0);
  var added: HeaderList = [];
  if (!hasHeader(headers, "host")) {
    var host: [string, string] = ["host", hostHeaderFor(input.url)];
    headers.push(host);
    added.push(host);
  }
  headers = withHeader(headers, "x-amz-date", input.amzDate);
  added.push(["x-amz-date", input.amzDate]);
  if (input.addContentSha256) {
    headers = withHeader(headers, "x-amz-content-sha256", input.payloadHash);
    added.push(["x-amz-content-sha256", input.payloadHash]);
  }
  var signsToken = !!token && !input.unsignedSessionToken;
  if (signsToken) headers = withHeader(headers, "x-amz-security-token", token as string);
  if (token) added.push(["x-amz-security-token", token]);
  var include = headerFilter(input.signHeader || signAllSignable, !!token, signsToken);
  var prepared = assemble(input, canonicalQuery(parseQuery(splitUrl(input.url).query)), headers, include, input.payloadHash);
  return {
    canonicalRequest: prepared.canonicalRequest,
    stringToSign: prepared.stringToSign,
    credentialScope: prepared.credentialScope,
    signedHeaders: prepared.signedHeaders,
    headers: added
  };
}

export function authorizationHeader(accessKeyId: string, scope: string, signedHeaders: string, signature: string): string {
  return ALGORITHM + " Credential=" + accessKeyId + "/" + scope + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature;
}

export function finishHeaderSignature(input: SigningInput, prepared: PreparedHeaderSignature, signature: string): HeaderSignature {
  return {
    canonicalRequest: prepared.canonicalRequest,
    stringToSign: prepared.stringToSign,
    credentialScope: prepared.credentialScope,
    signedHeaders: prepared.signedHeaders,
    headers: prepared.headers,
    signature: signature,
    authorization: authorizationHeader(input.credentials.accessKeyId, prepared.credentialScope, prepared.signedHeaders, signature)
  };
}

function keyFor(input: SigningInput, signingKey?: HmacKey): HmacKey {
  return signingKey || deriveSigningKey(input.credentials.secretAccessKey, input.amzDate.substring(0, 8), input.region, input.service);
}

/** Signs with a key derived from the credentials, or with a cached `signingKey`. */
export function signRequest(input: SigningInput, signingKey?: HmacKey): HeaderSignature {
  var prepared = prepareHeaderSignature(input);
  return finishHeaderSignature(input, prepared, signatureHex(keyFor(input, signingKey), prepared.stringToSign));
}

export function preparePresign(input: PresignInput): PreparedPresign {
  checkInput(input);
  var expires = input.expiresSeconds;
  if (!(expires >= 1 && expires <= MAX_PRESIGN_EXPIRES && Math.floor(expires) === expires)) {
    throw new Error("expiresSeconds must be a whole number from 1 to " + MAX_PRESIGN_EXPIRES + ", got " + expires);
  }
  var headers = input.headers.slice(0);
  if (!hasHeader(headers, "host")) headers.push(["host", hostHeaderFor(input.url)]);
  var select = input.signHeader || signAllSignable;
  var include = function (name: string) {
    return name === "host" || select(name);
  };
  var signed = canonicalHeaders(headers, include).signedHeaders;
  var scope = credentialScope(input.amzDate, input.region, input.service);
  var token = input.credentials.sessionToken;
  var params: [string, string][] = [
    ["X-Amz-Algorithm", ALGORITHM],
    ["X-Amz-Credential", input.credentials.accessKeyId + "/" + scope],
    ["X-Amz-Date", input.amzDate],
    ["X-Amz-Expires", String(expires)],
    ["X-Amz-SignedHeaders", signed]
  ];
  if (token && !input.unsignedSessionToken) params.push(["X-Amz-Security-Token", token]);
  var parts = splitUrl(input.url);
  var prepared = assemble(input, canonicalQuery(parseQuery(parts.query).concat(params)), headers, include, input.payloadHash);
  if (token && input.unsignedSessionToken) params.push(["X-Amz-Security-Token", token]);
  return {
    canonicalRequest: prepared.canonicalRequest,
    stringToSign: prepared.stringToSign,
    credentialScope: prepared.credentialScope,
    signedHeaders: prepared.signedHeaders,
    unsignedUrl: appendQuery(input.url, params)
  };
}

function appendQuery(url: string, params: [string, string][]): string {
  var hash = url.indexOf("#");
  var base = hash >= 0 ? url.substring(0, hash) : url;
  var encoded: string[] = [];
  for (var i = 0; i < params.length; i++) encoded.push(uriEncode(params[i][0], false) + "=" + uriEncode(params[i][1], false));
  var q = base.indexOf("?");
  var separator = q < 0 ? "?" : q === base.length - 1 || base.charAt(base.length - 1) === "&" ? "" : "&";
  return base + separator + encoded.join("&");
}

export function finishPresign(prepared: PreparedPresign, signature: string): Presigned {
  return {
    canonicalRequest: prepared.canonicalRequest,
    stringToSign: prepared.stringToSign,
    credentialScope: prepared.credentialScope,
    signedHeaders: prepared.signedHeaders,
    unsignedUrl: prepared.unsignedUrl,
    signature: signature,
    url: prepared.unsignedUrl + "&X-Amz-Signature=" + signature
  };
}

export function presignRequest(input: PresignInput, signingKey?: HmacKey): Presigned {
  var prepared = preparePresign(input);
  return finishPresign(prepared, signatureHex(keyFor(input, signingKey), prepared.stringToSign));
}

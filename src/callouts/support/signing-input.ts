// Reads a SigV4 signing request from the flow. The variables are the
// aws-sigv4 shared flow's contract (docs/runtime-contract.md).

import { PathRules, pathRulesFor } from "../../sigv4/canonical-uri";
import { signAllSignable, signMinimal } from "../../sigv4/header-selection";
import { Credentials, SigningInput, UNSIGNED_PAYLOAD } from "../../sigv4/sign-request";
import { amzDateFromMillis } from "./amz-date";
import { sha256HexOfString } from "./apigee-hash";
import { readFlag, readRequired, readString } from "./flow";
import type { HeaderList } from "../../flow/message";
import { readHeaders } from "./message-headers";

export function signedMessageName(): string {
  return readString("aws.sigv4.message") || "request";
}

function requestUrl(messageName: string): string {
  var explicit = readString("aws.sigv4.url");
  if (explicit) return explicit;
  var target = messageName === "request" ? readString("target.url") : null;
  return target || readRequired(messageName + ".url");
}

function payloadHash(messageName: string, service: string, presign: boolean): string {
  var mode = readString("aws.sigv4.payload") || (service === "s3" ? "unsigned" : "hash");
  // "UNSIGNED-PAYLOAD" itself is what x-amz-content-sha256 carries; taken as written, like a hash or a STREAMING-* value.
  if (mode === "unsigned" || mode === UNSIGNED_PAYLOAD) return UNSIGNED_PAYLOAD;
  if (mode === "hash") return presign && service === "s3" ? UNSIGNED_PAYLOAD : sha256HexOfString(readString(messageName + ".content") || "");
  if (/^[0-9a-f]{64}$/.test(mode) || /^STREAMING-[A-Z0-9-]+$/.test(mode)) return mode;
  throw new Error("aws.sigv4.payload must be unsigned, hash, UNSIGNED-PAYLOAD, a STREAMING-* value or a SHA-256 hex value, got " + mode);
}

function pathRules(service: string): PathRules {
  var defaults = pathRulesFor(service);
  return {
    doubleEncode: readFlag("aws.sigv4.uri.doubleEncode", defaults.doubleEncode),
    normalize: readFlag("aws.sigv4.uri.normalize", defaults.normalize)
  };
}

function headerSelection(): (lowerName: string) => boolean {
  var selection = readString("aws.sigv4.headers") || "minimal";
  if (selection === "minimal") return signMinimal;
  if (selection === "all") return signAllSignable;
  throw new Error("aws.sigv4.headers must be minimal or all, got " + selection);
}

/** Script mode: the full temporary credentials. */
export function readCredentials(): Credentials {
  return {
    accessKeyId: readRequired("private.aws.credentials.accessKeyId"),
    secretAccessKey: readRequired("private.aws.credentials.secretAccessKey"),
    sessionToken: readString("private.aws.credentials.sessionToken")
  };
}

/**
 * Native mode: the credentials without the secret access key, which only
 * Apigee's hmacSha256 templates read. The built native callouts do not even
 * contain its variable name (a test checks).
 */
export function readCredentialsWithoutSecret(): Credentials {
  return {
    accessKeyId: readRequired("private.aws.credentials.accessKeyId"),
    secretAccessKey: "",
    sessionToken: readString("private.aws.credentials.sessionToken")
  };
}

/**
 * The message's headers without Host: Apigee sends the target URL's host, not
 * the client's Host header, so the signer signs (and sets) the URL's host.
 */
function headersToSign(messageName: string): HeaderList {
  var all = readHeaders(messageName);
  var out: HeaderList = [];
  for (var i = 0; i < all.length; i++) if (all[i][0].toLowerCase() !== "host") out.push(all[i]);
  return out;
}

export function readSigningInput(messageName: string, presign: boolean, credentials: Credentials): SigningInput {
  var service = readRequired("aws.sigv4.service");
  return {
    method: readString("aws.sigv4.method") || readRequired(messageName + ".verb"),
    url: requestUrl(messageName),
    headers: headersToSign(messageName),
    service: service,
    region: readRequired("aws.sigv4.region"),
    amzDate: readString("aws.sigv4.amzDate") || amzDateFromMillis(Number(readRequired("system.timestamp"))),
    credentials: credentials,
    payloadHash: payloadHash(messageName, service, presign),
    signHeader: headerSelection(),
    pathRules: pathRules(service),
    addContentSha256: readFlag("aws.sigv4.contentSha256Header", service === "s3"),
    unsignedSessionToken: !readFlag("aws.sigv4.sessionToken.signed", true),
    hashHex: sha256HexOfString
  };
}

/** Canonical request and string to sign, for diagnosing SignatureDoesNotMatch. */
export function exposeDebug(canonicalRequest: string, stringToSign: string): void {
  if (!readFlag("aws.sigv4.debug", false)) return;
  var token = readString("private.aws.credentials.sessionToken");
  context.setVariable("private.aws.sigv4.debug.canonicalRequest", canonicalRequest);
  context.setVariable(
    "aws.sigv4.debug.canonicalRequest",
    token ? canonicalRequest.split(token).join("<session token>") : canonicalRequest
  );
  context.setVariable("aws.sigv4.debug.stringToSign", stringToSign);
}

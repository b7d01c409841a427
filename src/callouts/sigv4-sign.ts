// JavaScript policy resource of the aws-sigv4 shared flow (script mode):
// signs a message with SigV4 using temporary credentials held in private.
// variables. The runtime contract is documented in docs/runtime-contract.md.

import type { HeaderList } from "../flow/message";
import { PathRules, pathRulesFor } from "../sigv4/canonical-uri";
import { signAllSignable, signMinimal } from "../sigv4/header-selection";
import { signRequest, SigningInput, UNSIGNED_PAYLOAD } from "../sigv4/sign-request";
import { amzDateFromMillis } from "./support/amz-date";
import { sha256HexOfString } from "./support/apigee-hash";
import { readFlag, readRequired, readString } from "./support/flow";
import { readHeaders } from "./support/message-headers";

var messageName = readString("aws.sigv4.message") || "request";
var service = readRequired("aws.sigv4.service");
var debug = readFlag("aws.sigv4.debug", false);

function targetUrl(): string {
  var explicit = readString("aws.sigv4.url");
  if (explicit) return explicit;
  var target = messageName === "request" ? readString("target.url") : null;
  return target || readRequired(messageName + ".url");
}

function payloadHash(): string {
  var mode = readString("aws.sigv4.payload") || (service === "s3" ? "unsigned" : "hash");
  if (mode === "unsigned") return UNSIGNED_PAYLOAD;
  if (mode === "hash") return sha256HexOfString(readString(messageName + ".content") || "");
  if (/^[0-9a-f]{64}$/.test(mode)) return mode;
  throw new Error("aws.sigv4.payload must be unsigned, hash or a SHA-256 hex value, got " + mode);
}

function pathRules(): PathRules {
  var defaults = pathRulesFor(service);
  return {
    doubleEncode: readFlag("aws.sigv4.uri.doubleEncode", defaults.doubleEncode),
    normalize: readFlag("aws.sigv4.uri.normalize", defaults.normalize)
  };
}

function signingInput(): SigningInput {
  var selection = readString("aws.sigv4.headers") || "minimal";
  if (selection !== "minimal" && selection !== "all") throw new Error("aws.sigv4.headers must be minimal or all, got " + selection);
  return {
    method: readString("aws.sigv4.method") || readRequired(messageName + ".verb"),
    url: targetUrl(),
    headers: readHeaders(messageName),
    service: service,
    region: readRequired("aws.sigv4.region"),
    amzDate: readString("aws.sigv4.amzDate") || amzDateFromMillis(Number(readRequired("system.timestamp"))),
    credentials: {
      accessKeyId: readRequired("private.aws.credentials.accessKeyId"),
      secretAccessKey: readRequired("private.aws.credentials.secretAccessKey"),
      sessionToken: readString("private.aws.credentials.sessionToken")
    },
    payloadHash: payloadHash(),
    signHeader: selection === "all" ? signAllSignable : signMinimal,
    pathRules: pathRules(),
    addContentSha256: readFlag("aws.sigv4.contentSha256Header", service === "s3"),
    unsignedSessionToken: !readFlag("aws.sigv4.sessionToken.signed", true),
    hashHex: sha256HexOfString
  };
}

function exposeDebug(canonicalRequest: string, stringToSign: string, token: string | null | undefined): void {
  context.setVariable("private.aws.sigv4.debug.canonicalRequest", canonicalRequest);
  context.setVariable("aws.sigv4.debug.canonicalRequest", token ? canonicalRequest.split(token).join("<session token>") : canonicalRequest);
  context.setVariable("aws.sigv4.debug.stringToSign", stringToSign);
}

function setHeaders(headers: HeaderList): void {
  for (var i = 0; i < headers.length; i++) context.setVariable(messageName + ".header." + headers[i][0], headers[i][1]);
}

var signed = signRequest(signingInput());
setHeaders(signed.headers);
context.setVariable(messageName + ".header.authorization", signed.authorization);
context.setVariable("aws.sigv4.signedHeaders", signed.signedHeaders);
context.setVariable("aws.sigv4.credentialScope", signed.credentialScope);
if (debug) exposeDebug(signed.canonicalRequest, signed.stringToSign, readString("private.aws.credentials.sessionToken"));

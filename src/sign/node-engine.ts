// Signs in Node with the same SigV4 code the callouts are built from.

import { sha256Hex } from "../hashing/sha256";
import { signAllSignable, signMinimal } from "../sigv4/header-selection";
import { presignRequest, signRequest, SigningInput, UNSIGNED_PAYLOAD } from "../sigv4/sign-request";
import type { SignOutput, SignSpec } from "./sign-spec";

export function payloadHashOf(spec: SignSpec): string {
  if (spec.payload.kind === "unsigned") return UNSIGNED_PAYLOAD;
  if (spec.payload.kind === "given") return spec.payload.value;
  return sha256Hex(spec.body);
}

export function signingInputOf(spec: SignSpec): SigningInput {
  return {
    method: spec.method,
    url: spec.url,
    headers: spec.headers,
    service: spec.service,
    region: spec.region,
    amzDate: spec.amzDate,
    credentials: spec.credentials,
    payloadHash: payloadHashOf(spec),
    signHeader: spec.signedHeaders === "all" ? signAllSignable : signMinimal,
    pathRules: { doubleEncode: spec.doubleEncodePath, normalize: spec.normalizePath },
    addContentSha256: spec.contentSha256Header,
    unsignedSessionToken: !spec.signSessionToken
  };
}

export function signInNode(spec: SignSpec): SignOutput {
  const input = signingInputOf(spec);
  if (spec.presignExpires !== null) {
    const p = presignRequest({ ...input, expiresSeconds: spec.presignExpires });
    return { canonicalRequest: p.canonicalRequest, stringToSign: p.stringToSign, signature: p.signature, signedHeaders: p.signedHeaders, url: p.url };
  }
  const s = signRequest(input);
  const headers: Record<string, string> = {};
  for (const [name, value] of s.headers) headers[name] = value;
  headers.authorization = s.authorization;
  return { canonicalRequest: s.canonicalRequest, stringToSign: s.stringToSign, signature: s.signature, signedHeaders: s.signedHeaders, headers };
}

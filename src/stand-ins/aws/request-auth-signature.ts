// Recomputes a request's SigV4 signature with AWS's own JavaScript signer
// (@smithy/signature-v4), over the request exactly as it was received, and
// keeps the canonical request and string to sign it built so a mismatch can be
// explained the way AWS explains it.
//
// How the received request is handed to smithy so that its canonical form is
// the one the client signed:
// - path: as received, still percent-encoded. For S3 (uriEscapePath false)
//   smithy uses it verbatim: S3 encodes the key once and never normalises.
//   For other services (uriEscapePath true) smithy normalises "." and ".."
//   and escapes the path again: that second encoding of the wire path is
//   AWS's double encoding for non-S3 services, so decoding first would be
//   wrong (it would reproduce a single-encoding client's mistake).
// - query: decoded pairs; smithy re-encodes each name and value with AWS's
//   UriEncode and sorts them, skipping X-Amz-Signature.
// - headers: every received header, with the ones not listed in
//   SignedHeaders marked unsignable and the listed ones signable (so a client
//   that signed, say, user-agent is checked on it too).
// - payload hash: fixed by the service's rules, not by smithy's guess (see
//   PayloadHash below), through an override of createCanonicalRequest.

import { Sha256 } from "@aws-crypto/sha256-js";
import { SignatureV4 } from "@smithy/signature-v4";
import type { HeaderBag, HttpRequest, QueryParameterBag } from "@smithy/types";

export interface SignatureInput {
  service: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  method: string;
  /** Raw path as received, still percent-encoded. */
  path: string;
  /** Decoded query pairs in the order received. */
  query: [string, string][];
  /** Lower-case header name → value (repeated headers joined with ","). */
  headers: Map<string, string>;
  /** Lower-case names from SignedHeaders. */
  signedHeaders: string[];
  signingDate: Date;
  /** The payload hash the service puts last in the canonical request. */
  payloadHash: string;
  /** Present for query (presigned) authentication. */
  presign?: { expiresIn: number };
}

export interface RecomputedSignature {
  signature: string;
  canonicalRequest: string;
  stringToSign: string;
}

/** SignatureV4 that records what it signed and signs the payload hash it is given. */
class ExplainingSigner extends SignatureV4 {
  canonicalRequest = "";
  stringToSign = "";

  constructor(
    init: ConstructorParameters<typeof SignatureV4>[0],
    private readonly payloadHash: string
  ) {
    super(init);
  }

  protected override createCanonicalRequest(request: HttpRequest, canonicalHeaders: HeaderBag, _payloadHash: string): string {
    this.canonicalRequest = super.createCanonicalRequest(request, canonicalHeaders, this.payloadHash);
    return this.canonicalRequest;
  }

  protected override async createStringToSign(longDate: string, scope: string, canonicalRequest: string, algorithm: string): Promise<string> {
    this.stringToSign = await super.createStringToSign(longDate, scope, canonicalRequest, algorithm);
    return this.stringToSign;
  }
}

export async function recomputeSignature(input: SignatureInput): Promise<RecomputedSignature> {
  const signer = new ExplainingSigner(
    {
      service: input.service,
      region: input.region,
      credentials: input.credentials,
      sha256: Sha256,
      uriEscapePath: input.service !== "s3",
      // The received headers are complete: nothing may be added to them.
      applyChecksum: false
    },
    input.payloadHash
  );
  const signed = new Set(input.signedHeaders);
  const headers: HeaderBag = {};
  for (const [name, value] of input.headers) if (name !== "authorization") headers[name] = value;
  const unsigned = new Set([...input.headers.keys()].filter((name) => !signed.has(name)));
  const request: HttpRequest = {
    method: input.method,
    protocol: "https:",
    hostname: input.headers.get("host") ?? "",
    path: input.path,
    query: queryBag(input.query),
    headers,
    body: undefined
  };
  if (input.presign) {
    const presigned = await signer.presign(request, {
      signingDate: input.signingDate,
      expiresIn: input.presign.expiresIn,
      signableHeaders: signed,
      unsignableHeaders: unsigned,
      unhoistableHeaders: new Set(input.headers.keys())
    });
    return explained(signer, String(presigned.query?.["X-Amz-Signature"]));
  }
  const result = await signer.sign(request, { signingDate: input.signingDate, signableHeaders: signed, unsignableHeaders: unsigned });
  const authorization = String(result.headers.authorization);
  return explained(signer, /Signature=([0-9a-f]{64})/.exec(authorization)?.[1] ?? "");
}

function explained(signer: ExplainingSigner, signature: string): RecomputedSignature {
  return { signature, canonicalRequest: signer.canonicalRequest, stringToSign: signer.stringToSign };
}

function queryBag(pairs: [string, string][]): QueryParameterBag {
  const bag: QueryParameterBag = Object.create(null);
  for (const [name, value] of pairs) {
    const previous = bag[name];
    bag[name] = previous === undefined || previous === null ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return bag;
}

/** "41 57 53" for "AWS": AWS's StringToSignBytes / CanonicalRequestBytes. */
export function spacedHex(text: string): string {
  return [...Buffer.from(text, "utf8")].map((b) => b.toString(16).padStart(2, "0")).join(" ");
}

/**
 * HMAC-SHA256 of a string to sign with the SigV4 signing key of the
 * credentials, date, region and service (smithy derives the key): the
 * signature of one aws-chunked chunk or trailer.
 */
export async function signStringToSign(
  stringToSign: string,
  input: Pick<SignatureInput, "service" | "region" | "credentials" | "signingDate">
): Promise<string> {
  const signer = new SignatureV4({ service: input.service, region: input.region, credentials: input.credentials, sha256: Sha256 });
  return signer.sign(stringToSign, { signingDate: input.signingDate, signingRegion: input.region, signingService: input.service });
}

// The wire shapes of AssumeRoleWithWebIdentity answers. XML is what STS
// documents for the query protocol; JSON is what it sends to a client whose
// Accept header asks for application/json (relied on by Envoy's provider),
// where Credentials.Expiration is epoch seconds as a JSON number that the
// live service writes in Java's scientific notation (1.764012345E9).

import type { StsError } from "./sts-errors";

const XML_NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

export type ExpirationNotation = "plain" | "scientific";

export interface AssumeRoleResult {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  subjectFromWebIdentityToken: string;
  assumedRoleArn: string;
  assumedRoleId: string;
  provider: string;
  audience: string;
  sourceIdentity: string | null;
}

export interface RenderedBody {
  contentType: string;
  body: string;
}

export function renderResult(result: AssumeRoleResult, requestId: string, json: boolean, notation: ExpirationNotation): RenderedBody {
  return json ? resultJson(result, requestId, notation) : resultXml(result, requestId);
}

export function renderError(error: StsError, requestId: string, json: boolean): RenderedBody {
  if (json) {
    return {
      contentType: "application/json",
      body: JSON.stringify({ Error: { Code: error.code, Message: error.message, Type: error.type }, RequestId: requestId })
    };
  }
  return {
    contentType: "text/xml",
    body:
      `<ErrorResponse xmlns="${XML_NAMESPACE}">\n` +
      `  <Error>\n    <Type>${error.type}</Type>\n    <Code>${escapeXml(error.code)}</Code>\n` +
      `    <Message>${escapeXml(error.message)}</Message>\n  </Error>\n` +
      `  <RequestId>${requestId}</RequestId>\n</ErrorResponse>\n`
  };
}

function resultXml(r: AssumeRoleResult, requestId: string): RenderedBody {
  const sourceIdentity = r.sourceIdentity === null ? "" : `    <SourceIdentity>${escapeXml(r.sourceIdentity)}</SourceIdentity>\n`;
  return {
    contentType: "text/xml",
    body:
      `<AssumeRoleWithWebIdentityResponse xmlns="${XML_NAMESPACE}">\n` +
      `  <AssumeRoleWithWebIdentityResult>\n` +
      `    <SubjectFromWebIdentityToken>${escapeXml(r.subjectFromWebIdentityToken)}</SubjectFromWebIdentityToken>\n` +
      `    <Audience>${escapeXml(r.audience)}</Audience>\n` +
      `    <AssumedRoleUser>\n` +
      `      <Arn>${escapeXml(r.assumedRoleArn)}</Arn>\n` +
      `      <AssumedRoleId>${escapeXml(r.assumedRoleId)}</AssumedRoleId>\n` +
      `    </AssumedRoleUser>\n` +
      `    <Credentials>\n` +
      `      <SessionToken>${escapeXml(r.sessionToken)}</SessionToken>\n` +
      `      <SecretAccessKey>${escapeXml(r.secretAccessKey)}</SecretAccessKey>\n` +
      `      <Expiration>${isoSeconds(r.expiresAt)}</Expiration>\n` +
      `      <AccessKeyId>${escapeXml(r.accessKeyId)}</AccessKeyId>\n` +
      `    </Credentials>\n` +
      sourceIdentity +
      `    <Provider>${escapeXml(r.provider)}</Provider>\n` +
      `  </AssumeRoleWithWebIdentityResult>\n` +
      `  <ResponseMetadata>\n    <RequestId>${requestId}</RequestId>\n  </ResponseMetadata>\n` +
      `</AssumeRoleWithWebIdentityResponse>\n`
  };
}

function resultJson(r: AssumeRoleResult, requestId: string, notation: ExpirationNotation): RenderedBody {
  // JSON.stringify cannot write 1.764012345E9, so the number goes in through a placeholder.
  const placeholder = "__EXPIRATION_SECONDS__";
  const document = {
    AssumeRoleWithWebIdentityResponse: {
      AssumeRoleWithWebIdentityResult: {
        AssumedRoleUser: { Arn: r.assumedRoleArn, AssumedRoleId: r.assumedRoleId },
        Audience: r.audience,
        Credentials: {
          AccessKeyId: r.accessKeyId,
          Expiration: placeholder,
          SecretAccessKey: r.secretAccessKey,
          SessionToken: r.sessionToken
        },
        PackedPolicySize: null,
        Provider: r.provider,
        SourceIdentity: r.sourceIdentity,
        SubjectFromWebIdentityToken: r.subjectFromWebIdentityToken
      },
      ResponseMetadata: { RequestId: requestId }
    }
  };
  const seconds = Math.floor(r.expiresAt / 1000);
  const number = notation === "scientific" ? javaScientific(seconds) : String(seconds);
  return { contentType: "application/json", body: JSON.stringify(document).replace(`"${placeholder}"`, number) };
}

/** 1764012345 → "1.764012345E9", 1764012000 → "1.764012E9": how Java's Double.toString writes large doubles. */
export function javaScientific(integer: number): string {
  const digits = String(Math.trunc(Math.abs(integer)));
  const fraction = digits.slice(1).replace(/0+$/, "") || "0";
  return `${integer < 0 ? "-" : ""}${digits[0]}.${fraction}E${digits.length - 1}`;
}

/** ISO 8601 without milliseconds, as STS writes Expiration in XML. */
function isoSeconds(epochMillis: number): string {
  return new Date(Math.floor(epochMillis / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

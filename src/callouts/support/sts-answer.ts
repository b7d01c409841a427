// Reads an AssumeRoleWithWebIdentity answer. The flow asks for JSON
// (Accept: application/json), where Credentials.Expiration is epoch seconds,
// possibly in Java's scientific notation (1.764012345E9, which JSON.parse
// reads as a number); STS's documented XML is read too, with Expiration in
// ISO 8601. Errors come as {"Error":{"Code","Message"}} or <Error><Code>.

import { parseIso } from "./iso-time";

export interface StsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

export interface StsAnswer {
  /** HTTP status; 0 when no response arrived. */
  status: number;
  credentials: StsCredentials | null;
  /** STS's error code, or one of ours: HTTP<status>, MalformedResponse, Timeout, NetworkError. */
  code: string;
  message: string;
}

/** Epoch seconds (number or numeric text; milliseconds tolerated) or ISO 8601, as epoch milliseconds. */
export function expirationMillis(value: unknown): number {
  if (typeof value === "string" && !/^[\d.eE+-]+$/.test(value)) return parseIso(value);
  var n = Number(value);
  if (isNaN(n) || n <= 0) return NaN;
  return n > 1e11 ? n : Math.round(n * 1000);
}

function credentials(accessKeyId: unknown, secret: unknown, token: unknown, expiration: unknown): StsCredentials | null {
  if (typeof accessKeyId !== "string" || accessKeyId === "" || typeof secret !== "string" || secret === "") return null;
  var expiresAt = expirationMillis(expiration);
  if (isNaN(expiresAt)) return null;
  return { accessKeyId: accessKeyId, secretAccessKey: secret, sessionToken: typeof token === "string" ? token : "", expiresAt: expiresAt };
}

function fromJson(status: number, doc: any): StsAnswer {
  var result = doc && doc.AssumeRoleWithWebIdentityResponse && doc.AssumeRoleWithWebIdentityResponse.AssumeRoleWithWebIdentityResult;
  var c = result && result.Credentials;
  if (c) return answer(status, credentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken, c.Expiration), "", "");
  var error = (doc && doc.Error) || {};
  var code = error.Code || (doc && typeof doc.__type === "string" ? doc.__type.replace(/^.*#/, "") : "");
  return answer(status, null, String(code || ""), String(error.Message || (doc && (doc.message || doc.Message)) || ""));
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, String.fromCharCode(34))
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, function (_m: string, d: string) {
      return String.fromCharCode(Number(d));
    })
    .replace(/&amp;/g, "&");
}

/** The text of the first <name> element (no namespace prefix) in `xml`, or null. */
function xmlText(xml: string, name: string): string | null {
  var m = new RegExp("<" + name + "(\\s[^>]*)?>([^<]*)</" + name + ">").exec(xml);
  return m ? unescapeXml(m[2]).replace(/^\s+|\s+$/g, "") : null;
}

function fromXml(status: number, xml: string): StsAnswer {
  var block = /<Credentials(\s[^>]*)?>([\s\S]*?)<\/Credentials>/.exec(xml);
  if (block) {
    var c = block[2];
    return answer(status, credentials(xmlText(c, "AccessKeyId"), xmlText(c, "SecretAccessKey"), xmlText(c, "SessionToken"), xmlText(c, "Expiration")), "", "");
  }
  return answer(status, null, xmlText(xml, "Code") || "", xmlText(xml, "Message") || "");
}

function answer(status: number, creds: StsCredentials | null, code: string, message: string): StsAnswer {
  if (status === 200 && creds !== null) return { status: status, credentials: creds, code: "", message: "" };
  if (code === "") code = status === 200 ? "MalformedResponse" : "HTTP" + status;
  return { status: status, credentials: null, code: code, message: message };
}

export function parseStsAnswer(status: number, body: string): StsAnswer {
  var text = body.replace(/^\s+/, "");
  if (text.charAt(0) === "{") {
    var doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (e) {
      return answer(status, null, "", "");
    }
    return fromJson(status, doc);
  }
  if (text.charAt(0) === "<") return fromXml(status, text);
  return answer(status, null, "", "");
}

/** No answer at all: the request timed out or could not be sent. */
export function transportFailure(code: string, message: string): StsAnswer {
  return { status: 0, credentials: null, code: code, message: message };
}

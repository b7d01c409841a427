// HTTP and URL rules. Each check returns null when the value is valid, or a
// sentence saying what is wrong and what is expected.

/** RFC 9110 token: the characters a header field name may use. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Headers the signing step or Apigee sets; an intent that set them would break the signature or the message. */
const RESERVED_HEADERS = ["host", "authorization", "content-length", "transfer-encoding", "connection"];

export function headerNameProblem(name: string): string | null {
  if (!TOKEN.test(name)) return `header name '${name}' is not an HTTP token: use letters, digits and ! # $ % & ' * + . ^ _ \` | ~ - (no spaces or ':')`;
  const lower = name.toLowerCase();
  if (RESERVED_HEADERS.includes(lower) || lower.startsWith("x-amz-")) {
    return `header '${name}' is set by SigV4 signing or by Apigee and cannot be set here; remove it`;
  }
  return null;
}

export function headerValueProblem(value: string): string | null {
  const bad = value.match(/[\u0000-\u0008\u000a-\u001f\u007f]/);
  if (bad) return `header value contains a control character (U+${bad[0].charCodeAt(0).toString(16).padStart(4, "0").toUpperCase()}); header values are one line of text`;
  return null;
}

export interface HttpsUrlRules {
  /** What the URL is, for messages: "the JWT issuer". */
  what: string;
  allowQuery: boolean;
}

/** An absolute https URL with a host, without credentials or fragment. */
export function httpsUrlProblem(value: string, rules: HttpsUrlRules): string | null {
  const expected = `${rules.what} must be an https URL such as https://auth.example.com/`;
  if (!value.startsWith("https://")) return `${expected}, found '${value}'`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${expected}; '${value}' is not a valid URL`;
  }
  if (url.hostname === "") return `${expected}; '${value}' has no host`;
  if (url.username !== "" || url.password !== "") return `${rules.what} must not contain a user name or password`;
  if (value.includes("#")) return `${rules.what} must not have a fragment ('#...')`;
  if (!rules.allowQuery && value.includes("?")) return `${rules.what} must not have a query ('?...')`;
  return null;
}

/** A CORS origin: '*' or scheme://host[:port] exactly as browsers send it in Origin. */
export function originProblem(origin: string): string | null {
  if (origin === "*") return null;
  const match = origin.match(/^(https?):\/\/([^/:?#]+)(:\d{1,5})?$/);
  if (!match) return `'${origin}' is not an origin: expected scheme://host[:port] such as https://app.example.com (no path and no trailing '/'), or '*'`;
  if (origin !== origin.toLowerCase()) return `origin '${origin}' has uppercase letters; browsers send it lowercase: write '${origin.toLowerCase()}'`;
  // Browsers send an internationalised host in its ASCII (punycode) form, so only that form can ever match.
  if (!/^[a-z0-9.-]+$/.test(match[2])) return `origin '${origin}' has a host with characters other than letters, digits, '.' and '-'; write an internationalised host in its xn-- (punycode) form, as browsers send it`;
  return null;
}

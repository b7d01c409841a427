// Which URLs reach AWS. URLs in bundles are often message templates
// (https://ssm.{region}.amazonaws.com/), so a `{...}` part stands for one
// unknown DNS label; a host that is wholly a variable is unknown, not AWS.

export interface UrlParts {
  scheme: string;
  /** Lower-case host, each `{...}` replaced by "{}". */
  host: string;
  /** Everything after the host (port included). */
  rest: string;
}

export type AwsEndpointKind = "s3" | "s3-website" | "sts" | "aws";

/** Scheme, host and the rest of an absolute URL or URL template; null when it is not one. */
export function parseUrlTemplate(text: string): UrlParts | null {
  const match = /^\s*([a-zA-Z][a-zA-Z0-9+.-]*):\/\/(.*)$/s.exec(text);
  if (!match) return null;
  const after = match[2];
  let depth = 0;
  let end = after.length;
  for (let i = 0; i < after.length; i++) {
    const c = after[i];
    if (c === "{") depth++;
    else if (c === "}") depth = Math.max(0, depth - 1);
    else if (depth === 0 && (c === "/" || c === "?" || c === "#")) {
      end = i;
      break;
    }
  }
  let authority = after.slice(0, end);
  const at = authority.lastIndexOf("@");
  if (at >= 0) authority = authority.slice(at + 1);
  const port = /:(\d+|\{[^}]*\})$/.exec(authority);
  const host = (port ? authority.slice(0, port.index) : authority).replace(/\{[^}]*\}/g, "{}").toLowerCase().replace(/\.$/, "");
  return { scheme: match[1].toLowerCase(), host, rest: (port ? port[0] : "") + after.slice(end) };
}

const AWS_SUFFIXES = [".amazonaws.com", ".amazonaws.com.cn", ".api.aws"];

/** The kind of AWS endpoint a host is, or null when it is not (or not knowably) AWS. */
export function awsEndpointKind(host: string): AwsEndpointKind | null {
  const suffix = AWS_SUFFIXES.find((s) => host.endsWith(s));
  if (!suffix) return null;
  const labels = host.slice(0, host.length - suffix.length).split(".");
  if (labels.length === 0 || labels.every((l) => l === "{}" || l === "")) return null;
  if (labels.some((l) => l.startsWith("s3-website"))) return "s3-website";
  if (labels.some(isS3ObjectLabel)) return "s3";
  if (/^sts(-fips)?$/.test(labels[0])) return "sts";
  return "aws";
}

/** s3, s3-<region>, s3-fips, s3-accelerate, s3-accesspoint, s3-object-lambda, ... but not S3 Control. */
function isS3ObjectLabel(label: string): boolean {
  return label === "s3" || (label.startsWith("s3-") && !label.startsWith("s3-control"));
}

/** The AWS endpoint kind of a URL (template), or null. */
export function awsKindOfUrl(url: string): AwsEndpointKind | null {
  const parts = parseUrlTemplate(url);
  return parts ? awsEndpointKind(parts.host) : null;
}

/** A presigned URL carries its signature in the query string. */
export function isPresignedUrl(url: string): boolean {
  return /[?&]X-Amz-Signature=/i.test(url);
}

// AWS naming rules. Each check returns null when the value is valid, or a
// sentence saying what is wrong and what is expected.

import { ENV_PLACEHOLDER } from "./model";

/**
 * General purpose bucket naming rules, from the S3 User Guide
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html).
 */
export function bucketNameProblem(bucket: string): string | null {
  const expected = "a bucket name is 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit";
  if (bucket.length < 3 || bucket.length > 63) return `bucket name '${bucket}' has ${bucket.length} characters: ${expected}`;
  const bad = bucket.match(/[^a-z0-9.-]/);
  if (bad) return `bucket name '${bucket}' contains '${bad[0]}'${/[A-Z]/.test(bad[0]) ? " (uppercase)" : ""}: ${expected}`;
  if (!/^[a-z0-9].*[a-z0-9]$/.test(bucket)) return `bucket name '${bucket}' must start and end with a letter or digit`;
  if (bucket.includes("..")) return `bucket name '${bucket}' contains two adjacent dots, which S3 does not allow`;
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(bucket)) return `bucket name '${bucket}' is formatted as an IP address, which S3 does not allow`;
  for (const prefix of ["xn--", "sthree-", "amzn-s3-demo-"]) {
    if (bucket.startsWith(prefix)) return `bucket name '${bucket}' starts with '${prefix}', a prefix S3 reserves`;
  }
  for (const suffix of ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"]) {
    if (bucket.endsWith(suffix)) return `bucket name '${bucket}' ends with '${suffix}', a suffix S3 reserves for access point aliases, Multi-Region Access Points, directory and table buckets; give the general purpose bucket's name`;
  }
  // S3 allows dots, but the proxies reach a bucket at https://BUCKET.s3.REGION.amazonaws.com, and the
  // certificate for *.s3.REGION.amazonaws.com covers a single label: a dotted name fails TLS.
  if (bucket.includes(".")) return `bucket name '${bucket}' contains '.', which S3 allows but virtual-hosted HTTPS does not (the certificate *.s3.REGION.amazonaws.com covers one label): use a bucket whose name has no dots`;
  return null;
}

/**
 * A key prefix granted by the IAM policy: "" (the whole bucket) or segments
 * each ending in "/"; a segment may be {env}, the environment's name. Wildcard and variable characters are refused because
 * IAM would read them in the policy's resource ARN and widen the grant.
 */
export function prefixProblem(prefix: string): string | null {
  if (prefix === "") return null;
  if (prefix.startsWith("/")) return `prefix '${prefix}' starts with '/': write s3://bucket/prefix/ with a single slash after the bucket`;
  if (!prefix.endsWith("/")) return `prefix '${prefix}' must end with '/' (e.g. '${prefix}/'), so the grant covers that folder and not every key that merely starts with '${prefix}'`;
  if (prefix.includes("//")) return `prefix '${prefix}' contains '//' (an empty segment): remove the extra slash`;
  // S3 keys are at most 1,024 bytes of UTF-8, and a key under the prefix needs at least one more.
  if (Buffer.byteLength(prefix, "utf8") > 1023) return `prefix is ${Buffer.byteLength(prefix, "utf8")} bytes; S3 keys are at most 1024 bytes, so a prefix may be at most 1023`;
  const segments = prefix.slice(0, -1).split("/");
  if (segments.some((s) => s === "." || s === "..")) return `prefix '${prefix}' contains a '.' or '..' segment; write the folder path literally`;
  const bad = prefix.match(/[*?$#%\\\s\u0000-\u001f\u007f]/);
  if (bad) return `prefix '${prefix}' contains ${prefixCharacterReason(bad[0])}. Use letters, digits and - _ . ! ' ( ) = @ + , : in folder names`;
  // {env} (the environment's name) may be a whole folder; any other brace is a typo.
  if (segments.some((s) => s !== ENV_PLACEHOLDER && /[{}]/.test(s))) return `prefix '${prefix}' has a '{' or '}' outside the placeholder ${ENV_PLACEHOLDER}, which may only be a whole folder name (e.g. s3://bucket/${ENV_PLACEHOLDER}/data/)`;
  return null;
}

function prefixCharacterReason(c: string): string {
  if (c === "*" || c === "?") return `'${c}', an IAM wildcard: in the policy it would widen the grant to other folders`;
  if (c === "$") return "'$', which starts an IAM policy variable (${...}) in the policy";
  if (/[\s\u0000-\u001f\u007f]/.test(c)) return `a space or control character (U+${c.charCodeAt(0).toString(16).padStart(4, "0").toUpperCase()})`;
  return `'${c}', which is not usable in the target URL`;
}

export function accountIdProblem(account: string): string | null {
  return /^\d{12}$/.test(account) ? null : `expected a 12-digit AWS account ID such as 123456789012, found '${account}' (quote it if it starts with 0)`;
}

/**
 * The form of a region code (us-east-1, eu-central-1, us-gov-west-1,
 * cn-north-1, eusc-de-east-1): checked by form, not against a list, so new
 * regions work without an update.
 */
const REGION = /^[a-z]{2,4}(?:-[a-z]+){1,2}-[1-9][0-9]?$/;

export function regionProblem(region: string): string | null {
  if (REGION.test(region)) return null;
  const expected = "expected an AWS region code such as us-east-1, eu-central-1 or us-gov-west-1";
  if (/^[a-z]{2,4}(?:-[a-z]+){1,2}-[1-9][0-9]?[a-z]$/.test(region)) return `'${region}' is an availability zone; ${expected}: '${region.slice(0, -1)}'`;
  const lower = region.toLowerCase().replace(/_/g, "-").replace(/([a-z])(\d+)$/, "$1-$2");
  if (lower !== region && REGION.test(lower)) return `${expected}. Did you mean '${lower}'?`;
  return `${expected}, found '${region}'`;
}

/**
 * aws.region: the IAM documents are written with arn:aws: ARNs (the commercial
 * partition), so a region of another partition would give roles AWS refuses.
 */
export function commercialRegionProblem(region: string): string | null {
  const problem = regionProblem(region);
  if (problem !== null) return problem;
  const partition = partitionOf(region);
  return partition === "aws" ? null : `region '${region}' is in the ${partition} partition; apigee-aws writes arn:aws: (commercial partition) documents only, so use a commercial region`;
}

/** The ARN partition a region belongs to. */
export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  if (region.startsWith("eusc-")) return "aws-eusc";
  const iso = region.match(/^[a-z]{2}-iso([a-z]?)-/);
  if (iso) return iso[1] === "" ? "aws-iso" : `aws-iso-${iso[1]}`;
  return "aws";
}

/** IAM RoleName: 1 to 64 of [A-Za-z0-9_+=,.@-] (IAM API reference, CreateRole). */
export function roleNameProblem(name: string): string | null {
  if (name.length === 0 || name.length > 64) return `role name '${name}' has ${name.length} characters; IAM role names are 1 to 64 characters`;
  const bad = name.match(/[^\w+=,.@-]/);
  if (bad) return `role name '${name}' contains '${bad[0]}'; IAM role names use only letters, digits and _ + = , . @ -`;
  return null;
}

export interface RoleArnParts {
  partition: string;
  account: string;
  name: string;
}

const ROLE_ARN = /^arn:([a-z-]+):iam::(\d{12}):role\/(.+)$/;

export function isRoleArnLike(value: string): boolean {
  return value.startsWith("arn:");
}

/** Parses arn:PARTITION:iam::ACCOUNT:role/NAME; returns a problem string when it is not one. */
export function parseRoleArn(arn: string): RoleArnParts | string {
  const match = arn.match(ROLE_ARN);
  if (!match) return `'${arn}' is not an IAM role ARN; expected arn:aws:iam::123456789012:role/NAME, or just the role name`;
  const [, partition, account, rest] = match;
  if (rest.includes("/")) return `role ARN '${arn}' has a path; role paths are not supported here: give a role without a path, or just its name`;
  return { partition, account, name: rest };
}

/**
 * SSM parameter names (SSM API reference, PutParameter): letters, digits and
 * _ . - ; '/' separates hierarchy levels and a hierarchical name starts with
 * '/'; at most 15 levels and 1011 characters. The 'aws'/'ssm' prefix rule
 * applies to creating parameters, not reading them (/aws/reference/... is
 * readable), so it is not checked.
 */
export function ssmParameterProblem(name: string): string | null {
  const expected = "expected an SSM parameter name such as /apigee/prod/api-key";
  if (name.length === 0) return `${expected}, found nothing after 'ssm:'`;
  if (name.length > 1011) return `SSM parameter name has ${name.length} characters; the limit is 1011`;
  const bad = name.match(/[^A-Za-z0-9_.\-/]/);
  if (bad) return `SSM parameter name '${name}' contains '${bad[0]}'; names use only letters, digits, _ . - and '/' between levels`;
  if (name.includes("/")) {
    if (!name.startsWith("/")) return `SSM parameter name '${name}' has levels but does not start with '/': write '/${name}'`;
    if (name.endsWith("/")) return `SSM parameter name '${name}' ends with '/': name the parameter, not its folder`;
    if (name.includes("//")) return `SSM parameter name '${name}' contains '//' (an empty level): remove the extra slash`;
    const levels = name.split("/").length - 1;
    if (levels > 15) return `SSM parameter name '${name}' has ${levels} levels; SSM allows at most 15`;
  }
  return null;
}

/** A SigV4 signing name, e.g. lambda, execute-api, es, ssm. */
export function signingServiceProblem(service: string): string | null {
  return /^[a-z0-9][a-z0-9-]*$/.test(service) ? null : `expected a SigV4 signing name such as lambda, execute-api or ssm (lowercase letters, digits, hyphens), found '${service}'`;
}

/** Hosts that belong to AWS: signed requests are sent only there. */
const AWS_HOST_SUFFIXES = [".amazonaws.com", ".amazonaws.com.cn", ".api.aws", ".on.aws"];

export function isAwsHost(host: string): boolean {
  return AWS_HOST_SUFFIXES.some((suffix) => host.endsWith(suffix) && host.length > suffix.length);
}

export function awsHostProblem(host: string): string | null {
  return isAwsHost(host)
    ? null
    : `host '${host}' is not an AWS endpoint: requests signed with the role's credentials are only sent to hosts ending in ${AWS_HOST_SUFFIXES.join(", ")}`;
}

/** The region named in an AWS endpoint host (lambda.eu-west-1.amazonaws.com → eu-west-1), if any. */
export function regionInHost(host: string): string | null {
  for (const label of host.split(".")) if (REGION.test(label)) return label;
  return null;
}

// Where a proxy's bucket lives: the virtual-hosted-style endpoint in the
// intent's region, the host SigV4 signs.

import type { Intent, ProxyIntent, S3Target } from "../../intent/model";
import { GeneratorError, proxyError } from "../errors";

// S3's bucket naming rules (general purpose buckets): 3-63 characters, lowercase
// letters, digits, dots and hyphens, starting and ending with a letter or digit.
// Dotted names break virtual-hosted TLS (the wildcard certificate has one label).
const BUCKET = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-[0-9]+$/;

export function s3Endpoint(intent: Intent, proxy: ProxyIntent, target: S3Target): string {
  if (!BUCKET.test(target.bucket)) {
    throw proxyError(proxy, `bucket "${target.bucket}" must be 3 to 63 lowercase letters, digits and hyphens (dotted bucket names do not work with virtual-hosted HTTPS)`);
  }
  if (!REGION.test(intent.aws.region)) throw new GeneratorError(`${intent.file}: aws.region "${intent.aws.region}" is not a region name such as us-east-1`);
  if (target.prefix !== "" && !target.prefix.endsWith("/")) throw proxyError(proxy, `prefix "${target.prefix}" must be empty or end with "/"`);
  return `https://${target.bucket}.s3.${intent.aws.region}.amazonaws.com`;
}

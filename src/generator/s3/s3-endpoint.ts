// Where a proxy's bucket lives: the virtual-hosted-style endpoint in the
// intent's region, the host SigV4 signs.

// (The intent reader refuses dotted bucket names: the wildcard certificate
// *.s3.REGION.amazonaws.com covers one label.)

import type { S3Target } from "../../intent/model";

export function s3Endpoint(region: string, target: S3Target): string {
  return `https://${target.bucket}.s3.${region}.amazonaws.com`;
}

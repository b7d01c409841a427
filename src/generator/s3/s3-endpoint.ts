// Where a proxy's bucket lives: the virtual-hosted-style endpoint in the
// environment's region, the host SigV4 signs. JS-S3-Key builds target.url
// from it (src/callouts/s3-key.ts); a JavaScript policy's properties are
// fixed strings, so what differs per environment is written as a template the
// callout fills in at run time: {env} (a bucket naming the environment) is
// environment.name, as in the prefix, and {propertyset.apigeeaws.<proxy>.region}
// is that flow variable, when the environments' regions differ. The bundle's
// bytes stay the same in every environment either way.

// (The intent reader refuses dotted bucket names: the wildcard certificate
// *.s3.REGION.amazonaws.com covers one label.)

import type { S3Target } from "../../intent/model";
import type { BundleValue } from "../../plan/model";

/** https://BUCKET.s3.REGION.amazonaws.com, with {env} and {<region variable>} left for s3-key.js. */
export function s3Endpoint(region: BundleValue, target: S3Target): string {
  return `https://${target.bucket}.s3.${"value" in region ? region.value : `{${region.ref}}`}.amazonaws.com`;
}

/**
 * The TargetEndpoint's own URL, which AM-S3-TargetUrl always replaces with
 * target.url: the endpoint itself while it is the same in every environment
 * (so such bundles read as before); otherwise S3's global endpoint, a real
 * URL that names no environment's bucket, since the template's braces are
 * not a URL.
 */
export function s3ConnectionUrl(endpoint: string): string {
  return endpoint.includes("{") ? "https://s3.amazonaws.com" : endpoint;
}

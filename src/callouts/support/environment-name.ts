// {env} in what a bundle passes (an S3 prefix or bucket, an SSM parameter
// name) is the Apigee environment the request runs in, so one bundle reaches
// each environment's own folder, bucket and parameters (and each
// environment's role is granted only those).

import { readString } from "./flow";

var ENV_PLACEHOLDER = "{env}";

export function withEnvironment(text: string): string {
  if (text.indexOf(ENV_PLACEHOLDER) < 0) return text;
  return text.split(ENV_PLACEHOLDER).join(readString("environment.name") || "");
}

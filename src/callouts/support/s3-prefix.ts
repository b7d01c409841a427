// The proxy's S3 prefix as the JavaScript policy's `prefix` property gives it,
// with {env} replaced by the Apigee environment the request runs in, so one
// bundle serves each environment's own folder (and each environment's role
// is granted only that folder).

import { readString } from "./flow";

var ENV_PLACEHOLDER = "{env}";

export function environmentPrefix(prefix: string): string {
  if (prefix.indexOf(ENV_PLACEHOLDER) < 0) return prefix;
  return prefix.split(ENV_PLACEHOLDER).join(readString("environment.name") || "");
}

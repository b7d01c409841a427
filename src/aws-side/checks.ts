// What the AWS documents need from the intent beyond its type: values that
// end up inside ARNs, IAM names and file paths. The intent parser validates
// the file; these checks repeat only what would otherwise produce a document
// IAM refuses, a policy that grants more than it says, or a path outside the
// output folder, so an Intent built by other code fails here with a message
// that names the field and the fix.

import { UserError } from "../common/user-error";
import type { Intent, ProxyIntent } from "../intent/model";

/** "proxy builds (intent.yaml:12)": where a message points. */
export function where(proxy: ProxyIntent): string {
  return `proxy "${proxy.name}" (${proxy.location.file}:${proxy.location.line})`;
}

/** The documents write ARNs in the commercial partition ("arn:aws:"), as roleArn() in the intent model does. */
export function checkAccountAndRegion(intent: Intent): void {
  const { account, region } = intent.aws;
  if (!/^\d{12}$/.test(account)) throw new UserError(`aws.account "${account}" must be a 12-digit AWS account ID.`);
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) throw new UserError(`aws.region "${region}" is not an AWS region name such as "eu-west-1".`);
  if (/^(cn|us-gov|us-iso[a-z]*|eu-isoe)-/.test(region)) {
    throw new UserError(`aws.region "${region}" is outside the commercial partition; apigee-aws writes arn:aws: ARNs only, so use a commercial region.`);
  }
}

/** IAM role names: 1 to 64 of letters, digits and + = , . @ _ - . */
export function roleNameFor(proxy: ProxyIntent, env: string): string {
  const name = proxy.roles[env];
  if (name === undefined) throw new UserError(`${where(proxy)} has no IAM role name for environment "${env}"; add roles.${env} (default apigee-${proxy.name}-${env}).`);
  if (!/^[\w+=,.@-]{1,64}$/.test(name)) {
    throw new UserError(`${where(proxy)}: IAM role name "${name}" for "${env}" must be 1 to 64 letters, digits or + = , . @ _ - characters.`);
  }
  return name;
}

/** Environment and proxy names become folders of the output: one plain segment each. */
export function checkPathSegment(value: string, what: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(value) || value.length > 255) {
    throw new UserError(`${what} "${value}" cannot name an output folder: use letters, digits, ".", "_" and "-", starting with a letter or digit.`);
  }
}

export function checkEnvironment(intent: Intent, env: string): void {
  if (!intent.environments.includes(env)) {
    throw new UserError(`environment "${env}" is not one of the intent's environments (${intent.environments.join(", ") || "none"}).`);
  }
}

/**
 * IAM reads "*" and "?" in a Resource or StringLike value as wildcards, and
 * "${" as the start of a policy variable; none can be escaped without policy
 * variables, so a name containing one would grant more than it names.
 */
export function checkNoWildcards(value: string, what: string): void {
  if (/[*?]|\$\{/.test(value)) {
    throw new UserError(`${what} "${value}" contains "*", "?" or "\${", which IAM policies read as wildcards or variables; rename it without them.`);
  }
}

// How one bundle serves every environment: each environment has a property
// set named apigeeaws whose keys are <proxy>.<setting>, and the bundle reads
// them as propertyset.apigeeaws.<proxy>.<setting>. Only the values differ
// between environments (the role each environment assumes, in its own
// account; the region, when environments differ in it), so the same bundle is
// promoted from one environment to the next unchanged. What differs by name
// alone (a bucket, prefix or SSM parameter naming {env}) needs no key: the
// bundle resolves {env} from environment.name at run time.
//
// The set's name uses only letters: a "-" or "." in it would not survive the
// propertyset.NAME.KEY variable reference, and the management API's pattern
// for resource-file names has no "_". Keys may contain dots: everything after
// the set name is the key.

export const PROPERTY_SET_NAME = "apigeeaws";

/**
 * roleArn: the role the bundle signs its target requests with;
 * serviceAccount: the account it is deployed with, whose ID token it
 * presents in gateway mode; secretsRoleArn: caller mode's role for reading
 * SSM headers, assumed with that account; region: the environment's AWS
 * region, present only when the environments' regions differ.
 */
export type ProxySetting = "roleArn" | "serviceAccount" | "secretsRoleArn" | "region";

/** The key of a proxy's setting in the property set: "files.roleArn". */
export function propertyKey(proxyName: string, setting: ProxySetting): string {
  return `${proxyName}.${setting}`;
}

/** The flow variable a policy reads the setting from. */
export function propertyVariable(proxyName: string, setting: ProxySetting): string {
  return `propertyset.${PROPERTY_SET_NAME}.${propertyKey(proxyName, setting)}`;
}

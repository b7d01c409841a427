// The few pieces of HCL syntax the Terraform files are made of: quoted
// strings (with Terraform's escapes, and "${" / "%{" doubled so a name can
// never start an interpolation or directive), lists of them, and resource
// names.

import { createHash } from "node:crypto";

export function hclString(value: string): string {
  const escaped = value
    .replace(/\\/g, "\\\\")
    .replace(/"/g, '\\"')
    .replace(/\n/g, "\\n")
    .replace(/\r/g, "\\r")
    .replace(/\t/g, "\\t")
    .replace(/\$\{/g, () => "$${")
    .replace(/%\{/g, () => "%%{");
  return `"${escaped}"`;
}

export function hclList(values: string[]): string {
  return `[${values.map(hclString).join(", ")}]`;
}

/** A valid Terraform identifier: starts with a letter, then letters, digits, "_" and "-". */
export const HCL_IDENTIFIER = /^[A-Za-z][A-Za-z0-9_-]*$/;

/**
 * The resource name for a proxy's role in an environment. Readable and
 * stable: it depends on that pair only, so adding a proxy never renames
 * another's resources (which Terraform would destroy and recreate). When
 * both names are plain ([A-Za-z0-9-]) it is role_<proxy>_<env>, which no
 * other pair can produce since "_" is the separator; otherwise the
 * characters Terraform refuses become "_" and a hash of the exact pair keeps
 * it unique.
 */
export function roleResourceName(proxy: string, env: string): string {
  const plain = /^[A-Za-z0-9-]+$/;
  if (plain.test(proxy) && plain.test(env)) return `role_${proxy}_${env}`;
  return `role_${sanitize(proxy)}_${sanitize(env)}_${shortHash(`${proxy}\u0000${env}`)}`;
}

/** An OIDC provider's resource name: its host and path made safe, with a hash of the exact issuer. */
export function providerResourceName(issuer: string): string {
  return `oidc_${sanitize(issuer.replace(/^https:\/\//, ""))}_${shortHash(issuer)}`;
}

function sanitize(value: string): string {
  return value.replace(/[^A-Za-z0-9-]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 48);
}

function shortHash(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex").slice(0, 8);
}

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

/** The resource name of a service account: its account ID, which is unique in its project, with the project's hash. */
export function serviceAccountResourceName(email: string): string {
  const [accountId, domain] = email.split("@");
  return `sa_${sanitize(accountId)}_${shortHash(domain)}`;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * A JSON value as an HCL expression (for jsonencode), indented for its place
 * after `indent`. `substitute` turns a string into a reference written as is
 * (a resource attribute), or returns null to keep the string.
 */
export function hclJson(value: unknown, indent: string, substitute: (text: string) => string | null): string {
  const v = value as Json;
  if (typeof v === "string") return substitute(v) ?? hclString(v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (v === null) return "null";
  const inner = `${indent}  `;
  if (Array.isArray(v)) return v.length === 0 ? "[]" : `[\n${v.map((item) => `${inner}${hclJson(item, inner, substitute)}`).join(",\n")}\n${indent}]`;
  const keys = Object.keys(v).filter((k) => v[k] !== undefined);
  if (keys.length === 0) return "{}";
  const entries = keys.map((k): [string, string] => [HCL_IDENTIFIER.test(k) ? k : hclString(k), hclJson(v[k], inner, substitute)]);
  return `{\n${hclAttributes(entries, inner)}\n${indent}}`;
}

/**
 * `name = value` lines aligned as terraform fmt aligns them, so the files
 * pass `terraform fmt -check`: the equals signs of consecutive single-line
 * attributes line up; an attribute whose value spans lines stands alone and
 * ends the group.
 */
export function hclAttributes(entries: [string, string][], indent: string): string {
  const lines: string[] = [];
  let group: [string, string][] = [];
  const flush = () => {
    const width = Math.max(0, ...group.map(([name]) => name.length));
    for (const [name, value] of group) lines.push(`${indent}${name.padEnd(width)} = ${value}`);
    group = [];
  };
  for (const [name, value] of entries) {
    if (!value.includes("\n")) {
      group.push([name, value]);
      continue;
    }
    flush();
    lines.push(`${indent}${name} = ${value}`);
  }
  flush();
  return lines.join("\n");
}

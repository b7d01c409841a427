// Every file of the AWS side, by path relative to the output folder:
//   aws/<env>/<proxy>/trust-policy.json        who may assume the role
//   aws/<env>/<proxy>/permissions-policy.json  what the role may do (absent
//                                              when the intent determines
//                                              nothing: see permissionGaps)
//   aws/<env>/<proxy>/role.json                {name, maxSessionDuration, description}
//   aws/terraform/{main,outputs,variables}.tf  the same, as Terraform
// One folder per environment matches `apigee-aws dev --aws aws/<env>`, which
// reads <proxy>/trust-policy.json, permissions-policy.json and role.json.
// The map is ordered by path, and the same intent always gives the same bytes.

import { UserError } from "../common/user-error";
import type { Intent, ProxyIntent } from "../intent/model";
import { checkAccountAndRegion, checkPathSegment, roleNameFor, where } from "./checks";
import { permissionsPolicy } from "./permissions-policy";
import { byCodeUnit, policyJson, policySizeWithoutWhitespace, sortedJson } from "./policy-json";
import { terraformFiles, type TerraformRole } from "./terraform";
import { trustPolicy } from "./trust-policy";
import { callerJwt, GOOGLE_PROVIDER, oidcProviders, providerName, type OidcProvider } from "./web-identity";

/** AWS's default MaxSessionDuration, and the session aws-credentials asks for by default. */
export const MAX_SESSION_DURATION_SECONDS = 3600;
/** IAM's quotas, counted without whitespace: a trust policy (default quota) and a role's inline policies together. */
const TRUST_POLICY_LIMIT = 2048;
const INLINE_POLICIES_LIMIT = 10240;
const DESCRIPTION_LIMIT = 1000;

export function awsDocuments(intent: Intent): Map<string, string> {
  checkAccountAndRegion(intent);
  for (const env of intent.environments) checkPathSegment(env, "environment");
  for (const proxy of intent.proxies) checkPathSegment(proxy.name, "proxy name");
  checkUniqueNames(intent);
  const providers = oidcProviders(intent);
  const files = new Map<string, string>();
  const roles: TerraformRole[] = [];
  for (const env of [...intent.environments].sort(byCodeUnit)) {
    for (const proxy of [...intent.proxies].sort((a, b) => byCodeUnit(a.name, b.name))) {
      const role = roleFiles(intent, proxy, env, providers);
      for (const [path, content] of role.files) files.set(`aws/${path}`, content);
      roles.push(role.terraform);
    }
  }
  const terraform = terraformFiles({ account: intent.aws.account, region: intent.aws.region, providers, roles });
  for (const [name, content] of terraform) files.set(`aws/terraform/${name}`, content);
  return new Map([...files.entries()].sort(([a], [b]) => byCodeUnit(a, b)));
}

/** The description IAM shows for the role: what it is for and why it has (or lacks) permissions. */
export function roleDescription(intent: Intent, proxy: ProxyIntent, env: string, hasPermissions: boolean): string {
  const who =
    proxy.identity === "gateway"
      ? `assumed by the Apigee runtime service account ${intent.identity?.serviceAccount ?? ""}`.trimEnd()
      : `assumed with the API caller's JWT from ${proxy.auth.kind === "jwt" ? proxy.auth.jwt.issuer : "?"}`;
  const gap = hasPermissions ? "" : ` No permissions derived: attach a policy allowing only the ${proxy.target.kind === "aws" ? proxy.target.service : "AWS"} actions this proxy calls.`;
  const text = `apigee-aws: Apigee proxy ${proxy.name} in environment ${env}, ${who}.${gap}`;
  // IAM accepts tab, newline, carriage return and Latin-1 printable characters in a role description.
  return text.replace(/[^\t\n\r\u0020-\u007E\u00A1-\u00FF]/g, "?").slice(0, DESCRIPTION_LIMIT);
}

function roleFiles(intent: Intent, proxy: ProxyIntent, env: string, providers: OidcProvider[]): { files: [string, string][]; terraform: TerraformRole } {
  const name = roleNameFor(proxy, env);
  const trust = trustPolicy(intent, proxy, env);
  const permissions = permissionsPolicy(intent, proxy, env);
  checkSize(proxy, "trust policy", policySizeWithoutWhitespace(trust), TRUST_POLICY_LIMIT, "shorten the JWT issuer or audience");
  if (permissions) checkSize(proxy, "permissions policy", policySizeWithoutWhitespace(permissions), INLINE_POLICIES_LIMIT, "read fewer SSM parameters in it");

  const dir = `${env}/${proxy.name}`;
  const description = roleDescription(intent, proxy, env, permissions !== null);
  const files: [string, string][] = [
    [`${dir}/trust-policy.json`, policyJson(trust)],
    [`${dir}/role.json`, sortedJson({ name, maxSessionDuration: MAX_SESSION_DURATION_SECONDS, description })]
  ];
  if (permissions) files.push([`${dir}/permissions-policy.json`, policyJson(permissions)]);
  return {
    files,
    terraform: {
      env,
      proxy: proxy.name,
      name,
      description,
      maxSessionDuration: MAX_SESSION_DURATION_SECONDS,
      trustPolicyPath: `${dir}/trust-policy.json`,
      permissionsPolicyPath: permissions ? `${dir}/permissions-policy.json` : null,
      provider: providerFor(proxy, providers)
    }
  };
}

function providerFor(proxy: ProxyIntent, providers: OidcProvider[]): OidcProvider | null {
  if (proxy.identity !== "caller") return null;
  const name = providerName(callerJwt(proxy).issuer, proxy);
  return name === GOOGLE_PROVIDER ? null : (providers.find((p) => p.name === name) ?? null);
}

function checkSize(proxy: ProxyIntent, what: string, size: number, limit: number, fix: string): void {
  if (size > limit) {
    throw new UserError(`${where(proxy)}: its ${what} is ${size} characters without whitespace, over IAM's limit of ${limit}; ${fix}.`);
  }
}

/** Environment and proxy names are folders, and IAM role names are unique per account, case-insensitively. */
function checkUniqueNames(intent: Intent): void {
  const duplicateEnv = intent.environments.find((env, i) => intent.environments.indexOf(env) !== i);
  if (duplicateEnv !== undefined) throw new UserError(`environment "${duplicateEnv}" is listed twice in the intent; list each environment once.`);
  const proxies = new Set<string>();
  for (const proxy of intent.proxies) {
    if (proxies.has(proxy.name)) throw new UserError(`${where(proxy)}: another proxy has the same name; proxy names must be unique.`);
    proxies.add(proxy.name);
  }
  const roles = new Map<string, string>();
  for (const env of intent.environments) {
    for (const proxy of intent.proxies) {
      const name = roleNameFor(proxy, env);
      const owner = `${proxy.name} in ${env}`;
      const other = roles.get(name.toLowerCase());
      if (other !== undefined) {
        throw new UserError(`${where(proxy)}: IAM role name "${name}" for ${env} is also the role of ${other}; IAM role names are unique per account (ignoring case), so give each proxy and environment its own.`);
      }
      roles.set(name.toLowerCase(), owner);
    }
  }
}

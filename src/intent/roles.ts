// The IAM role each environment of a proxy assumes: `apigee-<proxy>-<env>`
// unless `role` says otherwise, as a string with an {env} placeholder, or a
// map {test: name, prod: name}. Names or full role ARNs in the intent's
// account are accepted; the model keeps names.

import { isMap, isScalar, Node, YAMLMap } from "yaml";
import { accountIdProblem, isRoleArnLike, parseRoleArn, partitionOf, regionProblem, roleNameProblem } from "./aws-names";
import { Field, MapView, readString, valueAnchor } from "./reader";
import { FieldPath } from "./problems";
import { YamlSource } from "./yaml-source";
import { ENV_PLACEHOLDER } from "./model";

export interface ProxyRoles {
  /** Environment → role name. */
  names: Record<string, string>;
  /** Environment → where the name came from, for messages about it. */
  anchors: Record<string, Node>;
}

export interface RoleContext {
  proxyName: string;
  proxyKey: Node;
  proxyPath: FieldPath;
  /** Undefined when `environments` is missing or invalid (already reported). */
  environments: readonly string[] | undefined;
  /** An environment's account and region, as far as they are valid: a role ARN must be in its environment's account. */
  placeOf: (env: string) => { account: string | undefined; region: string | undefined };
}

export { ENV_PLACEHOLDER };

export function defaultRoleName(proxy: string, env: string): string {
  return `apigee-${proxy}-${env}`;
}

export function readRoles(src: YamlSource, field: Field | undefined, ctx: RoleContext): ProxyRoles | undefined {
  if (ctx.environments === undefined) return undefined;
  if (field === undefined) return defaultRoles(src, ctx, ctx.environments);
  if (isMap(field.value) && isUnquotedPlaceholder(field.value)) {
    src.report(valueAnchor(field), field.path, `YAML reads an unquoted ${ENV_PLACEHOLDER} at the start of a value as a mapping: quote the role, e.g. role: '${ENV_PLACEHOLDER}-reader'`);
    return undefined;
  }
  if (isMap(field.value)) return mappedRoles(src, field, field.value, ctx, ctx.environments);
  const template = readString(src, field, `a role name, a name with ${ENV_PLACEHOLDER}, or a map {ENV: name}`);
  if (template === undefined) return undefined;
  return templatedRoles(src, field, template, ctx, ctx.environments);
}

/** `role: {env}` parses as the mapping {env: null}. */
function isUnquotedPlaceholder(node: YAMLMap): boolean {
  if (node.items.length !== 1) return false;
  const [pair] = node.items;
  return isScalar(pair.key) && pair.key.value === "env" && (pair.value === null || (isScalar(pair.value) && pair.value.value === null));
}

function defaultRoles(src: YamlSource, ctx: RoleContext, environments: readonly string[]): ProxyRoles | undefined {
  const roles: ProxyRoles = { names: {}, anchors: {} };
  for (const env of environments) {
    const name = defaultRoleName(ctx.proxyName, env);
    const problem = roleNameProblem(name);
    if (problem !== null) {
      src.report(ctx.proxyKey, [...ctx.proxyPath, "role"], `the default ${problem}: shorten the proxy name, or set 'role' (e.g. role: ${ctx.proxyName.slice(0, 20)}-${ENV_PLACEHOLDER})`);
      return undefined;
    }
    roles.names[env] = name;
    roles.anchors[env] = ctx.proxyKey;
  }
  return roles;
}

function templatedRoles(src: YamlSource, field: Field, template: string, ctx: RoleContext, environments: readonly string[]): ProxyRoles | undefined {
  const other = template.match(/\{(?!env\})[^}]*\}/);
  if (other) {
    src.report(valueAnchor(field), field.path, `unknown placeholder '${other[0]}' in role; the only placeholder is ${ENV_PLACEHOLDER}`);
    return undefined;
  }
  if (!template.includes(ENV_PLACEHOLDER) && environments.length > 1) {
    src.report(
      valueAnchor(field),
      field.path,
      `role '${template}' would be shared by environments ${environments.join(", ")}; each environment gets its own role: include ${ENV_PLACEHOLDER} (e.g. '${template}-${ENV_PLACEHOLDER}') or give a map {${environments.map((e) => `${e}: NAME`).join(", ")}}`
    );
    return undefined;
  }
  const roles: ProxyRoles = { names: {}, anchors: {} };
  for (const env of environments) {
    const name = resolveRole(src, field, template.split(ENV_PLACEHOLDER).join(env), env, ctx);
    if (name === undefined) return undefined;
    roles.names[env] = name;
    roles.anchors[env] = valueAnchor(field);
  }
  return roles;
}

function mappedRoles(src: YamlSource, field: Field, node: YAMLMap, ctx: RoleContext, environments: readonly string[]): ProxyRoles | undefined {
  const view = new MapView(src, node, field.path, environments);
  const roles: ProxyRoles = { names: {}, anchors: {} };
  let ok = true;
  for (const env of environments) {
    const envField = view.require(env, `the role for environment ${env} (every environment in 'environments' needs one)`);
    const text = envField === undefined ? undefined : readString(src, envField, "a role name or role ARN");
    const name = text === undefined || envField === undefined ? undefined : resolveRole(src, envField, text, env, ctx);
    if (name === undefined || envField === undefined) {
      ok = false;
      continue;
    }
    roles.names[env] = name;
    roles.anchors[env] = valueAnchor(envField);
  }
  return ok ? roles : undefined;
}

/** A role name, or the name inside a role ARN of the environment's account and partition. */
function resolveRole(src: YamlSource, field: Field, value: string, env: string, ctx: RoleContext): string | undefined {
  const report = (message: string): undefined => {
    src.report(valueAnchor(field), field.path, message);
    return undefined;
  };
  if (!isRoleArnLike(value)) {
    const problem = roleNameProblem(value);
    return problem === null ? value : report(problem);
  }
  const arn = parseRoleArn(value);
  if (typeof arn === "string") return report(arn);
  const nameProblem = roleNameProblem(arn.name);
  if (nameProblem !== null) return report(nameProblem);
  const { account, region } = ctx.placeOf(env);
  if (account !== undefined && accountIdProblem(account) === null && arn.account !== account) {
    return report(
      `role ARN '${value}' is in account ${arn.account}, but environment ${env}'s AWS account is ${account}; its role and policies are written for that account: use a role there, just the role name, or place ${env} in account ${arn.account} (aws.environments.${env}.account)`
    );
  }
  if (region !== undefined && regionProblem(region) === null && arn.partition !== partitionOf(region)) {
    return report(`role ARN '${value}' is in partition '${arn.partition}', but environment ${env}'s region ${region} is in '${partitionOf(region)}'`);
  }
  return arn.name;
}

// Where LookupCache, PopulateCache and InvalidateCache put an entry: the
// cache resource, and the key Apigee builds from <CacheKey> and <Scope>.
// Parts are joined with "__". Without a <Prefix>, the scope supplies one:
//   Global       org__env
//   Application  org__env__apiProxyName
//   Proxy        org__env__apiProxyName__revision__proxyEndpointName
//   Target       org__env__apiProxyName__revision__targetEndpointName
//   Exclusive    org__env__apiProxyName__revision__ the ProxyEndpoint or
//                TargetEndpoint running the policy (the default)
// The runner deploys every proxy as revision 1 of organization "local".

import type { ProblemList } from "../bundle/load-error";
import { allowOnly, child, childText, elements, lineOf, XmlNode } from "../bundle/xml";
import type { ExecutionContext } from "../execution/context";
import { resolveValue, valueSource, ValueSource } from "./values";

export const CACHE_SCOPES = ["Global", "Application", "Proxy", "Target", "Exclusive"] as const;
export type CacheScope = (typeof CACHE_SCOPES)[number];

/** The store used when a policy names no <CacheResource>: Apigee's included shared cache. */
export const SHARED_CACHE = "(shared cache)";

const DEPLOYED_REVISION = "1";

export interface CacheKeySpec {
  resource: string;
  scope: CacheScope;
  prefix: string | null;
  fragments: ValueSource[];
}

/** Reads <CacheResource>, <Scope> and <CacheKey> of a cache policy. */
export function readCacheKeySpec(policy: XmlNode, problems: ProblemList): CacheKeySpec {
  const resource = childText(policy, "CacheResource") || SHARED_CACHE;
  const scopeText = childText(policy, "Scope") || "Exclusive";
  const scope = CACHE_SCOPES.find((s) => s === scopeText);
  if (!scope) problems.add(policy.file, lineOf(child(policy, "Scope")!), `<Scope>${scopeText}</Scope> is not a cache scope (known: ${CACHE_SCOPES.join(", ")})`);
  const keyNode = child(policy, "CacheKey");
  if (!keyNode) {
    problems.add(policy.file, lineOf(policy), `<${policy.el.tagName}> has no <CacheKey>`);
    return { resource, scope: scope ?? "Exclusive", prefix: null, fragments: [] };
  }
  allowOnly(keyNode, problems, ["Prefix", "KeyFragment"]);
  const fragments = elements(keyNode, "KeyFragment").map((f) => {
    allowOnly(f, problems, [], ["ref"]);
    return valueSource(f)!;
  });
  const prefix = childText(keyNode, "Prefix") || null;
  if (!prefix && !fragments.length) problems.add(keyNode.file, lineOf(keyNode), "<CacheKey> has neither <Prefix> nor <KeyFragment>; the key would be empty");
  return { resource, scope: scope ?? "Exclusive", prefix, fragments };
}

function scopePrefix(ctx: ExecutionContext, scope: CacheScope): string {
  const v = (name: string) => ctx.getString(name) ?? "";
  const org = v("organization.name") || "local";
  const proxyBase = [org, v("environment.name"), v("apiproxy.name"), DEPLOYED_REVISION];
  switch (scope) {
    case "Global":
      return [org, v("environment.name")].join("__");
    case "Application":
      return [org, v("environment.name"), v("apiproxy.name")].join("__");
    case "Proxy":
      return [...proxyBase, v("proxy.name")].join("__");
    case "Target":
      return [...proxyBase, v("target.name")].join("__");
    case "Exclusive":
      return [...proxyBase, ctx.phase.startsWith("TARGET") ? v("target.name") : v("proxy.name")].join("__");
  }
}

/** The full key; a KeyFragment whose variable is unset and has no text adds nothing. */
export function cacheKey(ctx: ExecutionContext, spec: CacheKeySpec): string {
  const fragments = spec.fragments.map((f) => resolveValue(ctx, f)).filter((f): f is string => f !== null);
  return [spec.prefix ?? scopePrefix(ctx, spec.scope), ...fragments].join("__");
}

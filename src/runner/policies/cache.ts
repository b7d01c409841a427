// LookupCache, PopulateCache and InvalidateCache over the runtime's
// general-purpose cache (services.cache). Entries hold text; the key comes
// from <CacheKey> and <Scope> (see cache-key.ts).

import type { ProblemList } from "../bundle/load-error";
import { allowOnly, booleanText, child, childText } from "../bundle/xml";
import { PolicyFault } from "../execution/fault";
import { cacheKey, readCacheKeySpec } from "./cache-key";
import { expiryFunction, readExpiry } from "./cache-expiry";
import type { PolicyDefinition } from "../bundle/model";
import { checkEmptyProperties, COMMON_ATTRIBUTES, COMMON_ELEMENTS, CompiledPolicy, EMPTY_PROPERTIES } from "./policy";
import { integerText } from "./values";

const KEY_ELEMENTS = ["CacheResource", "Scope", "CacheKey"];

function shell(def: PolicyDefinition, execute: CompiledPolicy["execute"]): CompiledPolicy {
  return { name: def.name, type: def.type, file: def.file, line: def.line, enabled: def.enabled, continueOnError: def.continueOnError, execute };
}

/** Sets AssignTo from the cache on a hit; lookupcache.NAME.cachehit says which. */
export function compileLookupCache(def: PolicyDefinition, problems: ProblemList): CompiledPolicy {
  allowOnly(def.node, problems, [...COMMON_ELEMENTS, EMPTY_PROPERTIES, ...KEY_ELEMENTS, "AssignTo", "CacheLookupTimeoutInSeconds"], COMMON_ATTRIBUTES);
  checkEmptyProperties(def.node, problems);
  const spec = readCacheKeySpec(def.node, problems);
  const assignTo = childText(def.node, "AssignTo");
  if (!assignTo) problems.add(def.file, def.line, "<LookupCache> has no <AssignTo>: name the variable that receives the cached value");
  // A wait for a distributed cache; the in-memory store answers at once.
  integerText(child(def.node, "CacheLookupTimeoutInSeconds"), 30, problems);
  return shell(def, async (ctx) => {
    const value = ctx.services.cache.get(spec.resource, cacheKey(ctx, spec));
    ctx.set(`lookupcache.${def.name}.cachehit`, value !== null);
    if (value !== null) ctx.set(assignTo!, value);
  });
}

export function compilePopulateCache(def: PolicyDefinition, problems: ProblemList): CompiledPolicy {
  allowOnly(def.node, problems, [...COMMON_ELEMENTS, EMPTY_PROPERTIES, ...KEY_ELEMENTS, "Source", "ExpirySettings"], COMMON_ATTRIBUTES);
  checkEmptyProperties(def.node, problems);
  const spec = readCacheKeySpec(def.node, problems);
  const source = childText(def.node, "Source");
  if (!source) problems.add(def.file, def.line, "<PopulateCache> has no <Source>: name the variable whose value is cached");
  const expiry = expiryFunction(readExpiry(child(def.node, "ExpirySettings"), problems));
  return shell(def, async (ctx) => {
    if (ctx.flow.messages[source!]) {
      throw new PolicyFault("EntryCannotBeCached", "policies.populatecache.EntryCannotBeCached", `${source} is a message; PopulateCache ${def.name} caches the text of a variable, e.g. ${source}.content`, 500);
    }
    const value = ctx.getString(source!);
    // Nothing to cache: Apigee leaves the cache as it is.
    if (value === null) return;
    let seconds: number;
    try {
      seconds = expiry(ctx);
    } catch (e) {
      throw new PolicyFault("ExecutionFailed", "steps.populatecache.ExecutionFailed", `PopulateCache ${def.name}: ${(e as Error).message}`, 500);
    }
    if (seconds > 0) ctx.services.cache.put(spec.resource, cacheKey(ctx, spec), value, seconds);
  });
}

/** Removes the entry; with PurgeChildEntries also every entry whose key extends it. */
export function compileInvalidateCache(def: PolicyDefinition, problems: ProblemList): CompiledPolicy {
  // The InvalidateCache reference lists no <IgnoreUnresolvedVariables>; <CacheContext> is not supported.
  allowOnly(def.node, problems, [...COMMON_ELEMENTS, ...KEY_ELEMENTS, "PurgeChildEntries"], COMMON_ATTRIBUTES);
  const spec = readCacheKeySpec(def.node, problems);
  const purgeChildren = booleanText(child(def.node, "PurgeChildEntries"), false, problems);
  return shell(def, async (ctx) => {
    const key = cacheKey(ctx, spec);
    ctx.services.cache.delete(spec.resource, key);
    if (purgeChildren) ctx.services.cache.deletePrefix(spec.resource, `${key}__`);
  });
}

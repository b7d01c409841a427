// JavaScript: runs jsc:// resources in the runner's long-lived Rhino (language
// version 0, compiled mode), with the flow passed in and read back.

import type { ProblemList } from "../bundle/load-error";
import { allowOnly, attr, child, elements, lineOf, text, XmlNode } from "../bundle/xml";
import type { ExecutionContext } from "../execution/context";
import { PolicyFault } from "../execution/fault";
import type { PolicyDefinition } from "../bundle/model";
import { COMMON_ELEMENTS, CompiledPolicy, policyBase } from "./policy";

function jscResource(node: XmlNode, problems: ProblemList): string | null {
  const value = (text(node) ?? "").trim();
  const m = /^jsc:\/\/([^/]+)$/.exec(value);
  if (!m) {
    problems.add(node.file, lineOf(node), `<${node.el.tagName}> must be jsc://FILE.js (a file in resources/jsc/), not "${value}"`);
    return null;
  }
  return m[1];
}

function scriptProperties(node: XmlNode | null, problems: ProblemList): Record<string, string> {
  const out: Record<string, string> = {};
  if (!node) return out;
  allowOnly(node, problems, ["Property"]);
  for (const p of elements(node, "Property")) {
    allowOnly(p, problems, [], ["name"]);
    out[attr(p, "name") ?? ""] = text(p) ?? "";
  }
  return out;
}

export function compileJavascript(def: PolicyDefinition, problems: ProblemList): CompiledPolicy {
  const node = def.node;
  allowOnly(node, problems, [...COMMON_ELEMENTS, "Properties", "ResourceURL", "IncludeURL", "Source", "SSLInfo"], ["name", "enabled", "continueOnError", "async", "timeLimit"]);
  // The httpClient's TLS settings: parsed, not enforced, as for TargetEndpoints.
  const ssl = child(node, "SSLInfo");
  if (ssl) allowOnly(ssl, problems, ["Enabled", "ClientAuthEnabled", "KeyStore", "KeyAlias", "TrustStore"]);
  const resource = child(node, "ResourceURL");
  const source = child(node, "Source");
  if (!resource && !source) problems.add(def.file, def.line, "<Javascript> needs <ResourceURL>jsc://FILE.js</ResourceURL> or <Source>");
  const includes = elements(node, "IncludeURL").map((i) => jscResource(i, problems)).filter((s): s is string => s !== null);
  const main = resource ? jscResource(resource, problems) : null;
  const inline = source ? text(source) ?? "" : null;
  const limit = attr(node, "timeLimit");
  if (limit !== null && !/^\d+$/.test(limit)) problems.add(def.file, def.line, `timeLimit must be milliseconds, not "${limit}"`);
  const timeLimitMs = limit !== null && /^\d+$/.test(limit) ? Number(limit) : 60000;
  const properties = scriptProperties(child(node, "Properties"), problems);
  const scripts = main ? [...includes, main] : includes;
  return {
    ...policyBase(def),
    scripts,
    execute: (ctx) => runScripts(ctx, def.name, scripts, inline, properties, timeLimitMs)
  };
}

async function runScripts(
  ctx: ExecutionContext,
  policy: string,
  scripts: string[],
  inline: string | null,
  properties: Record<string, string>,
  timeLimitMs: number
): Promise<void> {
  const rhino = await ctx.services.rhino();
  const refs = [];
  for (const s of scripts) refs.push(await rhino.load(s, ctx.bundle.scripts.get(s)!));
  if (inline !== null) refs.push(await rhino.load(`${policy}.js`, inline));
  ctx.materializeSystemVariables();
  const result = await rhino.run({ scripts: refs, properties, timeLimitMs, flow: ctx.flow, flowName: ctx.phase });
  ctx.flow.variables = result.flow.variables;
  ctx.flow.messages = result.flow.messages;
  for (const line of result.prints) ctx.services.log(`  print ${policy}: ${line}`);
  if (result.timedOut) {
    throw new PolicyFault("ScriptTimeout", "steps.javascript.ScriptTimeout", `Execution of ${policy} failed with error: Javascript runtime exceeded limit of ${timeLimitMs}ms`, 500);
  }
  if (result.error) {
    const where = result.error.file ? ` (${result.error.file}#${result.error.line})` : "";
    throw new PolicyFault(
      "ScriptExecutionFailed",
      "steps.javascript.ScriptExecutionFailed",
      `Execution of ${policy} failed with error: Javascript runtime error: "${result.error.name}: ${result.error.message}${where}"`,
      500
    );
  }
}

// SpikeArrest: <Rate> "Nps" or "Npm" per <Identifier>. By default Apigee
// smooths the rate, letting one request through per 1/N second (or minute);
// with <UseEffectiveCount>true it counts up to N in a sliding second (or
// minute). More is a SpikeArrestViolation, HTTP 429 in Apigee X.

import type { ProblemList } from "../bundle/load-error";
import { allowOnly, booleanText, child, lineOf } from "../bundle/xml";
import type { ExecutionContext } from "../execution/context";
import { PolicyFault } from "../execution/fault";
import type { PolicyDefinition } from "../bundle/model";
import { checkEmptyProperties, COMMON_ATTRIBUTES, COMMON_ELEMENTS, CompiledPolicy, EMPTY_PROPERTIES, policyBase } from "./policy";
import { identifierOf, messageWeight, refElement } from "./rate-limit-inputs";
import { resolveValue, valueSource } from "./values";

interface Rate {
  count: number;
  perSecond: boolean;
}

const RATE = /^(\d+)(ps|pm)$/;

function parseRate(text: string): Rate | null {
  const m = RATE.exec(text.trim());
  return m && Number(m[1]) > 0 ? { count: Number(m[1]), perSecond: m[2] === "ps" } : null;
}

const fault = (name: string, message: string, status = 500) => new PolicyFault(name, `policies.ratelimit.${name}`, message, status);

export function compileSpikeArrest(def: PolicyDefinition, problems: ProblemList): CompiledPolicy {
  const node = def.node;
  allowOnly(node, problems, [...COMMON_ELEMENTS, EMPTY_PROPERTIES, "Rate", "Identifier", "MessageWeight", "UseEffectiveCount"], COMMON_ATTRIBUTES);
  checkEmptyProperties(node, problems);
  const rateNode = child(node, "Rate");
  if (rateNode) allowOnly(rateNode, problems, [], ["ref"]);
  const rate = valueSource(rateNode);
  if (!rate || (!rate.ref && !rate.literal)) problems.add(def.file, rateNode ? lineOf(rateNode) : def.line, '<SpikeArrest> needs a <Rate> such as 30ps or 600pm, or <Rate ref="variable"/>');
  if (rate?.literal && !parseRate(rate.literal)) problems.add(def.file, lineOf(rateNode!), `<Rate>${rate.literal}</Rate> must be a positive whole number followed by ps or pm (InvalidAllowedRate)`);
  const identifier = refElement(node, "Identifier", problems);
  const weightSource = refElement(node, "MessageWeight", problems);
  const effectiveCount = booleanText(child(node, "UseEffectiveCount"), false, problems);

  const currentRate = (ctx: ExecutionContext): Rate => {
    const text = resolveValue(ctx, rate);
    if (text === null) throw fault("FailedToResolveSpikeArrestRate", `Failed to resolve Spike Arrest Rate reference ${rate?.ref} in SpikeArrest policy ${def.name}`);
    const parsed = parseRate(text);
    if (!parsed) throw fault("InvalidAllowedRate", `Invalid spike arrest rate ${text} in policy ${def.name}: expected a whole number followed by ps or pm`);
    return parsed;
  };

  return {
    ...policyBase(def),
    async execute(ctx) {
      const r = currentRate(ctx);
      const weight = messageWeight(ctx, weightSource, def.name);
      const key = [ctx.getString("apiproxy.name") ?? "", def.name, identifierOf(ctx, identifier)].join("\u0000");
      const periodMs = r.perSecond ? 1000 : 60_000;
      const allowed = effectiveCount
        ? ctx.services.spikeArrest.allowInWindow(key, r.count, periodMs, weight)
        : ctx.services.spikeArrest.allowSmoothed(key, periodMs / r.count, weight);
      ctx.set(`ratelimit.${def.name}.failed`, !allowed);
      if (!allowed) {
        throw fault("SpikeArrestViolation", `Spike arrest violation. Allowed rate : MessageRate{capacity=${r.count}, period=${r.perSecond ? "Seconds" : "Minutes"}}`, 429);
      }
    }
  };
}

// Quota: at most <Allow count> weighted requests per Interval × TimeUnit for
// each <Identifier>; more is a QuotaViolation (HTTP 429 in Apigee X). Sets
// ratelimit.NAME.* after every run. A refused request is not counted.
// Counters live in the runner process: Distributed and Synchronous are
// accepted and change nothing with a single runtime.

import type { ProblemList } from "../bundle/load-error";
import { allowOnly, attr, booleanText, child, childText, elements, lineOf, XmlNode } from "../bundle/xml";
import type { ExecutionContext } from "../execution/context";
import { PolicyFault } from "../execution/fault";
import type { QuotaWindow } from "../state/rate-limits";
import { addUnits, calendarWindow, clockAlignedWindow, flexiWindow, parseStartTime, TIME_UNITS, TimeUnit, Window } from "./quota-window";
import type { PolicyDefinition } from "../bundle/model";
import { COMMON_ATTRIBUTES, COMMON_ELEMENTS, CompiledPolicy, policyBase } from "./policy";
import { identifierOf, messageWeight, refElement } from "./rate-limit-inputs";
import { resolveValue, valueSource, ValueSource } from "./values";

const QUOTA_TYPES = ["calendar", "rollingwindow", "flexi"] as const;
type QuotaType = (typeof QUOTA_TYPES)[number] | "default";

interface QuotaConfig {
  type: QuotaType;
  allowCount: string | null;
  allowRef: string | null;
  interval: ValueSource | null;
  timeUnit: ValueSource | null;
  startTime: number | null;
  counter: string;
  countOnly: boolean;
  enforceOnly: boolean;
}

const fault = (name: string, message: string, status = 500) => new PolicyFault(name, `policies.ratelimit.${name}`, message, status);

function readType(def: PolicyDefinition, problems: ProblemList): QuotaType {
  const raw = attr(def.node, "type");
  if (raw === null) return "default";
  const type = QUOTA_TYPES.find((t) => t === raw.trim());
  if (!type) problems.add(def.file, def.line, `<Quota type="${raw}">: the type must be one of ${QUOTA_TYPES.join(", ")}, or absent`);
  return type ?? "default";
}

function readConfig(def: PolicyDefinition, problems: ProblemList): QuotaConfig {
  const node = def.node;
  const type = readType(def, problems);
  const allow = child(node, "Allow");
  if (allow) allowOnly(allow, problems, [], ["count", "countRef"]);
  const allowCount = allow ? attr(allow, "count") : null;
  const allowRef = allow ? attr(allow, "countRef") : null;
  if (!allowCount && !allowRef) problems.add(def.file, allow ? lineOf(allow) : def.line, '<Quota> needs <Allow count="N"/> or <Allow countRef="variable"/>');
  if (allowCount !== null && !/^\d+$/.test(allowCount.trim())) problems.add(def.file, lineOf(allow!), `<Allow count="${allowCount}">: the count must be a whole number`);
  const interval = valueOf(node, "Interval", problems);
  const timeUnit = valueOf(node, "TimeUnit", problems);
  if (!interval?.ref && !interval?.literal) problems.add(def.file, def.line, '<Quota> needs <Interval>N</Interval> or <Interval ref="variable"/>');
  if (interval?.literal && !/^[1-9]\d*$/.test(interval.literal)) problems.add(def.file, lineOf(child(node, "Interval")!), `<Interval>${interval.literal}</Interval> must be a positive whole number`);
  if (!timeUnit?.ref && !timeUnit?.literal) problems.add(def.file, def.line, '<Quota> needs <TimeUnit>minute</TimeUnit> (or hour, day, week, month) or <TimeUnit ref="variable"/>');
  if (timeUnit?.literal && !(TIME_UNITS as readonly string[]).includes(timeUnit.literal)) {
    problems.add(def.file, lineOf(child(node, "TimeUnit")!), `<TimeUnit>${timeUnit.literal}</TimeUnit> is not one of ${TIME_UNITS.join(", ")}`);
  }
  const startText = childText(node, "StartTime");
  const startTime = startText ? parseStartTime(startText) : null;
  if (startText && startTime === null) problems.add(def.file, lineOf(child(node, "StartTime")!), `<StartTime>${startText}</StartTime> is not in the form 2025-01-31 14:00:00`);
  if (type === "calendar" && !startText) problems.add(def.file, def.line, '<Quota type="calendar"> needs a <StartTime> such as 2025-01-31 14:00:00 (UTC)');
  const countOnly = booleanText(child(node, "CountOnly"), false, problems);
  const enforceOnly = booleanText(child(node, "EnforceOnly"), false, problems);
  const sharedName = childText(node, "SharedName");
  if ((countOnly || enforceOnly) && !sharedName) problems.add(def.file, def.line, "<CountOnly> and <EnforceOnly> apply to a counter shared by name: add <SharedName>");
  if (countOnly && enforceOnly) problems.add(def.file, def.line, "<CountOnly> and <EnforceOnly> cannot both be true");
  return { type, allowCount, allowRef, interval, timeUnit, startTime, counter: sharedName || def.name, countOnly, enforceOnly };
}

function valueOf(node: XmlNode, name: string, problems: ProblemList): ValueSource | null {
  const c = child(node, name);
  if (c) allowOnly(c, problems, [], ["ref"]);
  return valueSource(c);
}

interface Limits {
  allowed: number;
  interval: number;
  unit: TimeUnit;
}

/** Allow, Interval and TimeUnit for this request: a ref that resolves wins over the literal. */
function limits(ctx: ExecutionContext, c: QuotaConfig, policy: string): Limits {
  const allowedText = (c.allowRef ? ctx.getString(c.allowRef) : null) ?? c.allowCount;
  if (allowedText === null || !/^\d+$/.test(allowedText.trim())) {
    throw fault("FailedToResolveAllowCountReference", `Failed to resolve allow count reference ${c.allowRef} in quota policy ${policy}`);
  }
  const intervalText = resolveValue(ctx, c.interval);
  if (intervalText === null || !/^[1-9]\d*$/.test(intervalText.trim())) {
    throw fault("FailedToResolveQuotaIntervalReference", `Failed to resolve quota interval reference ${c.interval?.ref ?? ""} in quota policy ${policy}`);
  }
  const unitText = resolveValue(ctx, c.timeUnit)?.trim().toLowerCase() ?? null;
  const unit = TIME_UNITS.find((u) => u === unitText);
  if (!unit) throw fault("FailedToResolveQuotaIntervalTimeUnitReference", `Failed to resolve quota time unit reference ${c.timeUnit?.ref ?? ""} in quota policy ${policy}`);
  return { allowed: Number(allowedText.trim()), interval: Number(intervalText.trim()), unit };
}

function windowOpener(c: QuotaConfig, l: Limits): (now: number) => Window {
  if (c.type === "calendar") return (now) => calendarWindow(now, c.startTime ?? now, l.unit, l.interval);
  if (c.type === "flexi") return (now) => flexiWindow(now, l.unit, l.interval);
  return (now) => clockAlignedWindow(now, l.unit, l.interval);
}

interface Outcome {
  used: number;
  exceeded: number;
  resetsAt: number;
  refused: boolean;
}

/** Counts (or refuses) this request against its window. */
function count(ctx: ExecutionContext, c: QuotaConfig, l: Limits, key: string, weight: number): Outcome {
  const quota = ctx.services.quota;
  const enforce = !c.countOnly;
  const add = !c.enforceOnly;
  if (c.type === "rollingwindow") {
    const now = ctx.services.now();
    const length = now - addUnits(now, l.unit, -l.interval);
    const usage = quota.rollingUsage(key, length);
    const refused = enforce && usage.used + weight > l.allowed;
    if (!refused && add) quota.addRolling(key, weight);
    const after = quota.rollingUsage(key, length);
    return { used: after.used, exceeded: refused ? 1 : 0, resetsAt: after.resetsAt, refused };
  }
  const w: QuotaWindow = quota.fixedWindow(key, windowOpener(c, l));
  const refused = enforce && w.used + weight > l.allowed;
  if (refused) w.exceeded++;
  else if (add) w.used += weight;
  return { used: w.used, exceeded: w.exceeded, resetsAt: w.end, refused };
}

export function compileQuota(def: PolicyDefinition, problems: ProblemList): CompiledPolicy {
  const node = def.node;
  allowOnly(
    node,
    problems,
    [...COMMON_ELEMENTS, "Allow", "Interval", "TimeUnit", "StartTime", "Identifier", "MessageWeight", "Distributed", "Synchronous", "AsynchronousConfiguration", "SharedName", "CountOnly", "EnforceOnly"],
    [...COMMON_ATTRIBUTES, "type"]
  );
  for (const flag of ["Distributed", "Synchronous"]) booleanText(child(node, flag), false, problems);
  const async = child(node, "AsynchronousConfiguration");
  if (async) {
    allowOnly(async, problems, ["SyncIntervalInSeconds", "SyncMessageCount"]);
    for (const c of elements(async)) if (!/^\d+$/.test(childText(async, c.el.tagName) ?? "")) problems.add(c.file, lineOf(c), `<${c.el.tagName}> must be a whole number`);
  }
  const config = readConfig(def, problems);
  const identifier = refElement(node, "Identifier", problems);
  const weightSource = refElement(node, "MessageWeight", problems);
  const prefix = `ratelimit.${def.name}`;
  return {
    ...policyBase(def),
    async execute(ctx) {
      const l = limits(ctx, config, def.name);
      const weight = messageWeight(ctx, weightSource, def.name);
      const id = identifierOf(ctx, identifier);
      const key = [ctx.getString("apiproxy.name") ?? "", config.counter, id].join("\u0000");
      const outcome = count(ctx, config, l, key, weight);
      const totalExceeded = outcome.refused ? ctx.services.quota.refuse(key) : ctx.services.quota.refusedTotal(key);
      ctx.set(`${prefix}.allowed.count`, l.allowed);
      ctx.set(`${prefix}.used.count`, outcome.used);
      ctx.set(`${prefix}.available.count`, Math.max(0, l.allowed - outcome.used));
      ctx.set(`${prefix}.exceed.count`, outcome.exceeded);
      ctx.set(`${prefix}.total.exceed.count`, totalExceeded);
      ctx.set(`${prefix}.expiry.time`, outcome.resetsAt);
      ctx.set(`${prefix}.identifier`, id);
      ctx.set(`${prefix}.class`, "_default");
      ctx.set(`${prefix}.failed`, outcome.refused);
      if (outcome.refused) throw fault("QuotaViolation", `Rate limit quota violation. Quota limit : ${l.allowed} exceeded. Identifier : ${id}`, 429);
    }
  };
}

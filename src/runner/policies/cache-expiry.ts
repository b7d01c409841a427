// PopulateCache <ExpirySettings>: how long an entry lives. One of
//   <TimeoutInSeconds ref="var">300</TimeoutInSeconds>  (Edge's older <TimeoutInSec> is
//                                                       not in the Apigee X reference: refused)
//   <ExpiryDate ref="var">12-31-2030</ExpiryDate>      midnight UTC of mm-dd-yyyy
//   <TimeOfDay ref="var">14:30:00</TimeOfDay>          the next hh:mm:ss, UTC
// A ref that resolves wins over the text, as elsewhere in Apigee.

import type { ProblemList } from "../bundle/load-error";
import { allowOnly, elements, lineOf, XmlNode } from "../bundle/xml";
import type { ExecutionContext } from "../execution/context";
import { resolveValue, valueSource, ValueSource } from "./values";

/** Apigee keeps a general-purpose cache entry at most 30 days; also the lifetime without ExpirySettings. */
export const MAX_CACHE_SECONDS = 30 * 24 * 3600;

type Kind = "TimeoutInSeconds" | "ExpiryDate" | "TimeOfDay";
const KINDS: Kind[] = ["TimeoutInSeconds", "ExpiryDate", "TimeOfDay"];

export interface ExpirySpec {
  kind: Kind;
  value: ValueSource;
}

/** Seconds from now until the entry expires; throws with the reason when the value is unusable. */
export type ExpiryFunction = (ctx: ExecutionContext) => number;

const FORMATS: Record<Kind, RegExp> = {
  TimeoutInSeconds: /^\d+$/,
  ExpiryDate: /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])-\d{4}$/,
  TimeOfDay: /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/
};

const EXAMPLES: Record<Kind, string> = { TimeoutInSeconds: "300", ExpiryDate: "12-31-2030", TimeOfDay: "14:30:00" };

export function readExpiry(node: XmlNode | null, problems: ProblemList): ExpirySpec | null {
  if (!node) return null;
  allowOnly(node, problems, KINDS);
  const found = elements(node).filter((c) => (KINDS as string[]).includes(c.el.tagName));
  if (found.length !== 1) {
    problems.add(node.file, lineOf(node), `<ExpirySettings> needs exactly one of ${KINDS.join(", ")}, found ${found.length}`);
    return null;
  }
  const c = found[0];
  allowOnly(c, problems, [], ["ref"]);
  const kind = c.el.tagName as Kind;
  const value = valueSource(c)!;
  if (!value.ref && !value.literal) problems.add(c.file, lineOf(c), `<${kind}> has neither a ref nor a value`);
  if (value.literal && !FORMATS[kind].test(value.literal)) problems.add(c.file, lineOf(c), `<${kind}>${value.literal}</${kind}> is not in the form ${EXAMPLES[kind]}`);
  return { kind, value };
}

function secondsUntil(kind: Kind, text: string, nowMs: number): number {
  if (kind === "TimeoutInSeconds") return Number(text);
  if (kind === "ExpiryDate") {
    const [mm, dd, yyyy] = text.split("-").map(Number);
    return (Date.UTC(yyyy, mm - 1, dd) - nowMs) / 1000;
  }
  const [h, m, s] = text.split(":").map(Number);
  const now = new Date(nowMs);
  let at = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), h, m, s);
  if (at <= nowMs) at += 24 * 3600 * 1000;
  return (at - nowMs) / 1000;
}

export function expiryFunction(spec: ExpirySpec | null): ExpiryFunction {
  return (ctx) => {
    if (!spec) return MAX_CACHE_SECONDS;
    const text = resolveValue(ctx, spec.value);
    if (text === null) throw new Error(`<${spec.kind} ref="${spec.value.ref}"> is unset and has no value`);
    if (!FORMATS[spec.kind].test(text.trim())) throw new Error(`<${spec.kind}> value "${text}" is not in the form ${EXAMPLES[spec.kind]}`);
    return Math.min(secondsUntil(spec.kind, text.trim(), ctx.services.now()), MAX_CACHE_SECONDS);
  };
}

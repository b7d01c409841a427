// Values that policies read either from a variable (ref="...") or from the
// element's text, as many Apigee elements allow, and message templates.

import type { ProblemList } from "../bundle/load-error";
import { attr, lineOf, text, XmlNode } from "../bundle/xml";
import type { ExecutionContext } from "../execution/context";
import { parseTemplate, Template, TemplateSyntaxError } from "../templates";

/** <X ref="var">fallback text</X>: the variable when set, else the text. */
export interface ValueSource {
  ref: string | null;
  literal: string | null;
}

export function valueSource(node: XmlNode | null): ValueSource | null {
  if (!node) return null;
  const literal = (text(node) ?? "").trim();
  return { ref: attr(node, "ref"), literal: literal === "" ? null : literal };
}

export function resolveValue(ctx: ExecutionContext, source: ValueSource | null): string | null {
  if (!source) return null;
  if (source.ref) {
    const v = ctx.getString(source.ref);
    if (v !== null) return v;
  }
  return source.literal;
}

/** Compiles a template found in a bundle; a syntax error becomes a load problem. */
export function compileTemplate(
  node: XmlNode,
  source: string,
  problems: ProblemList,
  delimiters?: { prefix?: string; suffix?: string }
): Template | null {
  try {
    return parseTemplate(source, delimiters);
  } catch (e) {
    if (!(e instanceof TemplateSyntaxError)) throw e;
    problems.add(node.file, lineOf(node), `invalid message template "${source}": ${e.message}`);
    return null;
  }
}

/** A positive integer from element text, or the fallback; anything else is a problem. */
export function integerText(node: XmlNode | null, fallback: number, problems: ProblemList): number {
  if (!node) return fallback;
  const raw = (text(node) ?? "").trim();
  if (!/^\d+$/.test(raw)) {
    problems.add(node.file, lineOf(node), `<${node.el.tagName}> must be a whole number, not "${raw}"`);
    return fallback;
  }
  return Number(raw);
}

// FlowCallout: sets its Parameters as flow variables, then runs the named
// shared flow's "default" flow on the same message.

import { flowCalloutTarget } from "../../bundle/facts";
import type { ProblemList } from "../bundle/load-error";
import { allowOnly, attr, child, elements, lineOf, text } from "../bundle/xml";
import { runSteps } from "../execution/steps";
import type { PolicyDefinition } from "../bundle/model";
import type { Template } from "../templates";
import { COMMON_ELEMENTS, CompiledPolicy, policyBase } from "./policy";
import { compileTemplate } from "./values";

/**
 * <Parameter name ref value>body</Parameter>: the ref variable when set, else
 * the value attribute, else the body, which the FlowCallout reference shows
 * as a template ("<Parameter name="parameter-name">{source-variable-name}</Parameter>").
 */
interface Parameter {
  name: string;
  ref: string | null;
  value: string | null;
  body: Template | null;
}

export function compileFlowCallout(def: PolicyDefinition, problems: ProblemList): CompiledPolicy {
  allowOnly(def.node, problems, [...COMMON_ELEMENTS, "SharedFlowBundle", "Parameters"], ["name", "enabled", "continueOnError", "async"]);
  const sharedFlow = flowCalloutTarget(def.node.el);
  if (!sharedFlow) problems.add(def.file, def.line, "<FlowCallout> has no <SharedFlowBundle>");
  const container = child(def.node, "Parameters");
  const parameters: Parameter[] = [];
  if (container) {
    allowOnly(container, problems, ["Parameter"]);
    for (const p of elements(container, "Parameter")) {
      allowOnly(p, problems, [], ["name", "ref", "value"]);
      const name = attr(p, "name");
      if (!name) problems.add(p.file, lineOf(p), "<Parameter> has no name attribute");
      const body = (text(p) ?? "").trim();
      parameters.push({ name: name ?? "", ref: attr(p, "ref"), value: attr(p, "value"), body: body === "" ? null : compileTemplate(p, body, problems) });
    }
  }
  return {
    ...policyBase(def),
    sharedFlow: sharedFlow ?? undefined,
    async execute(ctx) {
      for (const p of parameters) {
        const fallback = p.value ?? (p.body ? ctx.render(p.body, true) : null);
        ctx.set(p.name, p.ref ? ctx.getString(p.ref) ?? fallback : fallback);
      }
      const shared = ctx.sharedFlows.get(sharedFlow!)!;
      await runSteps(ctx.forBundle(shared), shared.bundle.flows.get("default")!);
    }
  };
}

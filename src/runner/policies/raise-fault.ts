// RaiseFault: stops the flow with a response built like AssignMessage's.

import type { Message } from "../../flow/message";
import type { ProblemList } from "../bundle/load-error";
import { allowOnly, booleanText, child, elements, XmlNode } from "../bundle/xml";
import { PolicyFault } from "../execution/fault";
import { assignVariable, copyOps, Operation, paramOps, removeOps, setOps } from "./assign-message";
import type { PolicyDefinition } from "../bundle/model";
import { COMMON_ELEMENTS, CompiledPolicy, policyBase } from "./policy";

function faultResponseOps(node: XmlNode, problems: ProblemList): Operation[] {
  allowOnly(node, problems, ["AssignVariable", "Add", "Copy", "Remove", "Set"]);
  const ops: Operation[] = [];
  for (const c of elements(node)) {
    if (c.el.tagName === "Set") ops.push(...setOps(c, problems));
    else if (c.el.tagName === "Add") {
      allowOnly(c, problems, ["Headers", "QueryParams", "FormParams"]);
      ops.push(...paramOps(c, "add", problems));
    } else if (c.el.tagName === "Remove") ops.push(...removeOps(c, problems));
    else if (c.el.tagName === "Copy") ops.push(...copyOps(c, problems));
    else if (c.el.tagName === "AssignVariable") ops.push(assignVariable(c, problems));
  }
  return ops;
}

export function compileRaiseFault(def: PolicyDefinition, problems: ProblemList): CompiledPolicy {
  // <ShortFaultReason> is documented but not supported: it would change the fault string.
  allowOnly(def.node, problems, [...COMMON_ELEMENTS, "FaultResponse", "IgnoreUnresolvedVariables"], ["name", "enabled", "continueOnError", "async"]);
  const response = child(def.node, "FaultResponse");
  const ops = response ? faultResponseOps(response, problems) : [];
  const ignoreUnresolved = booleanText(child(def.node, "IgnoreUnresolvedVariables"), false, problems);
  return {
    ...policyBase(def),
    async execute(ctx) {
      const message: Message = { method: null, url: null, status: 500, reason: "Server Error", headers: [], content: "" };
      for (const op of ops) op(ctx, message, ignoreUnresolved);
      throw new PolicyFault("RaiseFault", "steps.raisefault.RaiseFault", `Raising fault. Fault name : ${def.name}`, message.status ?? 500, {
        status: message.status ?? 500,
        reason: message.reason ?? "",
        headers: message.headers,
        content: message.content
      });
    }
  };
}

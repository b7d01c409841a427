// AA010: aws.sigv4.debug switched on. With it the signing callouts copy the
// canonical request and string to sign into flow variables Debug shows; the
// canonical request carries every signed header's value (an API key an SSM
// header put there, for one), only the session token is masked.

import { contentPosition, firstChild, ownText, positionOf } from "../../bundle/xml";
import type { BundleModel } from "./model/bundle";
import { readText } from "./model/bundle";
import { flowWrites } from "./model/js-flow-writes";
import { assignVariables, flowCalloutParameters, javascriptProperties } from "./model/policies";
import { defineRule, RuleFinding } from "./rule";

export const DEBUG_VARIABLE = "aws.sigv4.debug";

const isOn = (value: string | null) => value !== null && value.trim().toLowerCase() === "true";

function finding(file: string, at: { line: number; column: number }, how: string): RuleFinding {
  return {
    ruleId: "AA010",
    file,
    ...at,
    message: `${how} sets ${DEBUG_VARIABLE} to true: the canonical request (with signed header values) then lands in flow variables Debug shows. Remove it before deploying.`
  };
}

export function findSigningDebug(bundle: BundleModel): RuleFinding[] {
  const fromPolicies = [...bundle.policies.values()].flatMap((policy) => {
    const parameters = policy.type === "FlowCallout" ? flowCalloutParameters(policy).filter((p) => p.name === DEBUG_VARIABLE && isOn(p.value)) : [];
    const assigned = assignVariables(policy).filter((av) => av.name === DEBUG_VARIABLE && isOn(av.value));
    const properties = policy.type === "Javascript" ? javascriptProperties(policy).filter((p) => p.name === DEBUG_VARIABLE && isOn(p.value)) : [];
    const source = policy.type === "Javascript" ? firstChild(policy.root, "Source") : null;
    const inline = source
      ? flowWrites(ownText(source))
          .filter((w) => w.name && "exact" in w.name && w.name.exact === DEBUG_VARIABLE && isOn(w.value.literal))
          .map(() => finding(policy.file, contentPosition(source), `The <Source> of ${policy.name}`))
      : [];
    return [
      ...parameters.map((p) => finding(policy.file, positionOf(p.element), `FlowCallout ${policy.name}`)),
      ...assigned.map((av) => finding(policy.file, positionOf(av.nameElement ?? av.element), `AssignMessage ${policy.name}`)),
      ...properties.map((p) => finding(policy.file, positionOf(p.element), `JavaScript ${policy.name}`)),
      ...inline
    ];
  });
  const fromScripts = bundle.resources
    .filter((r) => r.type === "jsc" && r.name.endsWith(".js"))
    .flatMap((r) =>
      flowWrites(readText(r.file))
        .filter((w) => w.name && "exact" in w.name && w.name.exact === DEBUG_VARIABLE && isOn(w.value.literal))
        .map((w) => finding(r.file, { line: w.line, column: w.column }, "This script"))
    );
  return [...fromPolicies, ...fromScripts];
}

export const rule = defineRule({
  id: "AA010",
  name: "sigv4-debug-off",
  severity: 2,
  summary: "aws.sigv4.debug is not switched on in a bundle.",
  fix: "Remove the aws.sigv4.debug setting (or set it to false) before deploying; use it only in a debugging session.",
  checkBundle: findSigningDebug
});

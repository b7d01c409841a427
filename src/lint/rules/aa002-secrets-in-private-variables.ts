// AA002: secrets only in private. flow variables. Apigee masks private.*
// in Debug sessions; any other variable is shown to whoever can debug the
// proxy. Checked writes:
// - AssignMessage <AssignVariable>: a Ref or Template that reads a private or
//   secret-named variable, or a secret-named Name given a non-literal value;
// - AssignMessage (AssignTo response) and RaiseFault: a header, query or form
//   parameter or payload of the response that reads a private variable;
// - ExtractVariables: a JSONPath/XPath that picks a secret field (SecretAccessKey,
//   SessionToken, id_token, token, an SSM Parameter Value, ...) or a secret-named
//   variable, outside private.;
// - JavaScript: context.setVariable(name, value) where the name is knowable and
//   is a flow variable or part of the response, and the name says secret or
//   the value is read from a private/secret-named variable or a secret field.
// Writing to the outgoing request (request.header.x, <message>.header.x,
// target.url) is allowed: that is how credentials reach AWS.

import { childElements, firstChild, ownText, positionOf, trimmedOwnText, type Element } from "../../bundle/xml";
import type { BundleModel, PolicyFile } from "./model/bundle";
import { flowWrites, FlowWrite } from "./model/js-flow-writes";
import { assignVariables } from "./model/policies";
import { BundleScript, bundleScripts, inFile } from "./model/scripts";
import { Destination, destinationOf, isPrivateName, isSecretName, isSecretPath, templateVariables } from "./model/secret-names";
import { defineRule, RuleFinding } from "./rule";

const FIX = "write it to a variable under private. instead (Apigee masks private.* in Debug)";

function finding(file: string, at: { line: number; column: number }, message: string): RuleFinding {
  return { ruleId: "AA002", file, line: at.line, column: at.column, message };
}

function isSensitiveSource(variable: string): boolean {
  return isPrivateName(variable) || isSecretName(variable);
}

function exposed(destination: Destination): boolean {
  return destination === "flow-variable" || destination === "response";
}

function where(destination: Destination, name: string): string {
  return destination === "response" ? `${name}, which is sent to the client` : `${name}, which Debug shows`;
}

function assignVariableFindings(policy: PolicyFile): RuleFinding[] {
  return assignVariables(policy).flatMap((av) => {
    const destination = destinationOf(av.name);
    if (!av.name || !exposed(destination)) return [];
    const sources = [av.ref, av.templateRef, ...(av.template ? templateVariables(av.template) : [])].filter((v) => v !== "");
    const at = positionOf(av.nameElement ?? av.element);
    const sensitive = sources.find(isSensitiveSource);
    if (sensitive) return [finding(policy.file, at, `AssignVariable copies ${sensitive} into ${where(destination, av.name)}: ${FIX}.`)];
    if (isSecretName(av.name) && sources.length > 0) {
      return [finding(policy.file, at, `AssignVariable ${av.name} looks like it holds a secret but is not private: ${FIX}.`)];
    }
    return [];
  });
}

/** Headers, parameters and payload of <Set>/<Add> blocks. */
function messageParts(holder: Element | null): Element[] {
  if (!holder) return [];
  return ["Set", "Add"].flatMap((block) => {
    const el = firstChild(holder, block);
    if (!el) return [];
    const lists = ["Headers", "QueryParams", "FormParams"].flatMap((list) => {
      const holder = firstChild(el, list);
      return holder ? childElements(holder, list.slice(0, -1)) : [];
    });
    const payload = firstChild(el, "Payload");
    return payload ? [...lists, payload] : lists;
  });
}

function responseTemplates(policy: PolicyFile): RuleFinding[] {
  let parts: Element[] = [];
  if (policy.type === "RaiseFault") parts = messageParts(firstChild(policy.root, "FaultResponse"));
  else if (policy.type === "AssignMessage") {
    const assignTo = firstChild(policy.root, "AssignTo");
    const target = assignTo ? (assignTo.getAttribute("type") === "response" ? "response" : trimmedOwnText(assignTo)) : "";
    if (target.toLowerCase() === "response") parts = messageParts(policy.root);
  }
  return parts.flatMap((part) => {
    const secret = templateVariables(ownText(part)).find(isPrivateName);
    if (!secret) return [];
    return [finding(policy.file, positionOf(part), `${policy.name} puts ${secret} into the response sent to the client: leave private variables out of responses.`)];
  });
}

function extractVariables(policy: PolicyFile): RuleFinding[] {
  const prefix = trimmedOwnText(firstChild(policy.root, "VariablePrefix"));
  const full = (name: string) => (prefix ? `${prefix}.${name}` : name);
  const payloads: [string, string][] = [
    ["JSONPayload", "JSONPath"],
    ["XMLPayload", "XPath"]
  ];
  return payloads.flatMap(([payloadTag, pathTag]) => {
    const payload = firstChild(policy.root, payloadTag);
    return (payload ? childElements(payload, "Variable") : []).flatMap((variable) => {
      const name = full(variable.getAttribute("name") ?? "");
      const expression = trimmedOwnText(firstChild(variable, pathTag));
      if (!exposed(destinationOf(name))) return [];
      if (!isSecretPath(expression) && !isSecretName(name)) return [];
      const what = isSecretPath(expression) ? `${expression} (a secret field)` : "a value";
      const fix = prefix ? `set <VariablePrefix>private</VariablePrefix> (or private.<name>)` : "name the variable private.<name>";
      return [finding(policy.file, positionOf(variable), `ExtractVariables puts ${what} into ${name}, which Debug shows: ${fix}.`)];
    });
  });
}

function scriptWriteFinding(script: BundleScript, write: FlowWrite): RuleFinding | null {
  if (!write.name) return null;
  const name = "exact" in write.name ? write.name.exact : `${write.name.prefix}…`;
  const destination = destinationOf("exact" in write.name ? write.name.exact : write.name.prefix + "x");
  if (!exposed(destination) || write.value.literal !== null) return null;
  let why: string | null = null;
  if (write.value.variable && isSensitiveSource(write.value.variable)) why = `the value of ${write.value.variable}`;
  else if (write.value.field && isSecretName(write.value.field)) why = `the field ${write.value.field}`;
  else if ("exact" in write.name && isSecretName(write.name.exact)) why = "a value its name calls secret";
  if (!why) return null;
  return finding(script.file, inFile(script, write), `setVariable writes ${why} to ${where(destination, name)}: ${FIX}.`);
}

function scriptFindings(bundle: BundleModel): RuleFinding[] {
  return bundleScripts(bundle)
    .flatMap((script) => flowWrites(script.text).map((w) => scriptWriteFinding(script, w)))
    .filter((f): f is RuleFinding => f !== null);
}

export function findExposedSecrets(bundle: BundleModel): RuleFinding[] {
  const fromPolicies = [...bundle.policies.values()].flatMap((policy) => {
    if (policy.type === "AssignMessage") return [...assignVariableFindings(policy), ...responseTemplates(policy)];
    if (policy.type === "RaiseFault") return responseTemplates(policy);
    if (policy.type === "ExtractVariables") return extractVariables(policy);
    return [];
  });
  return [...fromPolicies, ...scriptFindings(bundle)];
}

export const rule = defineRule({
  id: "AA002",
  name: "secrets-in-private-variables",
  severity: 2,
  summary: "Credentials, session and ID tokens and SSM values are only written to private. flow variables.",
  fix: "Write the value to a variable whose name starts with private. (Apigee masks those in Debug).",
  checkBundle: findExposedSecrets
});

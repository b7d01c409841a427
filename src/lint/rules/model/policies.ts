// Reading policy configuration the rules share: FlowCallout parameters,
// AssignVariable entries, JavaScript policies and the scripts they run.

import * as path from "node:path";
import { flowCalloutTarget } from "../../../bundle/facts";
import { childElements, firstChild, ownText, trimmedOwnText, type Element } from "../../../bundle/xml";
import type { BundleModel, PolicyFile } from "./bundle";
import { readText, resourceByUrl } from "./bundle";

export interface Parameter {
  name: string;
  /** The literal value; null when the parameter reads a variable (ref=). */
  value: string | null;
  element: Element;
}

export function flowCalloutParameters(policy: PolicyFile): Parameter[] {
  const holder = firstChild(policy.root, "Parameters");
  if (!holder) return [];
  return childElements(holder, "Parameter").map((el) => ({
    name: (el.getAttribute("name") ?? "").trim(),
    value: el.getAttribute("ref") ? null : trimmedOwnText(el),
    element: el
  }));
}

export interface AssignVariable {
  name: string;
  nameElement: Element | null;
  element: Element;
  ref: string;
  value: string | null;
  template: string | null;
  /** <Template ref="...">: the variable holding the template. */
  templateRef: string;
}

export function assignVariables(policy: PolicyFile): AssignVariable[] {
  if (policy.type !== "AssignMessage") return [];
  return childElements(policy.root, "AssignVariable").map((el) => {
    const nameElement = firstChild(el, "Name");
    const value = firstChild(el, "Value");
    const template = firstChild(el, "Template");
    return {
      name: trimmedOwnText(nameElement),
      nameElement,
      element: el,
      ref: trimmedOwnText(firstChild(el, "Ref")),
      value: value ? trimmedOwnText(value) : null,
      template: template ? trimmedOwnText(template) : null,
      templateRef: template?.getAttribute("ref")?.trim() ?? ""
    };
  });
}

/** Properties of a JavaScript policy: name → literal value. */
export function javascriptProperties(policy: PolicyFile): { name: string; value: string; element: Element }[] {
  const holder = firstChild(policy.root, "Properties");
  if (!holder) return [];
  return childElements(holder, "Property").map((el) => ({ name: (el.getAttribute("name") ?? "").trim(), value: trimmedOwnText(el), element: el }));
}

export function javascriptPolicies(bundle: BundleModel): PolicyFile[] {
  return [...bundle.policies.values()].filter((p) => p.type === "Javascript");
}

/** The <ResourceURL> and <IncludeURL> elements of a JavaScript (or Python Script) policy, includes first. */
export function scriptUrls(policy: PolicyFile): Element[] {
  return [...childElements(policy.root, "IncludeURL"), ...childElements(policy.root, "ResourceURL")];
}

/** The scripts a JavaScript (or Python Script) policy runs: resource files in the bundle and inline <Source>. */
export function policyScripts(bundle: BundleModel, policy: PolicyFile): { name: string; text: string }[] {
  const urls = scriptUrls(policy).map(trimmedOwnText);
  const files = urls.flatMap((url) => {
    const resource = resourceByUrl(bundle, url);
    return resource ? [{ name: path.basename(resource.name), text: readText(resource.file) }] : [{ name: url.replace(/^[a-z]+:\/\//, ""), text: "" }];
  });
  const source = firstChild(policy.root, "Source");
  return source ? [...files, { name: "<Source>", text: ownText(source) }] : files;
}

const SIGV4_ALGORITHM = "AWS4-HMAC-SHA256";
const SIGNING_NAME = /sigv4|sig-v4|aws4|awssign|aws-sign/i;

/**
 * Does running this policy sign a request with SigV4? A FlowCallout to a
 * shared flow named like aws-sigv4; a JavaScript or Python policy whose script
 * is named like one or builds "AWS4-HMAC-SHA256"; an AssignMessage that
 * writes that algorithm (an Authorization header from templates); a Java
 * callout whose class is named like a SigV4 signer.
 */
export function isSigningPolicy(bundle: BundleModel, policy: PolicyFile): boolean {
  switch (policy.type) {
    case "FlowCallout":
      return SIGNING_NAME.test(flowCalloutTarget(policy.root) ?? "");
    case "Javascript":
    case "Script":
      return policyScripts(bundle, policy).some((s) => SIGNING_NAME.test(s.name) || s.text.indexOf(SIGV4_ALGORITHM) >= 0);
    case "AssignMessage":
      return policy.text.indexOf(SIGV4_ALGORITHM) >= 0;
    case "JavaCallout":
      return SIGNING_NAME.test(trimmedOwnText(firstChild(policy.root, "ClassName"))) || /sigv4|signer/i.test(policy.name);
    default:
      return false;
  }
}

/** The message a signing FlowCallout signs when it names one literally (aws.sigv4.message), else null. */
export function signedMessage(policy: PolicyFile): string | null {
  const param = flowCalloutParameters(policy).find((p) => p.name === "aws.sigv4.message");
  return param && param.value !== null && param.value !== "" ? param.value : null;
}

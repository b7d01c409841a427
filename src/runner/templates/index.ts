// Apigee message templates for the bundle runner: `{variable}`,
// `{variable:default}`, and the static functions (`{hmacSha256(key,msg,'hex','hex')}`).
// See https://cloud.google.com/apigee/docs/api-platform/reference/message-template-intro

import { TemplateParser } from "./parser";
import { ParsedTemplate, Template } from "./template";

export { TemplateFunctionError, TemplateSyntaxError, UnresolvedVariableError } from "./errors";
export type { Lookup, RenderOptions, Template } from "./template";
export { knownFunctionNames } from "./functions";

export interface TemplateDelimiters {
  /** Starts a reference; "{" unless set (AssignMessage Payload variablePrefix). */
  prefix?: string;
  /** Ends a reference; "}" unless set (AssignMessage Payload variableSuffix). */
  suffix?: string;
}

/** Parses a template; throws TemplateSyntaxError for a malformed function call. */
export function parseTemplate(text: string, delimiters?: TemplateDelimiters): Template {
  const prefix = delimiters?.prefix || "{";
  const suffix = delimiters?.suffix || "}";
  return new ParsedTemplate(text, new TemplateParser(text, prefix, suffix).parse());
}

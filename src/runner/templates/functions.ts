// Every message template function Apigee documents, by name. Names are
// case-sensitive, as in Apigee.

import { ESCAPE_FUNCTIONS } from "./escape-functions";
import type { TemplateFunction } from "./function-types";
import { HASH_FUNCTIONS } from "./hash-functions";
import { JSON_PATH_FUNCTION } from "./json-path";
import { STRING_FUNCTIONS } from "./string-functions";
import { TIME_FUNCTIONS } from "./time-format";
import { XPATH_FUNCTION } from "./xpath-function";

const ALL: TemplateFunction[] = [
  ...HASH_FUNCTIONS,
  ...STRING_FUNCTIONS,
  ...ESCAPE_FUNCTIONS,
  ...TIME_FUNCTIONS,
  JSON_PATH_FUNCTION,
  XPATH_FUNCTION
];

const BY_NAME = new Map(ALL.map((f) => [f.name, f]));

/** Documented by Apigee but not implemented here: parse errors say so plainly. */
export const UNIMPLEMENTED_FUNCTIONS: ReadonlyMap<string, string> = new Map([
  ["xeger", "xeger() (random text matching a regex) is not implemented by the local runner"]
]);

export function templateFunction(name: string): TemplateFunction | undefined {
  return BY_NAME.get(name);
}

export function knownFunctionNames(): string[] {
  return ALL.map((f) => f.name).sort((a, b) => a.localeCompare(b));
}

// jsonPath(json-path,json-var[,want-array]). Apigee evaluates with Jayway
// JsonPath: a definite path yields one value, an indefinite one (wildcards,
// filters, deep scans, unions, slices) a list of matches. The function returns
// the zeroth element of a list, or the whole list as JSON when want-array is
// "true"; no match renders "".

import { JSONPath } from "jsonpath-plus";
import { TemplateFunctionError } from "./errors";
import { TemplateFunction, textArg } from "./function-types";

/** True when the path names at most one location (Jayway's "definite" path). */
export function isDefinitePath(path: string): boolean {
  if (path.includes("..") || path.includes("*")) return false;
  let inBracket = false;
  let quote = "";
  for (const c of path) {
    if (quote) {
      if (c === quote) quote = "";
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "[") inBracket = true;
    else if (c === "]") inBracket = false;
    else if (inBracket && (c === "?" || c === "(" || c === "," || c === ":")) return false;
  }
  return true;
}

/** A JSON value as template text: strings as themselves, the rest as compact JSON. */
function asText(value: unknown): string {
  if (value === null || value === undefined) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}

function evaluate(path: string, jsonText: string, wantArray: boolean): string {
  let json: unknown;
  try {
    json = JSON.parse(jsonText);
  } catch (e) {
    throw new TemplateFunctionError("jsonPath", `json-var is not valid JSON (${(e as Error).message})`);
  }
  let matches: unknown[];
  try {
    matches = JSONPath({ path, json: json as object, wrap: true }) as unknown[];
  } catch (e) {
    throw new TemplateFunctionError("jsonPath", `cannot evaluate JSON path '${path}': ${(e as Error).message}`);
  }
  if (!Array.isArray(matches) || matches.length === 0) return "";
  const resultSet = isDefinitePath(path) ? matches[0] : matches;
  if (!Array.isArray(resultSet)) return asText(resultSet);
  return wantArray ? JSON.stringify(resultSet) : asText(resultSet[0]);
}

export const JSON_PATH_FUNCTION: TemplateFunction = {
  name: "jsonPath",
  signature: "jsonPath(json-path,json-var[,want-array])",
  minArgs: 2,
  maxArgs: 3,
  call: (args) => evaluate(textArg(args, 0), textArg(args, 1), textArg(args, 2).toLowerCase() === "true")
};

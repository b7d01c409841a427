// GetParametersByPath's ParameterFilters as SSM takes them: each filter's
// shape against the API model (Key pattern and length, Option length, 1 to 50
// Values of 1 to 1024 characters: ValidationException), then the keys
// GetParametersByPath allows (Type, KeyId, Label; tag:..., DataType, Name,
// Path and Tier are InvalidFilterKey), their options (Equals or BeginsWith;
// Label only Equals: InvalidFilterOption) and values (InvalidFilterValue).
// Filters combine with AND, a filter's values with OR. A Label filter selects
// the version that carries the label, which need not be the latest.
// Sources in docs/runner.md.

import type { AwsError } from "./aws-errors";
import type { ParameterStore, ParameterVersion } from "./ssm-parameters";

export interface ParameterFilter {
  key: "Type" | "KeyId" | "Label";
  option: "Equals" | "BeginsWith";
  values: string[];
}

const KEY_PATTERN = "tag:.+|Name|Type|KeyId|Path|Label|Tier|DataType";
const BY_PATH_KEYS = ["Type", "KeyId", "Label"];
const TYPES = ["String", "StringList", "SecureString"];
const MAX_VALUES = 50;

export function parseFilters(input: unknown): { ok: ParameterFilter[] } | { error: AwsError } {
  if (input === undefined || input === null) return { ok: [] };
  if (!Array.isArray(input) || input.some((f) => typeof f !== "object" || f === null || Array.isArray(f))) {
    return { error: { code: "SerializationException", status: 400, message: "ParameterFilters must be a list of {Key, Option, Values} objects" } };
  }
  const shapeErrors: string[] = [];
  input.forEach((raw: Record<string, unknown>, i) => {
    const at = `parameterFilters.${i + 1}.member`;
    const { Key: key, Option: option, Values: values } = raw;
    if (typeof key !== "string") shapeErrors.push(`Value null at '${at}.key' failed to satisfy constraint: Member must not be null`);
    else if (!new RegExp(`^(?:${KEY_PATTERN})$`).test(key) || key.length > 132) {
      shapeErrors.push(`Value '${key}' at '${at}.key' failed to satisfy constraint: Member must satisfy regular expression pattern: ${KEY_PATTERN}`);
    }
    if (option !== undefined && (typeof option !== "string" || option.length < 1 || option.length > 10)) {
      shapeErrors.push(`Value '${String(option)}' at '${at}.option' failed to satisfy constraint: Member must have length less than or equal to 10`);
    }
    if (values !== undefined) {
      if (!Array.isArray(values) || values.length < 1 || values.length > MAX_VALUES) {
        shapeErrors.push(`Value '${JSON.stringify(values)}' at '${at}.values' failed to satisfy constraint: Member must have length between 1 and ${MAX_VALUES}`);
      } else if (values.some((v) => typeof v !== "string" || v.length < 1 || v.length > 1024)) {
        shapeErrors.push(`Value '[${values.join(", ")}]' at '${at}.values' failed to satisfy constraint: [Member must have length less than or equal to 1024, Member must have length greater than or equal to 1]`);
      }
    }
  });
  if (shapeErrors.length > 0) {
    const count = shapeErrors.length;
    return { error: { code: "ValidationException", status: 400, message: `${count} validation error${count > 1 ? "s" : ""} detected: ${shapeErrors.join("; ")}` } };
  }
  const filters: ParameterFilter[] = [];
  for (const raw of input as { Key: string; Option?: string; Values?: string[] }[]) {
    const key = raw.Key;
    if (!BY_PATH_KEYS.includes(key)) return filterError("InvalidFilterKey", `The following filter key is not valid: ${key}. Valid filter keys include: [Type, KeyId].`);
    if (filters.some((f) => f.key === key)) {
      return filterError("InvalidFilterKey", `The following filter is duplicated in the request: ${key}. A request can contain only one occurrence of a specific filter.`);
    }
    const option = raw.Option ?? "Equals";
    const options = key === "Label" ? ["Equals"] : ["BeginsWith", "Equals"];
    if (!options.includes(option)) return filterError("InvalidFilterOption", `The following filter option is not valid: ${option}. Valid options include: [${options.join(", ")}].`);
    const values = raw.Values ?? [];
    if (values.length === 0) return filterError("InvalidFilterValue", `The following filter values are missing : null for filter key ${key}.`);
    const badType = key === "Type" && option === "Equals" ? values.find((v) => !TYPES.includes(v)) : undefined;
    if (badType !== undefined) return filterError("InvalidFilterValue", `The following filter value is not valid: ${badType}. Valid values include: [${TYPES.join(", ")}].`);
    filters.push({ key: key as ParameterFilter["key"], option: option as ParameterFilter["option"], values });
  }
  return { ok: filters };
}

/**
 * The version of a parameter the filters select (its latest, or the one
 * carrying a Label filter's label), or undefined when they exclude it.
 * `keyNames`: the names a KeyId filter may use for a SecureString's key.
 */
export function selectVersion(
  store: ParameterStore,
  name: string,
  filters: ParameterFilter[],
  keyNames: (p: ParameterVersion) => string[]
): ParameterVersion | undefined {
  const label = filters.find((f) => f.key === "Label");
  const version = label ? label.values.map((l) => store.labelled(name, l)).find((v) => v !== undefined) : store.get(name);
  if (!version) return undefined;
  const matches = (filter: ParameterFilter, candidates: string[]) =>
    filter.values.some((value) => candidates.some((c) => (filter.option === "Equals" ? c === value : c.startsWith(value))));
  for (const filter of filters) {
    if (filter.key === "Type" && !matches(filter, [version.type])) return undefined;
    if (filter.key === "KeyId" && (version.type !== "SecureString" || !matches(filter, keyNames(version)))) return undefined;
  }
  return version;
}

function filterError(code: string, message: string): { error: AwsError } {
  return { error: { code, status: 400, message } };
}

// `headers`: added to the target request. A value `ssm:/path` is a secret
// read from SSM Parameter Store at runtime (aws-ssm-parameter), never
// written into the bundle.

import type { HeaderValue, ProxyIntent } from "./model";
import { ssmParameterProblem } from "./aws-names";
import { Field, MapView, offsetInScalar, readMap, readString, valueAnchor } from "./reader";
import { headerNameProblem, headerValueProblem } from "./web-names";
import { YamlSource } from "./yaml-source";
import { placeholderProblem } from "./env-placeholder";

export type ProxyHeaders = ProxyIntent["headers"];

const SSM_PREFIX = "ssm:";

/** `environments` (undefined when invalid) are the names an SSM parameter's {env} takes, each checked. */
export function readHeaders(src: YamlSource, field: Field | undefined, environments: readonly string[] | undefined): ProxyHeaders | undefined {
  if (field === undefined) return [];
  const node = readMap(src, field, "a mapping of header name to value, e.g. {X-Api-Key: ssm:/apigee/prod/api-key}");
  if (node === undefined) return undefined;
  const headers: ProxyHeaders = [];
  const seen = new Map<string, string>();
  let ok = true;
  for (const entry of new MapView(src, node, field.path, null).entries()) {
    const header = readHeader(src, entry, environments);
    const earlier = seen.get(entry.name.toLowerCase());
    if (earlier !== undefined) {
      src.report(entry.key, entry.path, `header '${entry.name}' is the same header as '${earlier}' (names are case-insensitive); keep one`);
      ok = false;
      continue;
    }
    seen.set(entry.name.toLowerCase(), entry.name);
    if (header === undefined) ok = false;
    else headers.push(header);
  }
  return ok ? headers : undefined;
}

function readHeader(src: YamlSource, entry: Field, environments: readonly string[] | undefined): ProxyHeaders[number] | undefined {
  const nameProblem = headerNameProblem(entry.name);
  if (nameProblem !== null) src.report(entry.key, entry.path, nameProblem);
  const text = readString(src, entry, "a header value, or ssm:/parameter/name for a secret from SSM Parameter Store");
  if (text === undefined) return undefined;
  const value = readValue(src, entry, text, environments);
  return nameProblem === null && value !== undefined ? { name: entry.name, value } : undefined;
}

function readValue(src: YamlSource, entry: Field, text: string, environments: readonly string[] | undefined): HeaderValue | undefined {
  if (text.startsWith(SSM_PREFIX)) {
    const parameter = text.slice(SSM_PREFIX.length);
    const problem = placeholderProblem(parameter, environments, ssmParameterProblem, "SSM parameter name");
    if (problem === null) return { kind: "ssm", parameter };
    src.report(entry.value ? offsetInScalar(entry.value, SSM_PREFIX.length) : entry.key, entry.path, problem);
    return undefined;
  }
  const problem = headerValueProblem(text);
  if (problem === null) return { kind: "literal", value: text };
  src.report(valueAnchor(entry), entry.path, problem);
  return undefined;
}

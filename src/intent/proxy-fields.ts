// Proxy fields with a fixed set of values or a default derived from the
// proxy: access, identity mode, base path.

import { Node } from "yaml";
import type { Access, ProxyIntent } from "./model";
import { basePathProblem } from "./apigee-names";
import { ACCESS_VALUES, IDENTITY_MODES } from "./keys";
import { choiceProblem, Field, readString, valueAnchor } from "./reader";
import { YamlSource } from "./yaml-source";

export interface BasePath {
  value: string;
  /** Where it was written, or the proxy's key for the default. */
  anchor: Node;
}

export function readAccess(src: YamlSource, field: Field | undefined): Access | undefined {
  if (field === undefined) return "read";
  const text = readString(src, field, `one of ${ACCESS_VALUES.join(", ")}`);
  if (text === undefined) return undefined;
  const problem = choiceProblem(text, ACCESS_VALUES, "access");
  if (problem !== null) src.report(valueAnchor(field), field.path, `${problem} (read: GET, HEAD and listing; write: PUT; read-write: both; DELETE only with delete: true)`);
  return problem === null ? (text as Access) : undefined;
}

export function readIdentityMode(src: YamlSource, field: Field | undefined): ProxyIntent["identity"] | undefined {
  if (field === undefined) return "gateway";
  const text = readString(src, field, `one of ${IDENTITY_MODES.join(", ")}`);
  if (text === undefined) return undefined;
  const problem = choiceProblem(text, IDENTITY_MODES, "identity mode");
  if (problem !== null) src.report(valueAnchor(field), field.path, `${problem} (gateway: the Apigee runtime's service account; caller: the caller's JWT)`);
  return problem === null ? (text as ProxyIntent["identity"]) : undefined;
}

export function defaultBasePath(src: YamlSource, entry: Field, nameValid: boolean): BasePath | undefined {
  if (!nameValid) return undefined;
  const value = `/${entry.name}`;
  const problem = basePathProblem(value);
  if (problem !== null) {
    src.report(entry.key, [...entry.path, "basePath"], `the default base path ${value} is not valid (${problem}); set basePath`);
    return undefined;
  }
  return { value, anchor: entry.key };
}

export function readBasePath(src: YamlSource, field: Field | undefined, entry: Field, nameValid: boolean): BasePath | undefined {
  if (field === undefined) return defaultBasePath(src, entry, nameValid);
  const value = readString(src, field, "a base path such as /reports");
  if (value === undefined) return undefined;
  const problem = basePathProblem(value);
  if (problem !== null) src.report(valueAnchor(field), field.path, problem);
  return problem === null ? { value, anchor: valueAnchor(field) } : undefined;
}

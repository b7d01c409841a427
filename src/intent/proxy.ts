// One entry of `proxies`: the one-line form (`name: <target> [<access>]`) or
// the mapping form, read into a ProxyIntent with every default resolved.

import { DEFAULT_INLINE_TYPES, readInlineTypes } from "./inline-types";
import { isMap, isScalar, Node, YAMLMap } from "yaml";
import type { Access, ProxyIntent } from "./model";
import { proxyNameProblem } from "./apigee-names";
import { DefaultAuth, ProxyAuth, readProxyAuth } from "./auth";
import { Cors, readCors } from "./cors";
import { ProxyHeaders, readHeaders } from "./headers";
import { ACCESS_VALUES, PROXY_KEYS } from "./keys";
import { ONE_LINE_FORM, splitOneLine } from "./one-line";
import { FieldPath } from "./problems";
import { BasePath, defaultBasePath, readAccess, readBasePath, readIdentityMode } from "./proxy-fields";
import { parseQuota, Quota, spikeArrestProblem } from "./rates";
import { choiceProblem, describeNode, Field, MapView, offsetInScalar, readBoolean, readChecked, readParsed, valueAnchor } from "./reader";
import { ProxyRoles, readRoles, RoleContext } from "./roles";
import { readTrust, type TrustPins } from "./trust";
import { parseTarget, readTarget } from "./target";
import { YamlSource } from "./yaml-source";

/** What every proxy needs from the top level; undefined parts were missing or invalid (already reported). */
export interface ProxyContext {
  environments: readonly string[] | undefined;
  defaultAuth: DefaultAuth;
  /** aws.region: the signing region of an https target whose host names none (its URL is the same in every environment). */
  defaultRegion: string | undefined;
  /** An environment's account and region, as far as they are valid. */
  placeOf: (env: string) => { account: string | undefined; region: string | undefined };
}

/** A proxy as far as it could be read: the parts the cross-checks need, and the intent when all of it is valid. */
export interface ProxyDraft {
  name: string;
  key: Node;
  path: FieldPath;
  basePath: BasePath | undefined;
  roles: ProxyRoles | undefined;
  identity: ProxyIntent["identity"] | undefined;
  intent: ProxyIntent | undefined;
}

interface Parts {
  target: ProxyIntent["target"] | undefined;
  access: Access | undefined;
  delete: boolean | undefined;
  basePath: BasePath | undefined;
  auth: ProxyAuth | undefined;
  identity: ProxyIntent["identity"] | undefined;
  roles: ProxyRoles | undefined;
  quota: Quota | null | undefined;
  spikeArrest: string | null | undefined;
  cors: Cors | null | undefined;
  headers: ProxyHeaders | undefined;
  inlineTypes: string[] | undefined;
  trust: TrustPins | null | undefined;
}

const MAPPING_FORM = "a mapping with target, access, basePath, auth, identity, role, quota, spikeArrest, cors, headers, sign, trust";

/** Advice for keys that belong elsewhere. */
const PROXY_KEY_ADVICE: Record<string, string> = {
  public: "A proxy is made public with 'auth: {public: true}'.",
  jwt: "A proxy's own JWT settings go under 'auth: {jwt: {...}}'.",
  origins: "Origins go under 'cors: {origins: [...]}'.",
  service: "The signing name goes under 'sign: {service: ...}'."
};

export function readProxy(src: YamlSource, entry: Field, ctx: ProxyContext): ProxyDraft {
  const nameProblem = proxyNameProblem(entry.name);
  if (nameProblem !== null) src.report(entry.key, entry.path, nameProblem);
  const draft: ProxyDraft = { name: entry.name, key: entry.key, path: entry.path, basePath: undefined, roles: undefined, identity: undefined, intent: undefined };
  let parts: Parts | undefined;
  if (isMap(entry.value)) parts = readMappingForm(src, entry, entry.value, ctx, nameProblem === null);
  else if (isScalar(entry.value) && typeof entry.value.value === "string") parts = readOneLineForm(src, entry, entry.value, entry.value.value, ctx, nameProblem === null);
  else src.report(valueAnchor(entry), entry.path, `expected ${ONE_LINE_FORM}, or ${MAPPING_FORM}; found ${describeNode(entry.value)}`);
  if (parts === undefined) return draft;
  draft.basePath = parts.basePath;
  draft.roles = parts.roles;
  draft.identity = parts.identity;
  if (nameProblem === null) draft.intent = complete(src, entry, parts);
  return draft;
}

function complete(src: YamlSource, entry: Field, p: Parts): ProxyIntent | undefined {
  const { target, access, basePath, auth, identity, roles, quota, spikeArrest, cors, headers, inlineTypes, trust } = p;
  if (target === undefined || access === undefined || p.delete === undefined || basePath === undefined || auth === undefined) return undefined;
  if (identity === undefined || roles === undefined || quota === undefined || spikeArrest === undefined || cors === undefined || headers === undefined || inlineTypes === undefined) return undefined;
  if (trust === undefined) return undefined;
  return {
    name: entry.name,
    target,
    access,
    delete: p.delete,
    basePath: basePath.value,
    auth,
    identity,
    roles: roles.names,
    quota,
    spikeArrest,
    cors,
    headers,
    inlineTypes: target.kind === "s3" ? inlineTypes : [],
    trust,
    location: { file: src.file, ...src.position(entry.key) }
  };
}

function readOneLineForm(src: YamlSource, entry: Field, node: Node, line: string, ctx: ProxyContext, nameValid: boolean): Parts | undefined {
  const words = splitOneLine(line);
  if ("problem" in words) {
    src.report(offsetInScalar(node, words.index), entry.path, words.problem);
    return undefined;
  }
  let target: ProxyIntent["target"] | undefined;
  const parsed = parseTarget(words.target.text, ctx.environments);
  if (Array.isArray(parsed)) {
    for (const problem of parsed) src.report(offsetInScalar(node, words.target.index + problem.index), entry.path, problem.message);
  } else if (parsed.kind === "https") {
    src.report(offsetInScalar(node, words.target.index), entry.path, `an https target needs a signing name, which the one-line form cannot give: use the mapping form, e.g. ${entry.name}: {target: ${parsed.url}, sign: {service: lambda}}`);
  } else {
    target = { kind: "s3", bucket: parsed.bucket, prefix: parsed.prefix };
  }
  let access: Access | undefined = "read";
  if (words.access !== null) {
    const problem = choiceProblem(words.access.text, ACCESS_VALUES, "access");
    if (problem !== null) src.report(offsetInScalar(node, words.access.index), entry.path, problem);
    access = problem === null ? (words.access.text as Access) : undefined;
  }
  return {
    target,
    access,
    delete: false,
    basePath: defaultBasePath(src, entry, nameValid),
    auth: readProxyAuth(src, undefined, ctx.defaultAuth, entry.key, entry.path),
    identity: "gateway",
    roles: nameValid ? readRoles(src, undefined, roleContext(entry, ctx)) : undefined,
    quota: null,
    spikeArrest: null,
    cors: null,
    headers: [],
    inlineTypes: DEFAULT_INLINE_TYPES.slice(),
    trust: null
  };
}

function readMappingForm(src: YamlSource, entry: Field, node: YAMLMap, ctx: ProxyContext, nameValid: boolean): Parts {
  const view = new MapView(src, node, entry.path, PROXY_KEYS, PROXY_KEY_ADVICE);
  const targetField = view.require("target", "s3://bucket/prefix/ or an https AWS endpoint URL");
  const identity = readIdentityMode(src, view.get("identity"));
  const auth = readProxyAuth(src, view.get("auth"), ctx.defaultAuth, entry.key, entry.path);
  if (identity === "caller" && auth?.kind === "public") {
    const field = view.get("identity");
    src.report(field ? valueAnchor(field) : entry.key, [...entry.path, "identity"], "identity: caller exchanges the caller's JWT for AWS credentials, so the proxy needs jwt auth, but it is public: remove 'auth: {public: true}' or use identity: gateway");
  }
  const target = targetField === undefined ? undefined : readTarget(src, targetField, view.get("sign"), ctx.defaultRegion, ctx.environments);
  if (target?.kind === "aws") refuseMethodSettings(src, view);
  const inlineField = view.get("inlineTypes");
  if (target?.kind === "aws" && inlineField !== undefined) {
    src.report(inlineField.key, inlineField.path, "'inlineTypes' applies to s3:// targets, whose objects may have been uploaded by anyone; a signed https target's answers pass through as AWS sends them: remove it");
  }
  return {
    target,
    access: readAccess(src, view.get("access")),
    delete: optional(view.get("delete"), false, (f) => readBoolean(src, f, "true allows DELETE")),
    basePath: readBasePath(src, view.get("basePath"), entry, nameValid),
    auth,
    identity,
    roles: nameValid ? readRoles(src, view.get("role"), roleContext(entry, ctx)) : undefined,
    quota: optional(view.get("quota"), null, (f) => readParsed(src, f, "a quota such as 600/minute", parseQuota)),
    spikeArrest: optional(view.get("spikeArrest"), null, (f) => readChecked(src, f, "a SpikeArrest rate such as 30ps or 100pm", spikeArrestProblem)),
    cors: readCors(src, view.get("cors")),
    headers: readHeaders(src, view.get("headers"), ctx.environments),
    inlineTypes: readInlineTypes(src, inlineField),
    trust: readTrustFor(src, view.get("trust"), identity, auth)
  };
}

/** trust pins the caller's token, so it needs caller mode; Google as the issuer makes only sub a condition key besides the audience. */
function readTrustFor(src: YamlSource, field: Field | undefined, identity: ProxyIntent["identity"] | undefined, auth: ProxyAuth | undefined): TrustPins | null | undefined {
  const trust = readTrust(src, field);
  if (!field || !trust) return trust;
  if (identity !== "caller") {
    src.report(field.key, field.path, "trust pins claims of the caller's token, which only identity: caller exchanges at STS; a gateway-mode role already trusts its proxy's own service account alone: remove trust, or set identity: caller");
    return undefined;
  }
  if (auth?.kind === "jwt" && /^https:\/\/accounts\.google\.com\/?$/.test(auth.jwt.issuer) && (trust.azp.length || trust.amr.length)) {
    src.report(field.key, field.path, "for Google as the issuer IAM has no azp or amr condition keys (accounts.google.com:aud is already the token's azp): pin sub only");
    return undefined;
  }
  return trust;
}

/**
 * A signed passthrough forwards every method: AWS's JSON and query APIs read
 * with POST, so methods say nothing about reading or writing there, and
 * silently ignoring `access` would suggest a guard that does not exist.
 */
function refuseMethodSettings(src: YamlSource, view: MapView): void {
  for (const key of ["access", "delete"]) {
    const field = view.get(key);
    if (field === undefined) continue;
    src.report(field.key, field.path, `'${key}' applies to s3:// targets; a signed https target passes every method through (AWS APIs read with POST too), and its role's permissions decide what AWS allows: remove '${key}' and attach those permissions to the role (apigee-aws explain lists what to attach)`);
  }
}

function optional<T, D>(field: Field | undefined, fallback: D, read: (field: Field) => T | undefined): T | D | undefined {
  return field === undefined ? fallback : read(field);
}

function roleContext(entry: Field, ctx: ProxyContext): RoleContext {
  return { proxyName: entry.name, proxyKey: entry.key, proxyPath: entry.path, environments: ctx.environments, placeOf: ctx.placeOf };
}

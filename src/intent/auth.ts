// Caller authentication: the top-level default and each proxy's own. Secure
// by default: a proxy with no authentication is refused unless it states
// `auth: {public: true}` itself; there is no way to make every proxy public
// at once.

import { Node } from "yaml";
import type { JwtAuth, ProxyIntent } from "./model";
import { JWT_KEYS, PROXY_AUTH_KEYS, TOP_AUTH_KEYS } from "./keys";
import { Field, MapView, readBoolean, readChecked, readMap, readString, valueAnchor } from "./reader";
import { FieldPath } from "./problems";
import { httpsUrlProblem } from "./web-names";
import { YamlSource } from "./yaml-source";

export type ProxyAuth = ProxyIntent["auth"];

/** The top-level default: none stated, stated but invalid (already reported), or a JWT configuration. */
export type DefaultAuth = { kind: "none" } | { kind: "invalid" } | { kind: "jwt"; jwt: JwtAuth };

const JWT_FORM = "{jwt: {issuer, audience, jwksUri}}";

export function readDefaultAuth(src: YamlSource, field: Field | undefined): DefaultAuth {
  if (field === undefined) return { kind: "none" };
  const node = readMap(src, field, `a mapping ${JWT_FORM}`);
  if (node === undefined) return { kind: "invalid" };
  const view = new MapView(src, node, field.path, TOP_AUTH_KEYS, {
    public: "A proxy is made public on the proxy itself (proxies.NAME.auth: {public: true}), never for all proxies at once."
  });
  // A mapping with only wrong keys (e.g. public) has been reported; "missing jwt" would repeat it.
  const jwtField = node.items.length === 0 ? view.require("jwt", `the JWT that callers present, ${JWT_FORM}`) : view.get("jwt");
  if (jwtField === undefined) return { kind: "invalid" };
  const jwt = readJwt(src, jwtField, null);
  return jwt === undefined ? { kind: "invalid" } : { kind: "jwt", jwt };
}

/**
 * A proxy's authentication: its own `auth`, else the top-level default.
 * Fields of a proxy's jwt that it leaves out come from the default (e.g. a
 * proxy that only sets its own audience).
 */
export function readProxyAuth(src: YamlSource, field: Field | undefined, fallback: DefaultAuth, proxyKey: Node, proxyPath: FieldPath): ProxyAuth | undefined {
  const stated = field === undefined ? undefined : readStatedAuth(src, field, fallback);
  if (stated === "invalid") return undefined;
  if (stated !== undefined) return stated;
  if (fallback.kind === "jwt") return { kind: "jwt", jwt: fallback.jwt };
  if (fallback.kind === "none") src.report(proxyKey, proxyPath, refusal());
  return undefined;
}

function refusal(): string {
  return (
    "refusing to build a proxy without authentication: there is no top-level auth and the proxy sets none, and a proxy is public only when it says so. " +
    `Add a top-level 'auth: ${JWT_FORM}', give this proxy its own 'auth: ${JWT_FORM}', or, if anyone may call it, state 'auth: {public: true}' on this proxy`
  );
}

/** The proxy's own auth, undefined when it states nothing that decides (e.g. `public: false`). */
function readStatedAuth(src: YamlSource, field: Field, fallback: DefaultAuth): ProxyAuth | undefined | "invalid" {
  const node = readMap(src, field, `a mapping ${JWT_FORM} or {public: true}`);
  if (node === undefined) return "invalid";
  const view = new MapView(src, node, field.path, PROXY_AUTH_KEYS);
  const publicField = view.get("public");
  const jwtField = view.get("jwt");
  if (publicField !== undefined) {
    const isPublic = readBoolean(src, publicField, "true makes the proxy callable without authentication");
    if (isPublic === undefined) return "invalid";
    if (isPublic && jwtField !== undefined) {
      src.report(publicField.key, publicField.path, "a proxy cannot be both public and require a JWT: remove 'public: true' or the 'jwt' block");
      return "invalid";
    }
    if (isPublic) return { kind: "public" };
  }
  if (jwtField === undefined) return undefined;
  const jwt = readJwt(src, jwtField, fallback.kind === "jwt" ? fallback.jwt : null);
  return jwt === undefined ? "invalid" : { kind: "jwt", jwt };
}

/** A jwt block; missing fields come from `defaults` when given. */
function readJwt(src: YamlSource, field: Field, defaults: JwtAuth | null): JwtAuth | undefined {
  const node = readMap(src, field, "a mapping {issuer, audience, jwksUri}");
  if (node === undefined) return undefined;
  const view = new MapView(src, node, field.path, JWT_KEYS);
  const read = (name: "issuer" | "audience" | "jwksUri", expected: string, check: (value: string) => string | null): string | undefined => {
    const f = defaults === null ? view.require(name, expected) : view.get(name);
    if (f === undefined) return defaults?.[name];
    const value = readString(src, f, expected);
    if (value === undefined) return undefined;
    const problem = check(value);
    if (problem !== null) src.report(valueAnchor(f), f.path, problem);
    return problem === null ? value : undefined;
  };
  const issuer = read("issuer", "the token issuer (the iss claim), an https URL", (v) => httpsUrlProblem(v, { what: "the JWT issuer", allowQuery: false }));
  const audience = read("audience", "the audience the token is issued for (the aud claim)", (v) => (v.trim() === "" ? "the audience must not be empty" : null));
  const jwksUri = read("jwksUri", "the https URL of the issuer's JSON Web Key Set", (v) => httpsUrlProblem(v, { what: "jwksUri", allowQuery: true }));
  const ownIssuer = view.get("issuer");
  if (defaults !== null && ownIssuer !== undefined && view.get("jwksUri") === undefined) {
    src.report(ownIssuer.key, [...field.path, "jwksUri"], "a proxy that sets its own issuer must set its own jwksUri too: the keys come from that issuer");
    return undefined;
  }
  const lifespanField = view.get("maxLifespan");
  const maxLifespan = lifespanField === undefined ? (defaults?.maxLifespan ?? DEFAULT_MAX_LIFESPAN) : readChecked(src, lifespanField, "a duration such as 1h", maxLifespanProblem);
  if (issuer === undefined || audience === undefined || jwksUri === undefined || maxLifespan === undefined) return undefined;
  return { issuer, audience, jwksUri, maxLifespan };
}

/**
 * A token's longest allowed life when the intent says nothing: a day. Access
 * and ID tokens of the common IdPs live an hour; a token valid for years,
 * minted once and leaked, would otherwise open the API for as long.
 */
export const DEFAULT_MAX_LIFESPAN = "24h";

/** VerifyJWT's MaxLifespan pattern (digits and one of s, m, h, d), at most 30 days and at least a minute. */
function maxLifespanProblem(text: string): string | null {
  const m = /^(\d{1,7})([smhd])$/.exec(text);
  if (!m) return `expected a duration: a whole number followed by s, m, h or d (e.g. 1h, 90m), found '${text}'`;
  const seconds = Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[m[2] as "s" | "m" | "h" | "d"];
  if (seconds < 60) return `a lifespan of ${text} is shorter than a minute: every token would be refused as soon as the clocks differ`;
  if (seconds > 30 * 86400) return `a lifespan of ${text} is over 30 days: a leaked token would open the API for that long; use 30d or less`;
  return null;
}

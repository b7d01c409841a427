// VerifyJWT: checks a signed JWT's signature, its times (exp, nbf, iat, give
// or take <TimeAllowance>) and the claims the policy names, then sets
// jwt.NAME.* (see jwt-variables.ts). Any failure is a 401 fault named as in
// Apigee's JWT error reference (steps.jwt.TokenExpired, InvalidToken, ...),
// with jwt.NAME.valid false, jwt.NAME.error its message and JWT.failed true.
// Without <Source> the token is the request's Authorization header, minus
// "Bearer ". Encrypted JWTs (<Algorithms>) are not supported by the runner.

import { isDeepStrictEqual } from "node:util";
import * as jose from "jose";
import type { ProblemList } from "../bundle/load-error";
import { allowOnly, attr, booleanText, child, childText, elements, lineOf, XmlNode } from "../bundle/xml";
import type { ExecutionContext } from "../execution/context";
import { PolicyFault } from "../execution/fault";
import { booleanAttr } from "./boolean-attribute";
import { JwtFailure } from "./jwt-failure";
import { KeySpec, readKeySpec, resolveKey } from "./jwt-keys";
import { setTokenVariables } from "./jwt-variables";
import type { PolicyDefinition } from "../bundle/model";
import { COMMON_ATTRIBUTES, COMMON_ELEMENTS, CompiledPolicy, policyBase } from "./policy";
import { resolveValue, valueSource, ValueSource } from "./values";

const ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "HS256", "HS384", "HS512"];
const CLAIM_TYPES = ["string", "number", "boolean", "map"] as const;
type ClaimType = (typeof CLAIM_TYPES)[number];
const DEFAULT_SOURCE = "request.header.authorization";
const ALLOWANCE = /^(\d+)(ms|s|m|h|d)$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

interface ExpectedClaim {
  name: string;
  value: ValueSource;
  type: ClaimType;
  array: boolean;
}

interface VerifyConfig {
  policy: string;
  algorithms: string[];
  key: KeySpec | null;
  source: string;
  ignoreUnresolved: boolean;
  timeAllowance: ValueSource | null;
  issuer: ValueSource | null;
  subject: ValueSource | null;
  audience: ValueSource | null;
  claims: ExpectedClaim[];
  headers: ExpectedClaim[];
  /** Whether <Source> was left out: the Authorization header, whose "Bearer " prefix is then required. */
  defaultSource: boolean;
  requiredClaims: ValueSource | null;
  maxLifespan: { value: ValueSource; useIssueTime: boolean } | null;
}

/** MaxLifespan's pattern (Apigee's VerifyJWT schema: digits and one of s, m, h, d). */
const LIFESPAN = /^(\d+)(s|m|h|d)$/;

function readAlgorithms(def: PolicyDefinition, problems: ProblemList): string[] {
  const text = childText(def.node, "Algorithm");
  if (!text) {
    problems.add(def.file, def.line, "<VerifyJWT> has no <Algorithm> such as RS256");
    return [];
  }
  const list = text.split(",").map((a) => a.trim());
  const node = child(def.node, "Algorithm")!;
  for (const a of list) if (!ALGORITHMS.includes(a)) problems.add(node.file, lineOf(node), `<Algorithm>: ${a} is not one of ${ALGORITHMS.join(", ")}`);
  if (new Set(list.map((a) => a.slice(0, 2))).size > 1) problems.add(node.file, lineOf(node), `<Algorithm>${text}</Algorithm> mixes algorithm families; list algorithms of one family`);
  return list;
}

function claimList(node: XmlNode | null, problems: ProblemList): ExpectedClaim[] {
  if (!node) return [];
  allowOnly(node, problems, ["Claim"]);
  return elements(node, "Claim").map((c) => {
    allowOnly(c, problems, [], ["name", "ref", "type", "array"]);
    const name = attr(c, "name");
    if (!name) problems.add(c.file, lineOf(c), "<Claim> has no name attribute");
    const type = (attr(c, "type") ?? "string").trim();
    if (!(CLAIM_TYPES as readonly string[]).includes(type)) problems.add(c.file, lineOf(c), `<Claim type="${type}"> is not one of ${CLAIM_TYPES.join(", ")}`);
    return { name: name ?? "", value: valueSource(c)!, type: type as ClaimType, array: booleanAttr(c, "array", false, problems) };
  });
}

function refOrText(policy: XmlNode, name: string, problems: ProblemList): ValueSource | null {
  const node = child(policy, name);
  if (node) allowOnly(node, problems, [], ["ref"]);
  return valueSource(node);
}

function readMaxLifespan(policy: XmlNode, problems: ProblemList): VerifyConfig["maxLifespan"] {
  const node = child(policy, "MaxLifespan");
  if (!node) return null;
  allowOnly(node, problems, [], ["ref", "useIssueTime"]);
  const value = valueSource(node)!;
  if (value.literal !== null && !LIFESPAN.test(value.literal)) {
    problems.add(node.file, lineOf(node), `<MaxLifespan>${value.literal}</MaxLifespan> must be a whole number followed by s, m, h or d, e.g. 1h`);
  }
  return { value, useIssueTime: booleanAttr(node, "useIssueTime", false, problems) };
}

function readConfig(def: PolicyDefinition, problems: ProblemList): VerifyConfig {
  const node = def.node;
  allowOnly(
    node,
    problems,
    [...COMMON_ELEMENTS, "Algorithm", "Source", "IgnoreUnresolvedVariables", "PublicKey", "SecretKey", "Issuer", "Audience", "Subject", "TimeAllowance", "AdditionalClaims", "AdditionalHeaders", "RequiredClaims", "MaxLifespan"],
    COMMON_ATTRIBUTES
  );
  const algorithms = readAlgorithms(def, problems);
  const hmac = algorithms.length > 0 && algorithms[0].startsWith("HS");
  const timeAllowance = refOrText(node, "TimeAllowance", problems);
  if (timeAllowance?.literal && !ALLOWANCE.test(timeAllowance.literal)) {
    problems.add(def.file, lineOf(child(node, "TimeAllowance")!), `<TimeAllowance>${timeAllowance.literal}</TimeAllowance> must be a number followed by ms, s, m, h or d, e.g. 30s`);
  }
  return {
    policy: def.name,
    algorithms,
    key: algorithms.length ? readKeySpec(node, hmac, problems) : null,
    source: childText(node, "Source") || DEFAULT_SOURCE,
    defaultSource: !childText(node, "Source"),
    requiredClaims: refOrText(node, "RequiredClaims", problems),
    maxLifespan: readMaxLifespan(node, problems),
    ignoreUnresolved: booleanText(child(node, "IgnoreUnresolvedVariables"), false, problems),
    timeAllowance,
    issuer: refOrText(node, "Issuer", problems),
    subject: refOrText(node, "Subject", problems),
    audience: refOrText(node, "Audience", problems),
    claims: claimList(child(node, "AdditionalClaims"), problems),
    headers: claimList(child(node, "AdditionalHeaders"), problems)
  };
}

type Json = Record<string, unknown>;

function decode(token: string, policy: string): { header: Json; payload: Json } {
  try {
    if (token.split(".").length !== 3) throw new Error("not a compact JWS");
    return { header: jose.decodeProtectedHeader(token) as Json, payload: jose.decodeJwt(token) as Json };
  } catch {
    throw new JwtFailure("FailedToDecode", `Failed to Decode Token: policy(${policy})`);
  }
}

/** An expected value from the policy; undefined means skip the check (unset, ignored). */
function expected(ctx: ExecutionContext, c: VerifyConfig, source: ValueSource | null): string | undefined {
  if (!source) return undefined;
  const v = resolveValue(ctx, source);
  if (v !== null) return v;
  if (c.ignoreUnresolved) return undefined;
  throw new JwtFailure("FailedToResolveVariable", `Failed to Resolve Variable : policy(${c.policy}) variable(${source.ref})`);
}

function matches(actual: unknown, want: string, type: ClaimType, array: boolean): boolean {
  if (actual === undefined) return false;
  if (array) {
    const have = (Array.isArray(actual) ? actual : [actual]).map(String);
    return want.split(",").every((w) => have.includes(w.trim()));
  }
  switch (type) {
    case "number":
      return typeof actual === "number" && actual === Number(want);
    case "boolean":
      return typeof actual === "boolean" && String(actual) === want.trim().toLowerCase();
    case "map":
      try {
        return isDeepStrictEqual(actual, JSON.parse(want));
      } catch {
        return false;
      }
    default:
      return typeof actual !== "object" && String(actual) === want;
  }
}

const invalidClaim = (policy: string, claim: string) => new JwtFailure("InvalidClaim", `Invalid Claim: policy(${policy}) claim(${claim})`);

function checkClaims(ctx: ExecutionContext, c: VerifyConfig, header: Json, payload: Json): void {
  const standard: [string, ValueSource | null][] = [
    ["iss", c.issuer],
    ["sub", c.subject]
  ];
  for (const [claim, source] of standard) {
    const want = expected(ctx, c, source);
    if (want !== undefined && payload[claim] !== want) throw invalidClaim(c.policy, claim);
  }
  const audience = expected(ctx, c, c.audience);
  if (audience !== undefined) {
    const have = (Array.isArray(payload.aud) ? payload.aud : payload.aud === undefined ? [] : [payload.aud]).map(String);
    // Any one of the policy's audiences in the token's aud will do.
    if (!audience.split(",").some((a) => have.includes(a.trim()))) throw invalidClaim(c.policy, "aud");
  }
  for (const [list, source] of [
    [c.claims, payload],
    [c.headers, header]
  ] as const) {
    for (const claim of list) {
      const want = expected(ctx, c, claim.value);
      if (want !== undefined && !matches(source[claim.name], want, claim.type, claim.array)) throw invalidClaim(c.policy, claim.name);
    }
  }
}

function allowanceMs(ctx: ExecutionContext, c: VerifyConfig): number {
  const text = expected(ctx, c, c.timeAllowance);
  if (text === undefined) return 0;
  const m = ALLOWANCE.exec(text.trim());
  if (!m) throw new JwtFailure("InvalidConfiguration", `TimeAllowance ${text} in policy(${c.policy}) must be a number followed by ms, s, m, h or d`);
  return Number(m[1]) * UNIT_MS[m[2]];
}

function checkTimes(ctx: ExecutionContext, c: VerifyConfig, payload: Json): void {
  const now = ctx.services.now();
  const allowance = allowanceMs(ctx, c);
  const at = (claim: string) => (typeof payload[claim] === "number" ? (payload[claim] as number) * 1000 : null);
  const exp = at("exp");
  if (exp !== null && now >= exp + allowance) throw new JwtFailure("TokenExpired", `The Token has expired: policy(${c.policy})`);
  const nbf = at("nbf");
  const iat = at("iat");
  if ((nbf !== null && now < nbf - allowance) || (iat !== null && now < iat - allowance)) {
    throw new JwtFailure("TokenNotYetValid", `The Token is not yet valid: policy(${c.policy})`);
  }
}

async function checkSignature(token: string, key: jose.CryptoKey | Uint8Array, alg: string, policy: string): Promise<void> {
  try {
    await jose.compactVerify(token, key, { algorithms: [alg] });
  } catch (e) {
    if (e instanceof jose.errors.JOSENotSupported && /crit|Extension Header/i.test(e.message)) {
      throw new JwtFailure("UnhandledCriticalHeader", `Unhandled critical header: policy(${policy}): ${e.message}`);
    }
    if (e instanceof TypeError) throw new JwtFailure(alg.startsWith("HS") ? "InvalidSecretKey" : "InvalidPublicKey", `The key does not meet the requirements of ${alg}: policy(${policy}): ${e.message}`);
    throw new JwtFailure("InvalidToken", `Invalid token: policy(${policy})`);
  }
}

/** Latest instant a date variable can show (9999-12-31T23:59:59Z, the end of four-digit years). */
const MAX_NUMERIC_DATE = 253402300799;

/**
 * exp, nbf and iat are NumericDates, "a JSON numeric value" (RFC 7519, 2):
 * a string, null, true or a value past year 9999 is a malformed token, refused
 * (401) before any of its claims is used, never accepted as "no expiry".
 */
function checkTimeClaimTypes(payload: Json, policy: string): void {
  for (const claim of ["exp", "nbf", "iat"]) {
    if (!(claim in payload)) continue;
    const value = payload[claim];
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > MAX_NUMERIC_DATE) {
      throw new JwtFailure("InvalidToken", `Invalid token: the ${claim} claim is not a NumericDate: policy(${policy})`);
    }
  }
}

async function verify(ctx: ExecutionContext, c: VerifyConfig): Promise<void> {
  const raw = ctx.getString(c.source);
  if (raw === null || raw.trim() === "") throw new JwtFailure("FailedToResolveVariable", `Failed to Resolve Variable : policy(${c.policy}) variable(${c.source})`);
  // The default source is the Authorization header, where Apigee requires the scheme ("you must include Bearer in the auth header"); an explicit Source is taken as it is.
  if (c.defaultSource && !/^Bearer\s+\S/i.test(raw.trim())) throw new JwtFailure("FailedToDecode", `Failed to Decode Token: policy(${c.policy})`);
  const token = c.defaultSource ? raw.trim().replace(/^Bearer\s+/i, "") : raw.trim();
  const { header, payload } = decode(token, c.policy);
  checkTimeClaimTypes(payload, c.policy);
  setTokenVariables(ctx, c.policy, header, payload);
  const alg = header.alg;
  if (typeof alg !== "string" || alg === "") throw new JwtFailure("NoAlgorithmFoundInHeader", `No algorithm found in header: policy(${c.policy})`);
  if (!c.algorithms.includes(alg)) {
    if (c.algorithms.length > 1) throw new JwtFailure("AlgorithmInTokenNotPresentInConfiguration", `Algorithm in token ${alg} is not present in configuration: policy(${c.policy})`);
    throw new JwtFailure("AlgorithmMismatch", `Algorithm mismatch: policy(${c.policy}) expected(${c.algorithms[0]}) found(${alg})`);
  }
  const key = await resolveKey(ctx, c.key!, alg, typeof header.kid === "string" ? header.kid : undefined, c.policy);
  await checkSignature(token, key, alg, c.policy);
  checkTimes(ctx, c, payload);
  checkRequiredClaims(ctx, c, payload);
  checkLifespan(ctx, c, payload);
  checkClaims(ctx, c, header, payload);
}

/** <RequiredClaims>: a missing one is InvalidClaim, Apigee's fault "for a missing claim or claim mismatch". */
function checkRequiredClaims(ctx: ExecutionContext, c: VerifyConfig, payload: Json): void {
  const list = c.requiredClaims ? expected(ctx, c, c.requiredClaims) : undefined;
  if (list === undefined) return;
  for (const name of list.split(",").map((n) => n.trim()).filter(Boolean)) {
    if (!(name in payload)) throw invalidClaim(c.policy, name);
  }
}

/**
 * <MaxLifespan>: exp minus iat (useIssueTime) or nbf may be at most that
 * long. A token lacking those claims has no bounded life and is refused as
 * well. The fault name for an over-long token is not in Apigee's
 * documentation (NOT CONFIRMED); the runner answers InvalidToken, 401.
 */
function checkLifespan(ctx: ExecutionContext, c: VerifyConfig, payload: Json): void {
  if (!c.maxLifespan) return;
  const text = expected(ctx, c, c.maxLifespan.value);
  const m = text === undefined ? null : LIFESPAN.exec(text.trim());
  if (!m) throw new JwtFailure("InvalidConfiguration", `MaxLifespan ${text ?? ""} in policy(${c.policy}) must be a number followed by s, m, h or d`);
  const maxSeconds = (Number(m[1]) * UNIT_MS[m[2]]) / 1000;
  const start = c.maxLifespan.useIssueTime ? payload.iat : (payload.nbf ?? payload.iat);
  if (typeof payload.exp !== "number" || typeof start !== "number" || payload.exp - start > maxSeconds) {
    throw new JwtFailure("InvalidToken", `Invalid token: its lifespan exceeds MaxLifespan ${text}: policy(${c.policy})`);
  }
}

export function compileVerifyJWT(def: PolicyDefinition, problems: ProblemList): CompiledPolicy {
  const config = readConfig(def, problems);
  const p = `jwt.${def.name}`;
  return {
    ...policyBase(def),
    async execute(ctx) {
      try {
        await verify(ctx, config);
        ctx.set(`${p}.valid`, true);
      } catch (e) {
        if (!(e instanceof JwtFailure)) throw e;
        ctx.set(`${p}.valid`, false);
        ctx.set(`${p}.error`, e.message);
        ctx.set("JWT.failed", true);
        throw new PolicyFault(e.faultName, `steps.jwt.${e.faultName}`, e.message, 401);
      }
    }
  };
}

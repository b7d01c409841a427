// The key VerifyJWT checks a signature with: <PublicKey> (<Value> PEM,
// <Certificate>, or <JWKS> by uri, uriRef, ref or inline) or <SecretKey> for
// the HS algorithms. A JWKS fetched by URI is kept five minutes per runtime
// and fetched again when a token names a kid it does not hold.

import * as jose from "jose";
import type { ProblemList } from "../bundle/load-error";
import { allowOnly, attr, child, elements, lineOf, XmlNode } from "../bundle/xml";
import type { ExecutionContext } from "../execution/context";
import type { RuntimeServices } from "../services";
import { JwtFailure } from "./jwt-failure";
import { resolveValue, valueSource, ValueSource } from "./values";

export type KeySpec =
  | { kind: "pem"; value: ValueSource }
  | { kind: "certificate"; value: ValueSource }
  | { kind: "jwks-uri"; uri: ValueSource }
  | { kind: "jwks"; value: ValueSource }
  | { kind: "secret"; value: ValueSource; encoding: SecretEncoding };

const SECRET_ENCODINGS = ["utf8", "hex", "base16", "base64", "base64url"] as const;
type SecretEncoding = (typeof SECRET_ENCODINGS)[number];

/** The shortest HMAC secret Apigee accepts per algorithm (InsufficientKeyLength). */
const MIN_SECRET_BYTES: Record<string, number> = { HS256: 32, HS384: 48, HS512: 64 };

const JWKS_CACHE_MS = 5 * 60_000;

function refOrText(node: XmlNode, problems: ProblemList, attributes: string[] = ["ref"]): ValueSource {
  allowOnly(node, problems, [], attributes);
  const source = valueSource(node)!;
  if (!source.ref && !source.literal) problems.add(node.file, lineOf(node), `<${node.el.tagName}> has neither a ref attribute nor a value`);
  return source;
}

function readPublicKey(node: XmlNode, problems: ProblemList): KeySpec | null {
  allowOnly(node, problems, ["Value", "Certificate", "JWKS"]);
  const found = elements(node);
  if (found.length !== 1) {
    problems.add(node.file, lineOf(node), "<PublicKey> needs exactly one of <Value>, <Certificate> or <JWKS>");
    return null;
  }
  const c = found[0];
  if (c.el.tagName === "Value") return { kind: "pem", value: refOrText(c, problems) };
  if (c.el.tagName === "Certificate") return { kind: "certificate", value: refOrText(c, problems) };
  allowOnly(c, problems, [], ["uri", "uriRef", "ref"]);
  const uri = attr(c, "uri");
  const uriRef = attr(c, "uriRef");
  if (uri !== null || uriRef !== null) return { kind: "jwks-uri", uri: { ref: uriRef, literal: uri } };
  return { kind: "jwks", value: refOrText(c, problems, ["uri", "uriRef", "ref"]) };
}

function readSecretKey(node: XmlNode, problems: ProblemList): KeySpec | null {
  allowOnly(node, problems, ["Value"], ["encoding"]);
  const encoding = (attr(node, "encoding") ?? "utf8").trim().toLowerCase();
  if (!(SECRET_ENCODINGS as readonly string[]).includes(encoding)) problems.add(node.file, lineOf(node), `<SecretKey encoding="${encoding}"> is not one of ${SECRET_ENCODINGS.join(", ")}`);
  const valueNode = child(node, "Value");
  if (!valueNode) {
    problems.add(node.file, lineOf(node), '<SecretKey> has no <Value ref="private.…"/>');
    return null;
  }
  const value = refOrText(valueNode, problems);
  if (!value.ref?.startsWith("private.")) problems.add(valueNode.file, lineOf(valueNode), '<SecretKey><Value> must read a private. variable, e.g. ref="private.secretkey" (InvalidVariableNameForSecret)');
  return { kind: "secret", value, encoding: encoding as SecretEncoding };
}

/** Reads <PublicKey> or <SecretKey>, whichever the algorithm family needs. */
export function readKeySpec(policy: XmlNode, hmac: boolean, problems: ProblemList): KeySpec | null {
  const publicKey = child(policy, "PublicKey");
  const secretKey = child(policy, "SecretKey");
  if (hmac && !secretKey) problems.add(policy.file, lineOf(policy), "HS algorithms verify with a <SecretKey>, which the policy lacks");
  if (!hmac && !publicKey) problems.add(policy.file, lineOf(policy), "RS, PS and ES algorithms verify with a <PublicKey>, which the policy lacks");
  if (hmac && publicKey) problems.add(policy.file, lineOf(publicKey), "<PublicKey> does not apply to HS algorithms; use <SecretKey>");
  if (!hmac && secretKey) problems.add(policy.file, lineOf(secretKey), "<SecretKey> does not apply to RS, PS and ES algorithms; use <PublicKey>");
  if (hmac) return secretKey ? readSecretKey(secretKey, problems) : null;
  return publicKey ? readPublicKey(publicKey, problems) : null;
}

const jwksCaches = new WeakMap<RuntimeServices, Map<string, { keys: jose.JWK[]; fetchedAt: number }>>();

async function fetchJwks(services: RuntimeServices, uri: string): Promise<jose.JWK[]> {
  let response;
  try {
    response = await services.http.send({ method: "GET", url: uri, headers: [["Accept", "application/json"]], body: Buffer.alloc(0), timeoutMs: 10_000 });
  } catch (e) {
    throw new JwtFailure("UnknownException", `Failed to fetch the JWKS from ${uri}: ${(e as Error).message}`);
  }
  if (response.status !== 200) throw new JwtFailure("UnknownException", `Failed to fetch the JWKS from ${uri}: HTTP ${response.status}`);
  try {
    const jwks = JSON.parse(response.body.toString("utf8")) as { keys?: unknown };
    if (!Array.isArray(jwks.keys)) throw new Error("no keys array");
    return jwks.keys as jose.JWK[];
  } catch (e) {
    throw new JwtFailure("KeyParsingFailed", `The JWKS at ${uri} is not a JSON Web Key Set: ${(e as Error).message}`);
  }
}

/** The keys at `uri`, from the cache while fresh; `refresh` fetches anew. */
async function jwksAt(services: RuntimeServices, uri: string, refresh: boolean): Promise<{ keys: jose.JWK[]; fresh: boolean }> {
  let cache = jwksCaches.get(services);
  if (!cache) jwksCaches.set(services, (cache = new Map()));
  const cached = cache.get(uri);
  if (cached && !refresh && services.now() - cached.fetchedAt < JWKS_CACHE_MS) return { keys: cached.keys, fresh: false };
  const keys = await fetchJwks(services, uri);
  cache.set(uri, { keys, fetchedAt: services.now() });
  return { keys, fresh: true };
}

const KEY_TYPE: Record<string, string> = { RS: "RSA", PS: "RSA", ES: "EC" };

async function importJwk(jwk: jose.JWK, alg: string): Promise<jose.CryptoKey | Uint8Array> {
  if (jwk.kty !== KEY_TYPE[alg.slice(0, 2)]) throw new JwtFailure("WrongKeyType", `The JWK with kid ${jwk.kid ?? "(none)"} is of type ${jwk.kty}, which cannot verify ${alg}`);
  try {
    return await jose.importJWK(jwk, alg);
  } catch (e) {
    throw new JwtFailure("KeyParsingFailed", `The JWK with kid ${jwk.kid ?? "(none)"} could not be read: ${(e as Error).message}`);
  }
}

async function fromJwks(keysFor: (refresh: boolean) => Promise<{ keys: jose.JWK[]; fresh: boolean }>, kid: string | undefined, alg: string): Promise<jose.CryptoKey | Uint8Array> {
  if (kid === undefined) throw new JwtFailure("KeyIdMissing", "The token has no kid header, which a JWKS needs to pick the key");
  let set = await keysFor(false);
  let jwk = set.keys.find((k) => k.kid === kid);
  // A kid the cached set lacks may be a rotated-in key: look once more.
  if (!jwk && !set.fresh) {
    set = await keysFor(true);
    jwk = set.keys.find((k) => k.kid === kid);
  }
  if (!jwk) throw new JwtFailure("NoMatchingPublicKey", `No key in the JWKS has kid ${kid}`);
  return importJwk(jwk, alg);
}

function secretBytes(text: string, encoding: SecretEncoding): Uint8Array {
  if (encoding === "hex" || encoding === "base16") return Buffer.from(text, "hex");
  if (encoding === "base64" || encoding === "base64url") return Buffer.from(text, encoding);
  return Buffer.from(text, "utf8");
}

/** Resolves a key value that a ref names; unresolved is FailedToResolveVariable. */
function required(ctx: ExecutionContext, source: ValueSource, policy: string): string {
  const v = resolveValue(ctx, source);
  if (v === null || v === "") throw new JwtFailure("FailedToResolveVariable", `Failed to Resolve Variable : policy(${policy}) variable(${source.ref})`);
  return v;
}

async function parsePem(importer: () => Promise<jose.CryptoKey>, what: string): Promise<jose.CryptoKey> {
  try {
    return await importer();
  } catch (e) {
    throw new JwtFailure("KeyParsingFailed", `The ${what} could not be read: ${(e as Error).message}`);
  }
}

/** The key for a token with this alg and kid. */
export async function resolveKey(ctx: ExecutionContext, spec: KeySpec, alg: string, kid: string | undefined, policy: string): Promise<jose.CryptoKey | Uint8Array> {
  switch (spec.kind) {
    case "pem": {
      const pem = required(ctx, spec.value, policy);
      return parsePem(() => jose.importSPKI(pem, alg), "public key");
    }
    case "certificate": {
      const pem = required(ctx, spec.value, policy);
      return parsePem(() => jose.importX509(pem, alg), "certificate");
    }
    case "jwks-uri": {
      const uri = required(ctx, spec.uri, policy);
      return fromJwks((refresh) => jwksAt(ctx.services, uri, refresh), kid, alg);
    }
    case "jwks": {
      const text = required(ctx, spec.value, policy);
      let keys: jose.JWK[];
      try {
        keys = (JSON.parse(text) as { keys: jose.JWK[] }).keys;
        if (!Array.isArray(keys)) throw new Error("no keys array");
      } catch (e) {
        throw new JwtFailure("KeyParsingFailed", `The JWKS is not a JSON Web Key Set: ${(e as Error).message}`);
      }
      return fromJwks(async () => ({ keys, fresh: true }), kid, alg);
    }
    case "secret": {
      const bytes = secretBytes(required(ctx, spec.value, policy), spec.encoding);
      if (bytes.length < MIN_SECRET_BYTES[alg]) throw new JwtFailure("InsufficientKeyLength", `Key is too short for ${alg}: ${bytes.length} bytes, at least ${MIN_SECRET_BYTES[alg]} needed`);
      return bytes;
    }
  }
}

// A generic OpenID Connect issuer on loopback: discovery document, JWKS and
// token minting, including the bad tokens a verifier must refuse (wrong iss,
// foreign key, expired, not yet valid).

import { randomUUID } from "node:crypto";
import type { JWTPayload } from "jose";
import { jsonResponse, requestPath } from "./http-json";
import { startLoopbackServer, type LoopbackResponse, type LoopbackServer } from "./http-server";
import { SigningKeys } from "./signing-keys";

export interface OidcIssuerOptions {
  /** Epoch milliseconds; minted tokens' iat/nbf/exp are relative to it. */
  now?: () => number;
}

export interface MintTokenOptions {
  sub: string;
  aud: string | string[];
  /** exp = now + this; negative mints an already expired token. Default 3600. */
  expiresInSeconds?: number;
  /** When set, nbf = now + this (positive: not valid yet). */
  notBeforeSeconds?: number;
  /** Further claims; they override the standard ones of the same name. */
  claims?: Record<string, unknown>;
  /** An iss other than this issuer's, to test rejection. */
  issuer?: string;
  /** "foreign" signs with a key the JWKS does not hold (and a kid it does not list). */
  signWith?: "own" | "foreign";
}

const JWKS_PATH = "/.well-known/jwks.json";
const DISCOVERY_PATH = "/.well-known/openid-configuration";
/** How long verifiers may cache the JWKS. */
const JWKS_MAX_AGE_SECONDS = 300;

export class OidcIssuer {
  readonly issuer: string;
  readonly jwksUri: string;
  /** GET requests for the JWKS served so far (failed ones included). */
  jwksFetches = 0;
  discoveryFetches = 0;
  private foreignKeys: SigningKeys | undefined;
  private jwksFailures: { remaining: number; status: number } = { remaining: 0, status: 503 };

  private constructor(
    private readonly server: LoopbackServer,
    readonly keys: SigningKeys,
    private readonly now: () => number
  ) {
    this.issuer = server.url;
    this.jwksUri = server.url + JWKS_PATH;
  }

  static async start(options: OidcIssuerOptions = {}): Promise<OidcIssuer> {
    const keys = await SigningKeys.generate();
    let issuer: OidcIssuer | undefined;
    const server = await startLoopbackServer(async (req) => {
      if (!issuer) return jsonResponse(503, { error: "starting" });
      return issuer.handle(req.method ?? "GET", requestPath(req.url));
    });
    issuer = new OidcIssuer(server, keys, options.now ?? Date.now);
    return issuer;
  }

  async mintToken(options: MintTokenOptions): Promise<string> {
    const nowSeconds = Math.floor(this.now() / 1000);
    const claims: JWTPayload = {
      iss: options.issuer ?? this.issuer,
      sub: options.sub,
      aud: options.aud,
      iat: nowSeconds,
      exp: nowSeconds + (options.expiresInSeconds ?? 3600),
      jti: randomUUID(),
      ...(options.notBeforeSeconds !== undefined ? { nbf: nowSeconds + options.notBeforeSeconds } : {}),
      ...options.claims
    };
    const signer = options.signWith === "foreign" ? await this.foreign() : this.keys;
    return signer.sign(claims, { now: this.now });
  }

  /** A new signing key; the old one stays in the JWKS. Returns the new kid. */
  rotateKeys(): Promise<string> {
    return this.keys.rotate();
  }

  /** The next `count` JWKS requests answer `status`, as an unreachable or failing issuer would. */
  failNextJwks(count: number, status = 503): void {
    this.jwksFailures = { remaining: count, status };
  }

  close(): Promise<void> {
    return this.server.close();
  }

  private async handle(method: string, path: string): Promise<LoopbackResponse> {
    if (method !== "GET") return jsonResponse(405, { error: "method_not_allowed", error_description: `${method} is not supported; use GET` });
    if (path === DISCOVERY_PATH) {
      this.discoveryFetches++;
      return jsonResponse(200, this.discoveryDocument());
    }
    if (path === JWKS_PATH) return this.serveJwks();
    return jsonResponse(404, { error: "not_found", error_description: `nothing at ${path}; try ${DISCOVERY_PATH} or ${JWKS_PATH}` });
  }

  private serveJwks(): LoopbackResponse {
    this.jwksFetches++;
    if (this.jwksFailures.remaining > 0) {
      this.jwksFailures.remaining--;
      return jsonResponse(this.jwksFailures.status, { error: "injected_failure" });
    }
    return jsonResponse(200, this.keys.jwks(), { "cache-control": `public, max-age=${JWKS_MAX_AGE_SECONDS}` });
  }

  private discoveryDocument(): Record<string, unknown> {
    return {
      issuer: this.issuer,
      jwks_uri: this.jwksUri,
      // Required by OpenID Connect Discovery; this issuer mints tokens
      // in-process, so nothing is served there.
      authorization_endpoint: `${this.issuer}/authorize`,
      response_types_supported: ["id_token"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["RS256"],
      scopes_supported: ["openid"],
      claims_supported: ["iss", "sub", "aud", "iat", "exp", "nbf", "jti"]
    };
  }

  private async foreign(): Promise<SigningKeys> {
    this.foreignKeys ??= await SigningKeys.generate();
    return this.foreignKeys;
  }
}

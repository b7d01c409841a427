// A loopback stand-in for the Google services a proxy's <Authentication>
// needs: OAuth access tokens for service accounts, the IAM Credentials API's
// generateIdToken (https://iamcredentials.googleapis.com/v1/...) and Google's
// JWKS (https://www.googleapis.com/oauth2/v3/certs). Its ID tokens carry
// iss https://accounts.google.com although they are signed here: AWS trusts
// that issuer, and the STS stand-in is pointed at this JWKS instead.

import type { IncomingMessage } from "node:http";
import type { JWTPayload } from "jose";
import type { GoogleTokenSource } from "../../runner/services";
import { AccessTokenStore, type AccessTokenCheck, type AccessTokenGrant } from "./google-access-tokens";
import { GoogleApiError, badRequest, iamPermissionDenied, insufficientScopes, unauthenticated } from "./google-errors";
import { GoogleFaults } from "./google-faults";
import { jsonResponse, requestPath } from "./http-json";
import { startLoopbackServer, type LoopbackResponse, type LoopbackServer } from "./http-server";
import { SigningKeys } from "./signing-keys";

export interface GoogleServiceAccount {
  email: string;
  /** The 21-digit numeric unique ID: the sub and azp of its ID tokens. */
  uniqueId: string;
}

export interface GoogleStandInOptions {
  serviceAccounts: GoogleServiceAccount[];
  /** Epoch milliseconds; token expiry and iat/exp follow it. */
  now?: () => number;
  /**
   * Who holds roles/iam.serviceAccountTokenCreator on whom: target service
   * account email → emails of the accounts that may mint tokens for it.
   * Every account may always mint for itself.
   */
  tokenCreators?: Record<string, string[]>;
}

export const GOOGLE_ISSUER = "https://accounts.google.com";
export const CLOUD_PLATFORM_SCOPE = "https://www.googleapis.com/auth/cloud-platform";
export const IAM_SCOPE = "https://www.googleapis.com/auth/iam";

const ID_TOKEN_LIFETIME_SECONDS = 3600;
const DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS = 3600;
/** generateAccessToken's ceiling (with the org policy that allows more than an hour). */
const MAX_ACCESS_TOKEN_LIFETIME_SECONDS = 43200;
const CERTS_PATH = "/oauth2/v3/certs";
const DISCOVERY_PATH = "/.well-known/openid-configuration";
const GENERATE_ID_TOKEN_PATH = /^\/v1\/projects\/([^/]+)\/serviceAccounts\/([^/:]+):generateIdToken$/;
const ID_TOKEN_PERMISSION = "iam.serviceAccounts.getOpenIdToken";
const GENERATE_ID_TOKEN_API = { service: "iamcredentials.googleapis.com", method: "google.iam.credentials.v1.IAMCredentials.GenerateIdToken" };
const REQUEST_FIELDS = new Set(["audience", "includeEmail", "delegates"]);

interface GenerateIdTokenRequest {
  audience: string;
  includeEmail: boolean;
  delegates: string[];
}

export class GoogleStandIn implements GoogleTokenSource {
  readonly url: string;
  readonly jwksUri: string;
  readonly issuer = GOOGLE_ISSUER;
  /** Added to every token operation (HTTP generateIdToken, idToken(), accessToken()). */
  delayMs = 0;
  /** generateIdToken requests received over HTTP plus idToken() calls, failed ones included. */
  idTokenRequests = 0;
  accessTokensMinted = 0;
  jwksFetches = 0;
  private readonly accounts: GoogleServiceAccount[];
  private readonly tokenCreators = new Map<string, Set<string>>();
  private readonly accessTokens: AccessTokenStore;
  private readonly faults = new GoogleFaults();

  private constructor(
    private readonly server: LoopbackServer,
    readonly keys: SigningKeys,
    options: GoogleStandInOptions,
    private readonly now: () => number
  ) {
    this.url = server.url;
    this.jwksUri = server.url + CERTS_PATH;
    this.accounts = options.serviceAccounts.map((sa) => ({ ...sa }));
    this.accessTokens = new AccessTokenStore(now);
    for (const [target, callers] of Object.entries(options.tokenCreators ?? {})) {
      for (const caller of callers) this.grantTokenCreator(caller, target);
    }
  }

  static async start(options: GoogleStandInOptions): Promise<GoogleStandIn> {
    validateServiceAccounts(options.serviceAccounts);
    const keys = await SigningKeys.generate();
    let standIn: GoogleStandIn | undefined;
    const server = await startLoopbackServer(async (req, body) => {
      if (!standIn) return new GoogleApiError(503).toResponse();
      return standIn.handle(req, body);
    });
    standIn = new GoogleStandIn(server, keys, options, options.now ?? Date.now);
    return standIn;
  }

  /** An OAuth access token for `serviceAccount`, as Apigee's <GoogleAccessToken> gets one. */
  async accessToken(serviceAccount: string, scopes: string[], lifetimeSeconds = DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS): Promise<string> {
    await this.beforeTokenOperation();
    const account = this.requireAccount(serviceAccount);
    if (scopes.length === 0) throw badRequest("scope", "at least one OAuth scope is required, e.g. " + CLOUD_PLATFORM_SCOPE);
    if (!Number.isInteger(lifetimeSeconds) || lifetimeSeconds < 1 || lifetimeSeconds > MAX_ACCESS_TOKEN_LIFETIME_SECONDS) {
      throw badRequest("lifetime", `lifetime must be a whole number of seconds from 1 to ${MAX_ACCESS_TOKEN_LIFETIME_SECONDS}; got ${lifetimeSeconds}`);
    }
    this.accessTokensMinted++;
    return this.accessTokens.mint(account.email, scopes, lifetimeSeconds);
  }

  /** A Google-signed OIDC ID token for `serviceAccount`, as Apigee's <GoogleIDToken> gets one. */
  async idToken(serviceAccount: string, audience: string, includeEmail: boolean): Promise<string> {
    this.idTokenRequests++;
    await this.beforeTokenOperation();
    const account = this.requireAccount(serviceAccount);
    if (!audience) throw badRequest("audience", "audience is required");
    return this.mintIdToken(account, audience, includeEmail);
  }

  /**
   * What an access token grants if it was minted here and has not expired, as
   * Google's front end checks a bearer token for any API (the Cloud Logging
   * stand-in asks this).
   */
  checkAccessToken(token: string | undefined): AccessTokenCheck {
    return this.accessTokens.check(token);
  }

  /** What an access token minted here grants (whatever its expiry), or undefined. */
  accessTokenInfo(token: string): AccessTokenGrant | undefined {
    return this.accessTokens.describe(token);
  }

  /** Lets `caller` mint tokens for `target` (roles/iam.serviceAccountTokenCreator). */
  grantTokenCreator(caller: string, target: string): void {
    const creators = this.tokenCreators.get(target) ?? new Set<string>();
    creators.add(caller);
    this.tokenCreators.set(target, creators);
  }

  /** The next `count` token operations fail with `status` (in Google's error shape over HTTP). */
  failNext(count: number, status: number): void {
    this.faults.failNext(count, status);
  }

  /** A new signing key; the old one stays in the JWKS. Returns the new kid. */
  rotateKeys(): Promise<string> {
    return this.keys.rotate();
  }

  close(): Promise<void> {
    return this.server.close();
  }

  private async handle(req: IncomingMessage, body: Buffer): Promise<LoopbackResponse> {
    const method = req.method ?? "GET";
    const path = requestPath(req.url);
    if (method === "GET" && path === CERTS_PATH) {
      this.jwksFetches++;
      return jsonResponse(200, this.keys.jwks(), { "cache-control": "public, max-age=3600, must-revalidate, no-transform" });
    }
    if (method === "GET" && path === DISCOVERY_PATH) return jsonResponse(200, this.discoveryDocument());
    const generate = method === "POST" ? GENERATE_ID_TOKEN_PATH.exec(path) : null;
    if (generate) {
      this.idTokenRequests++;
      try {
        return jsonResponse(200, { token: await this.generateIdToken(req, generate[1], decodePathSegment(generate[2]), body) });
      } catch (error) {
        if (error instanceof GoogleApiError) return error.toResponse();
        throw error;
      }
    }
    return new GoogleApiError(404, `The stand-in has no ${method} ${path}; it serves POST /v1/projects/-/serviceAccounts/EMAIL:generateIdToken, GET ${CERTS_PATH} and GET ${DISCOVERY_PATH}.`).toResponse();
  }

  /** Checks credentials and scopes first (Google's front end does so before the API sees the request), then the request, the accounts and the permission. */
  private async generateIdToken(req: IncomingMessage, project: string, name: string, body: Buffer): Promise<string> {
    await this.beforeTokenOperation();
    const caller = this.authenticate(req.headers.authorization);
    if (project !== "-") throw badRequest("name", `the project must be the "-" wildcard (projects/-/serviceAccounts/${name}); replacing it with a project ID ("${project}") is invalid`);
    const request = parseGenerateIdTokenRequest(body);
    const target = this.resolveAccount(name);
    const chain = [caller.serviceAccount, ...request.delegates.map((d) => this.resolveAccount(delegateName(d)).email), target.email];
    for (let i = 1; i < chain.length; i++) {
      if (!this.mayActAs(chain[i - 1], chain[i])) throw iamPermissionDenied(ID_TOKEN_PERMISSION);
    }
    return this.mintIdToken(target, request.audience, request.includeEmail);
  }

  private authenticate(authorization: string | undefined): AccessTokenGrant {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1];
    const check = this.accessTokens.check(token);
    if (!check.ok) throw unauthenticated(check.problem, GENERATE_ID_TOKEN_API);
    const { scopes } = check.grant;
    if (!scopes.includes(CLOUD_PLATFORM_SCOPE) && !scopes.includes(IAM_SCOPE)) throw insufficientScopes(GENERATE_ID_TOKEN_API, [CLOUD_PLATFORM_SCOPE, IAM_SCOPE]);
    return check.grant;
  }

  private async mintIdToken(account: GoogleServiceAccount, audience: string, includeEmail: boolean): Promise<string> {
    const iat = Math.floor(this.now() / 1000);
    const claims: JWTPayload = {
      aud: audience,
      azp: account.uniqueId,
      ...(includeEmail ? { email: account.email, email_verified: true } : {}),
      exp: iat + ID_TOKEN_LIFETIME_SECONDS,
      iat,
      iss: GOOGLE_ISSUER,
      sub: account.uniqueId
    };
    return this.keys.sign(claims, { now: this.now });
  }

  private async beforeTokenOperation(): Promise<void> {
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    this.faults.check();
  }

  private mayActAs(caller: string, target: string): boolean {
    return caller === target || (this.tokenCreators.get(target)?.has(caller) ?? false);
  }

  /** By email or unique ID, as the API's resource names allow; 404 otherwise. */
  private resolveAccount(emailOrId: string): GoogleServiceAccount {
    const account = this.findAccount(emailOrId);
    if (!account) throw new GoogleApiError(404, `Not found; Gaia id not found for email ${emailOrId}`);
    return account;
  }

  /** resolveAccount for in-process callers, whose mistake is the stand-in's configuration. */
  private requireAccount(emailOrId: string): GoogleServiceAccount {
    const account = this.findAccount(emailOrId);
    if (!account) {
      const known = this.accounts.map((sa) => sa.email).join(", ");
      throw new GoogleApiError(404, `Not found; Gaia id not found for email ${emailOrId} (the stand-in knows ${known}; add it to serviceAccounts)`);
    }
    return account;
  }

  private findAccount(emailOrId: string): GoogleServiceAccount | undefined {
    return this.accounts.find((sa) => sa.email === emailOrId || sa.uniqueId === emailOrId);
  }

  private discoveryDocument(): Record<string, unknown> {
    return {
      issuer: GOOGLE_ISSUER,
      jwks_uri: this.jwksUri,
      authorization_endpoint: "https://accounts.google.com/o/oauth2/v2/auth",
      response_types_supported: ["id_token"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["RS256"],
      claims_supported: ["aud", "azp", "email", "email_verified", "exp", "iat", "iss", "sub"]
    };
  }
}

function parseGenerateIdTokenRequest(body: Buffer): GenerateIdTokenRequest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.length ? body.toString("utf8") : "{}");
  } catch (error) {
    throw new GoogleApiError(400, `Invalid JSON payload received. ${(error as Error).message}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new GoogleApiError(400, "Invalid JSON payload received. The body must be a JSON object.");
  }
  const fields = parsed as Record<string, unknown>;
  const unknown = Object.keys(fields).find((key) => !REQUEST_FIELDS.has(key));
  if (unknown !== undefined) throw new GoogleApiError(400, `Invalid JSON payload received. Unknown name "${unknown}": Cannot find field.`);
  const { audience, includeEmail = false, delegates = [] } = fields;
  if (typeof audience !== "string" || audience === "") throw badRequest("audience", "audience is required and must be a non-empty string");
  if (typeof includeEmail !== "boolean") throw badRequest("include_email", `includeEmail must be true or false; got ${JSON.stringify(includeEmail)}`);
  if (!Array.isArray(delegates) || !delegates.every((d): d is string => typeof d === "string")) {
    throw badRequest("delegates", "delegates must be an array of projects/-/serviceAccounts/EMAIL_OR_UNIQUEID strings");
  }
  return { audience, includeEmail, delegates };
}

function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw badRequest("name", `the service account in the path ("${segment}") is not valid percent-encoding`);
  }
}

function delegateName(delegate: string): string {
  const match = /^projects\/-\/serviceAccounts\/([^/]+)$/.exec(delegate);
  if (!match) throw badRequest("delegates", `"${delegate}" is not projects/-/serviceAccounts/EMAIL_OR_UNIQUEID`);
  return match[1];
}

function validateServiceAccounts(accounts: GoogleServiceAccount[]): void {
  if (!Array.isArray(accounts) || accounts.length === 0) {
    throw new Error('GoogleStandIn needs at least one service account: { serviceAccounts: [{ email: "NAME@PROJECT.iam.gserviceaccount.com", uniqueId: "<21 digits>" }] }');
  }
  const seen = new Set<string>();
  for (const { email, uniqueId } of accounts) {
    if (typeof email !== "string" || !/^[^@\s]+@[^@\s]+$/.test(email)) throw new Error(`service account email ${JSON.stringify(email)} is not an email address`);
    if (typeof uniqueId !== "string" || !/^\d{21}$/.test(uniqueId)) {
      throw new Error(`service account ${email}: uniqueId ${JSON.stringify(uniqueId)} must be Google's 21-digit numeric ID, e.g. "104532907523447390212"`);
    }
    for (const key of [email, uniqueId]) {
      if (seen.has(key)) throw new Error(`service account ${email}: "${key}" is listed twice`);
      seen.add(key);
    }
  }
}

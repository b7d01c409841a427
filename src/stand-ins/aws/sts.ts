// A loopback stand-in for AWS STS AssumeRoleWithWebIdentity (query protocol,
// unauthenticated like the real one). It checks the parameters, verifies the
// web identity token against the provider registered in the AwsWorld,
// evaluates the role's trust policy, and issues a session into the world,
// answering in XML, or in JSON for "Accept: application/json". Faults can be
// injected for the next calls to test a client's retries.

import type { IncomingMessage } from "node:http";
import { createHash, randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { startLoopbackServer, type LoopbackResponse, type LoopbackServer } from "../identity/http-server";
import { PolicyDocumentError } from "../../iam/policy-document-error";
import { evaluateTrust } from "./iam-policy";
import { StsError, stsErrors } from "./sts-errors";
import { parseAssumeRoleParams, parseRoleArn, readParams, type AssumeRoleParams } from "./sts-params";
import { renderError, renderResult, type AssumeRoleResult, type ExpirationNotation } from "./sts-render";
import { federatedPrincipalFor, trustContextFor } from "./web-identity-trust";
import { fetchJwksOverHttp, verifyWebIdentityToken, type JwksFetcher, type VerifiedWebIdentity } from "./web-identity-token";
import type { AwsWorld, RoleDefinition } from "./world";

export type { ExpirationNotation, JwksFetcher };

export interface StsOptions {
  world: AwsWorld;
  /** How JWKS documents are fetched; default: HTTP GET of provider.jwksUri. */
  fetchJwks?: JwksFetcher;
  /** Leeway for exp/nbf; default 0. */
  clockSkewSeconds?: number;
  /** How JSON answers write Credentials.Expiration; default "scientific", as the live service does. */
  expirationNotation?: ExpirationNotation;
}

export type StsFault =
  | { kind: "http5xx"; status?: number }
  | { kind: "IDPCommunicationError" }
  /** transient (default): STS could not fetch the provider's keys, which clients retry; otherwise the token itself was refused. */
  | { kind: "InvalidIdentityToken"; transient?: boolean }
  | { kind: "slow"; delayMs: number };

const ACTION = "sts:AssumeRoleWithWebIdentity";
const DEFAULT_DURATION_SECONDS = 3600;
const DEFAULT_MAX_SESSION_SECONDS = 3600;
const SOURCE_IDENTITY_CLAIM = "https://aws.amazon.com/source_identity";

export class StsStandIn {
  /** Changeable between calls, so one stand-in can answer in both notations. */
  expirationNotation: ExpirationNotation;
  private readonly faults: StsFault[] = [];
  private callCount = 0;
  private server: LoopbackServer | undefined;
  private readonly closing = new AbortController();

  private constructor(private readonly options: StsOptions) {
    this.expirationNotation = options.expirationNotation ?? "scientific";
  }

  static async start(options: StsOptions): Promise<StsStandIn> {
    const sts = new StsStandIn(options);
    sts.server = await startLoopbackServer((req, body) => sts.handle(req, body));
    return sts;
  }

  /** http://127.0.0.1:PORT/ — the endpoint to POST (or GET) the query to. */
  get url(): string {
    if (!this.server) throw new Error("StsStandIn is not started; use StsStandIn.start().");
    return `${this.server.url}/`;
  }

  /** Requests received, faulted or not. */
  get calls(): number {
    return this.callCount;
  }

  /** The next `times` calls meet this fault (after any faults already queued). */
  inject(fault: StsFault, times = 1): void {
    for (let i = 0; i < times; i++) this.faults.push(fault);
  }

  async close(): Promise<void> {
    this.closing.abort();
    await this.server?.close();
  }

  private async handle(req: IncomingMessage, body: Buffer): Promise<LoopbackResponse> {
    this.callCount++;
    const requestId = randomUUID();
    const json = (req.headers.accept ?? "").toLowerCase().includes("application/json");
    let status = 200;
    let rendered;
    try {
      const result = await this.assumeRole(req, body);
      rendered = renderResult(result, requestId, json, this.expirationNotation);
    } catch (error) {
      const stsError = asStsError(error);
      status = stsError.status;
      rendered = renderError(stsError, requestId, json);
    }
    this.options.world.record(ACTION, status);
    return {
      status,
      headers: { "content-type": rendered.contentType, "x-amzn-requestid": requestId },
      body: rendered.body
    };
  }

  private async assumeRole(req: IncomingMessage, body: Buffer): Promise<AssumeRoleResult> {
    await this.applyNextFault();
    const query = new URL(req.url ?? "/", "http://127.0.0.1").searchParams;
    const form = req.method === "POST" ? new URLSearchParams(body.toString("utf8")) : new URLSearchParams();
    const params = parseAssumeRoleParams(readParams(query, form));
    const arn = parseRoleArn(params.roleArn);
    const { world } = this.options;

    const identity = await verifyWebIdentityToken(params.webIdentityToken, {
      world,
      fetchJwks: this.options.fetchJwks ?? fetchJwksOverHttp,
      clockSkewSeconds: this.options.clockSkewSeconds ?? 0
    });
    const role = world.roles.get(params.roleArn);
    if (!role || arn.accountId !== world.accountId) throw stsErrors.accessDenied();
    const sourceIdentity = params.sourceIdentity ?? claimString(identity, SOURCE_IDENTITY_CLAIM);
    this.authorize(role, identity, params, sourceIdentity);

    const durationSeconds = params.durationSeconds ?? DEFAULT_DURATION_SECONDS;
    if (durationSeconds > (role.maxSessionDurationSeconds ?? DEFAULT_MAX_SESSION_SECONDS)) throw stsErrors.durationExceedsRoleMax();

    const assumedRoleArn = `arn:aws:sts::${world.accountId}:assumed-role/${arn.roleName}/${params.roleSessionName}`;
    const session = world.issueSession({
      roleArn: role.arn,
      assumedRoleArn,
      sessionName: params.roleSessionName,
      sourceIdentity: sourceIdentity ?? null,
      expiresAt: world.now() + durationSeconds * 1000,
      identity: { issuer: identity.issuer, sub: identity.sub, aud: identity.audience }
    });
    return {
      accessKeyId: session.accessKeyId,
      secretAccessKey: session.secretAccessKey,
      sessionToken: session.sessionToken,
      expiresAt: session.expiresAt,
      subjectFromWebIdentityToken: identity.sub,
      assumedRoleArn,
      assumedRoleId: `${roleId(role.arn)}:${params.roleSessionName}`,
      provider: federatedPrincipalFor(world.accountId, identity.providerKey),
      audience: identity.audience,
      sourceIdentity: session.sourceIdentity
    };
  }

  /** The trust policy must allow the federated principal to assume the role (and to set a source identity, if one is given). */
  private authorize(role: RoleDefinition, identity: VerifiedWebIdentity, params: AssumeRoleParams, sourceIdentity: string | undefined): void {
    const federatedPrincipal = federatedPrincipalFor(this.options.world.accountId, identity.providerKey);
    const context = trustContextFor({ identity, roleSessionName: params.roleSessionName, sourceIdentity });
    const actions = sourceIdentity === undefined ? [ACTION] : [ACTION, "sts:SetSourceIdentity"];
    for (const action of actions) {
      let decision;
      try {
        decision = evaluateTrust(role.trustPolicy, { action, federatedPrincipal, context });
      } catch (error) {
        if (error instanceof PolicyDocumentError) {
          throw new StsError("InternalFailure", 500, `The trust policy of ${role.arn} is malformed: ${error.message}`, "Receiver");
        }
        throw error;
      }
      if (decision !== "Allow") throw stsErrors.accessDenied(action);
    }
  }

  private async applyNextFault(): Promise<void> {
    const fault = this.faults.shift();
    if (!fault) return;
    switch (fault.kind) {
      case "http5xx":
        throw stsErrors.serverFault(fault.status ?? 500);
      case "IDPCommunicationError":
        throw stsErrors.idpCommunication();
      case "InvalidIdentityToken":
        // The transient form the Go SDK retries: STS could not fetch the provider's keys.
        throw fault.transient === false ? stsErrors.invalidIdentityToken() : stsErrors.noVerificationKey();
      case "slow":
        await sleep(fault.delayMs, undefined, { signal: this.closing.signal });
        return;
    }
  }
}

function asStsError(error: unknown): StsError {
  if (error instanceof StsError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new StsError("InternalFailure", 500, `STS stand-in failed: ${message}`, "Receiver");
}

function claimString(identity: VerifiedWebIdentity, claim: string): string | undefined {
  const value = (identity.claims as Record<string, unknown>)[claim];
  return typeof value === "string" ? value : undefined;
}

/** A stable role ID per role ARN, shaped like IAM's (AROA + 17 upper-case letters and digits). */
function roleId(roleArn: string): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const digest = createHash("sha256").update(roleArn).digest();
  let id = "AROA";
  for (let i = 0; i < 17; i++) id += alphabet[digest[i] % 32];
  return id;
}

// A loopback stand-in for SSM Parameter Store over the AWS JSON 1.1
// protocol (POST /, X-Amz-Target: AmazonSSM.<Operation>): SigV4 and the
// session checked as SSM checks them, then GetParameter, GetParameters and
// GetParametersByPath authorised by the role's permissions policies, with
// kms:Decrypt required for SecureStrings read WithDecryption.
//
// aws:SecureTransport is "true" unless started with secureTransport: false
// (callers reach it over loopback HTTP in place of HTTPS).

import { createHash } from "node:crypto";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { jsonErrorBody, newJsonRequestId, type AwsError } from "./aws-errors";
import { authenticateRequest, type ReceivedRequest } from "./request-auth";
import type { CallerContext } from "./request-authorize";
import { receiveRequest } from "./receive";
import { getParameter, getParameters, getParametersByPath, type SsmCall, type SsmOutcome } from "./ssm-operations";
import { ParameterStore, type ParameterType } from "./ssm-parameters";
import type { AwsWorld } from "./world";

export type { ParameterType };

export interface SsmStandInOptions {
  world: AwsWorld;
  region: string;
  secureTransport?: boolean;
}

const OPERATIONS: Record<string, (call: SsmCall, input: Record<string, unknown>) => SsmOutcome> = {
  GetParameter: getParameter,
  GetParameters: getParameters,
  GetParametersByPath: getParametersByPath
};

const JSON_CONTENT_TYPE = "application/x-amz-json-1.1";

export class SsmStandIn {
  private readonly store: ParameterStore;

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
    private readonly options: SsmStandInOptions
  ) {
    this.store = new ParameterStore(this.defaultKeyArn);
  }

  static async start(options: SsmStandInOptions): Promise<SsmStandIn> {
    let standIn: SsmStandIn | undefined;
    const server = http.createServer((req, res) => void standIn!.serve(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    standIn = new SsmStandIn(server, `http://127.0.0.1:${port}`, options);
    return standIn;
  }

  /** The Host clients sign: "ssm.REGION.amazonaws.com". */
  get host(): string {
    return `ssm.${this.options.region}.amazonaws.com`;
  }

  /** The ARN of the AWS-managed key aws/ssm, which SecureStrings use unless given another key. */
  get defaultKeyArn(): string {
    const { world, region } = this.options;
    const h = createHash("sha256").update(`aws/ssm:${world.accountId}:${region}`).digest("hex");
    return `arn:aws:kms:${region}:${world.accountId}:key/${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
  }

  /**
   * Creates a parameter or adds a version to it (a rotation), as PutParameter
   * with Overwrite would. keyId: a KMS key ARN, a key id, or alias/aws/ssm (default).
   */
  putParameter(name: string, value: string, type: ParameterType, keyId?: string): void {
    this.store.put(name, value, type, type === "SecureString" ? this.keyArn(keyId) : undefined, this.options.world.now());
  }

  /** Attaches labels to a version of a parameter, as LabelParameterVersion does (a GetParametersByPath Label filter selects it). */
  labelParameterVersion(name: string, version: number, labels: string[]): void {
    this.store.label(name, version, labels);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  private keyNames(keyArn: string): string[] {
    const names = [keyArn, keyArn.slice(keyArn.indexOf(":key/") + ":key/".length)];
    return keyArn === this.defaultKeyArn ? [...names, "alias/aws/ssm"] : names;
  }

  private keyArn(keyId: string | undefined): string {
    const { world, region } = this.options;
    if (keyId === undefined || keyId === "alias/aws/ssm") return this.defaultKeyArn;
    if (/^arn:aws:kms:[^:]+:\d{12}:key\/.+$/.test(keyId)) return keyId;
    if (/^[0-9a-f-]{36}$/.test(keyId)) return `arn:aws:kms:${region}:${world.accountId}:key/${keyId}`;
    throw new Error(`KMS key "${keyId}" cannot be resolved by the stand-in: pass a key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID), a key id, or alias/aws/ssm.`);
  }

  private async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const requestId = newJsonRequestId();
    let action = "ssm:Unknown";
    let outcome: SsmOutcome;
    try {
      const received = await receiveRequest(req);
      const target = /^AmazonSSM\.(\w+)$/.exec(String(req.headers["x-amz-target"] ?? ""))?.[1];
      if (target && OPERATIONS[target]) action = `ssm:${target}`;
      outcome = await this.handle(received, target);
    } catch (e) {
      outcome = { error: { code: "InternalServerError", status: 500, message: (e as Error).message } };
    }
    const [status, text] = "error" in outcome ? [outcome.error.status, jsonErrorBody(outcome.error)] : [200, JSON.stringify(outcome.body)];
    res.writeHead(status, { "content-type": JSON_CONTENT_TYPE, "x-amzn-requestid": requestId, "content-length": String(Buffer.byteLength(text)) });
    res.end(text);
    this.options.world.record(action, status);
  }

  private async handle(received: ReceivedRequest, target: string | undefined): Promise<SsmOutcome> {
    const { world, region } = this.options;
    const auth = await authenticateRequest(world, received, "ssm", region);
    if ("error" in auth) return auth;
    const operation = target === undefined ? undefined : OPERATIONS[target];
    if (received.method !== "POST" || received.path !== "/" || !operation) {
      return { error: { code: "UnknownOperationException", status: 400, message: `This stand-in serves POST / with X-Amz-Target AmazonSSM.${Object.keys(OPERATIONS).join("|")}.` } };
    }
    const input = parseInput(received.body);
    if ("error" in input) return input;
    const caller: CallerContext = { world, session: auth.session, region, secureTransport: this.options.secureTransport ?? true };
    return operation({ caller, store: this.store, keyNames: (p) => this.keyNames(p.keyArn!) }, input.ok);
  }
}

function parseInput(body: Buffer): { ok: Record<string, unknown> } | { error: AwsError } {
  try {
    const parsed: unknown = JSON.parse(body.length === 0 ? "{}" : body.toString("utf8"));
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) return { ok: parsed as Record<string, unknown> };
  } catch {
    // answered below
  }
  return { error: { code: "SerializationException", status: 400, message: "The request body is not a JSON object." } };
}

// A loopback stand-in for Cloud Logging's entries:write
// (https://logging.googleapis.com/v2/entries:write), where MessageLogging's
// <CloudLogging> writes. It checks what Google checks, in Google's order and
// error shapes (identity/google-errors.ts): the bearer token was issued by the
// Google stand-in and has not expired (401), its scopes cover Cloud Logging
// (403), the body is a valid WriteLogEntriesRequest (400), the caller holds
// logging.logEntries.create on each entry's project, i.e. roles/logging.logWriter
// (403 PERMISSION_DENIED "Permission 'logging.logEntries.create' denied on
// resource (or it may not exist)."), and no entry is over 256 KB (400 "Log
// entry with size 300.2K exceeds maximum size of 256.0K."; Cloud Logging's
// quotas page). Entries it accepts are kept for tests: entries(logName?).

import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { AccessTokenCheck } from "../identity/google-access-tokens";
import { GoogleApiError, iamPermissionDenied, insufficientScopes, unauthenticated } from "../identity/google-errors";
import { GoogleFaults } from "../identity/google-faults";
import { jsonResponse, requestPath } from "../identity/http-json";
import { startLoopbackServer, type LoopbackResponse, type LoopbackServer } from "../identity/http-server";
import { parseLogName, parseWriteRequest, type LogEntryRecord, type RequestedEntry } from "./cloud-logging-request";

export type { LogEntryRecord } from "./cloud-logging-request";

/** Who checks bearer tokens: the Google stand-in that minted them. */
export interface AccessTokenVerifier {
  checkAccessToken(token: string | undefined): AccessTokenCheck;
}

export interface CloudLoggingStandInOptions {
  tokens: AccessTokenVerifier;
  /** Who holds roles/logging.logWriter: project ID → service account emails. */
  logWriters?: Record<string, string[]>;
  now?: () => number;
}

const WRITE_PATH = "/v2/entries:write";
const WRITE_API = { service: "logging.googleapis.com", method: "google.logging.v2.LoggingServiceV2.WriteLogEntries" };
/** The OAuth scopes entries.write accepts. */
const WRITE_SCOPES = ["https://www.googleapis.com/auth/logging.write", "https://www.googleapis.com/auth/logging.admin", "https://www.googleapis.com/auth/cloud-platform"];
const WRITE_PERMISSION = "logging.logEntries.create";
const MAX_ENTRY_BYTES = 256 * 1024;
/** entries.write's request size limit (Cloud Logging quotas: 10 MB). */
const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

export class CloudLoggingStandIn {
  readonly url: string;
  /** Added before every write is answered. */
  delayMs = 0;
  /** entries:write requests received, refused ones included. */
  writeRequests = 0;
  private readonly writers = new Map<string, Set<string>>();
  private readonly stored: LogEntryRecord[] = [];
  private readonly faults = new GoogleFaults();

  private constructor(
    private readonly server: LoopbackServer,
    private readonly tokens: AccessTokenVerifier,
    private readonly now: () => number,
    logWriters: Record<string, string[]>
  ) {
    this.url = server.url;
    for (const [project, accounts] of Object.entries(logWriters)) for (const account of accounts) this.grantLogWriter(project, account);
  }

  static async start(options: CloudLoggingStandInOptions): Promise<CloudLoggingStandIn> {
    let standIn: CloudLoggingStandIn | undefined;
    const server = await startLoopbackServer(async (req, body) => {
      if (!standIn) return new GoogleApiError(503).toResponse();
      return standIn.handle(req, body);
    });
    standIn = new CloudLoggingStandIn(server, options.tokens, options.now ?? Date.now, options.logWriters ?? {});
    return standIn;
  }

  /** Grants roles/logging.logWriter on `project` to `serviceAccount`. */
  grantLogWriter(project: string, serviceAccount: string): void {
    const accounts = this.writers.get(project) ?? new Set<string>();
    accounts.add(serviceAccount);
    this.writers.set(project, accounts);
  }

  revokeLogWriter(project: string, serviceAccount: string): void {
    this.writers.get(project)?.delete(serviceAccount);
  }

  /** Entries written so far, oldest first; only those of `logName` when given. */
  entries(logName?: string): LogEntryRecord[] {
    return this.stored.filter((e) => logName === undefined || e.logName === logName).map((e) => structuredClone(e));
  }

  clear(): void {
    this.stored.length = 0;
  }

  /** The next `count` writes fail with `status`, in Google's error shape. */
  failNext(count: number, status: number): void {
    this.faults.failNext(count, status);
  }

  close(): Promise<void> {
    return this.server.close();
  }

  private async handle(req: IncomingMessage, body: Buffer): Promise<LoopbackResponse> {
    const method = req.method ?? "GET";
    const path = requestPath(req.url);
    if (method !== "POST" || path !== WRITE_PATH) {
      return new GoogleApiError(404, `The Cloud Logging stand-in has no ${method} ${path}; it serves POST ${WRITE_PATH}.`).toResponse();
    }
    this.writeRequests++;
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    try {
      this.write(req.headers.authorization, body);
      return jsonResponse(200, {});
    } catch (error) {
      if (error instanceof GoogleApiError) return error.toResponse();
      throw error;
    }
  }

  private write(authorization: string | undefined, body: Buffer): void {
    this.faults.check();
    const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1];
    const check = this.tokens.checkAccessToken(token);
    if (!check.ok) throw unauthenticated(check.problem, WRITE_API);
    if (!check.grant.scopes.some((s) => WRITE_SCOPES.includes(s))) throw insufficientScopes(WRITE_API, WRITE_SCOPES);
    if (body.length > MAX_REQUEST_BYTES) throw new GoogleApiError(400, `Request payload size exceeds the limit: ${MAX_REQUEST_BYTES} bytes.`);
    const request = parseWriteRequest(body);
    for (const entry of request.entries) {
      const { project } = parseLogName(entry.logName);
      if (!this.writers.get(project)?.has(check.grant.serviceAccount)) throw iamPermissionDenied(WRITE_PERMISSION);
    }
    const received = new Date(this.now()).toISOString();
    const records = request.entries.map((e) => this.record(e, received));
    if (!request.dryRun) this.stored.push(...records);
  }

  /** The entry as Cloud Logging keeps it; refused when over 256 KB. */
  private record(entry: RequestedEntry, received: string): LogEntryRecord {
    const size = Buffer.byteLength(JSON.stringify(entry), "utf8");
    if (size > MAX_ENTRY_BYTES) throw new GoogleApiError(400, `Log entry with size ${humanSize(size)} exceeds maximum size of ${humanSize(MAX_ENTRY_BYTES)}`);
    return {
      ...entry,
      timestamp: typeof entry.timestamp === "string" ? entry.timestamp : received,
      receiveTimestamp: received,
      severity: typeof entry.severity === "string" ? entry.severity : "DEFAULT",
      insertId: typeof entry.insertId === "string" ? entry.insertId : randomUUID()
    };
  }
}

/** Google's sizes in its messages: "555.6K", "6.23M". */
function humanSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(2)}M` : `${(bytes / 1024).toFixed(1)}K`;
}

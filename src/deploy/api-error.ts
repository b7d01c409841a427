// Apigee's error answers turned into messages a platform engineer can act on:
// which call failed, Apigee's own message, the IAM permission a 403 is about,
// and a bad bundle's violations. Google APIs answer errors as
//   {"error": {"code": 400, "message": "...", "status": "INVALID_ARGUMENT", "details": [...]}}
// where details may hold a BadBundle or PreconditionFailure (violations) or an
// ErrorInfo (reason, metadata.permission). Sources: docs/deploy.md.

import { UserError } from "../common/user-error";
import { describeCall, type ApiCall } from "./apigee-calls";

export interface GoogleError {
  code?: number;
  message?: string;
  status?: string;
  details?: unknown[];
}

/** A call Apigee refused, or one that could not reach Apigee at all (status 0). */
export class ApigeeApiError extends UserError {
  constructor(
    message: string,
    readonly httpStatus: number,
    readonly googleStatus: string | undefined,
    readonly apigeeMessage: string | undefined
  ) {
    super(message);
    this.name = "ApigeeApiError";
  }
}

export function parseGoogleError(body: Buffer | string): GoogleError | undefined {
  try {
    const parsed = JSON.parse(typeof body === "string" ? body : body.toString("utf8")) as { error?: unknown };
    const error = parsed?.error;
    return error && typeof error === "object" ? (error as GoogleError) : undefined;
  } catch {
    return undefined;
  }
}

function detailsOf(error: GoogleError): Record<string, unknown>[] {
  return (Array.isArray(error.details) ? error.details : []).filter((d): d is Record<string, unknown> => !!d && typeof d === "object");
}

function str(value: unknown): string | undefined {
  return typeof value === "string" && value.length ? value : undefined;
}

/**
 * Every violation in the answer, one line each: "file: description" from a
 * bad bundle (edge.configstore.bundle.BadBundle), "subject: description" from
 * a google.rpc.PreconditionFailure or BadRequest (fieldViolations).
 */
export function violationsOf(error: GoogleError): string[] {
  const out: string[] = [];
  for (const detail of detailsOf(error)) {
    const list = [...(Array.isArray(detail.violations) ? detail.violations : []), ...(Array.isArray(detail.fieldViolations) ? detail.fieldViolations : [])];
    for (const v of list) {
      if (!v || typeof v !== "object") continue;
      const item = v as Record<string, unknown>;
      const where = str(item.filename) ?? str(item.subject) ?? str(item.field);
      const what = str(item.description) ?? str(item.type) ?? JSON.stringify(item);
      const kind = str(item.type) && str(item.description) ? ` [${item.type}]` : "";
      out.push(where ? `${where}: ${what}${kind}` : `${what}${kind}`);
    }
  }
  return out;
}

/** The IAM permission a 403 names: ErrorInfo metadata.permission, or "Permission 'x' denied" in the message. */
export function deniedPermission(error: GoogleError): string | undefined {
  for (const detail of detailsOf(error)) {
    const metadata = detail.metadata;
    if (metadata && typeof metadata === "object") {
      const permission = str((metadata as Record<string, unknown>).permission);
      if (permission) return permission;
    }
  }
  return /Permission '([^']+)' denied/.exec(error.message ?? "")?.[1];
}

function statusLine(httpStatus: number, error: GoogleError | undefined, body: string): string {
  const status = error?.status ? ` ${error.status}` : "";
  const message = error?.message ?? (body.trim() ? body.trim().slice(0, 300) : "(no message)");
  return `Apigee answered ${httpStatus}${status}: ${message}`;
}

function hint(call: ApiCall, httpStatus: number, error: GoogleError | undefined): string[] {
  if (httpStatus === 401) {
    return ["The token was not accepted: it may have expired (gcloud access tokens last about an hour). Get a new one (gcloud auth print-access-token) and pass it with --token or APIGEE_TOKEN."];
  }
  if (httpStatus === 403) {
    const named = error && deniedPermission(error);
    if (named) return [`Missing IAM permission: ${named}. Grant a role that includes it to the account whose token apigee-aws uses.`];
    return [`Missing IAM permission: this call needs ${call.permissions.join(", ")}. Grant a role that includes them to the account whose token apigee-aws uses.`];
  }
  if (httpStatus === 404) return ["Check --org and --env: the organization or environment may not exist, or the token's account may not see it."];
  return [];
}

/** The message for a call Apigee answered with an error status. */
export function apiErrorMessage(call: ApiCall, httpStatus: number, body: Buffer, attempts: number): ApigeeApiError {
  const text = body.toString("utf8");
  const error = parseGoogleError(text);
  const lines = [`${call.label} failed (${describeCall({ ...call, file: undefined })}).`, statusLine(httpStatus, error, text) + (attempts > 1 ? ` (after ${attempts} attempts)` : "")];
  const violations = error ? violationsOf(error) : [];
  if (violations.length) lines.push("Violations:", ...violations.map((v) => `  - ${v}`));
  lines.push(...hint(call, httpStatus, error));
  return new ApigeeApiError(lines.join("\n"), httpStatus, error?.status, error?.message);
}

/** The message for a call that never got an answer (refused, reset, timed out). */
export function networkErrorMessage(call: ApiCall, baseUrl: string, cause: unknown, attempts: number): ApigeeApiError {
  const reason = causeText(cause);
  return new ApigeeApiError(
    `${call.label} failed (${describeCall({ ...call, file: undefined })}): could not reach ${baseUrl}: ${reason} (after ${attempts} attempts). Check the network, or --api-url for a private endpoint.`,
    0,
    undefined,
    undefined
  );
}

function causeText(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  const inner = (cause as Error & { cause?: unknown }).cause;
  if (inner instanceof Error) {
    const code = (inner as Error & { code?: string }).code;
    return code ? `${inner.message} (${code})` : inner.message;
  }
  return cause.message;
}

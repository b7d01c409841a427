// Errors in the shape Google APIs answer with:
// {"error": {"code": 403, "message": "...", "status": "PERMISSION_DENIED", "details": [...]}}

import { jsonResponse } from "./http-json";
import type { LoopbackResponse } from "./http-server";

/** google.rpc.Code names for the HTTP statuses Google maps them to. */
const STATUS_NAMES: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  409: "ABORTED",
  429: "RESOURCE_EXHAUSTED",
  499: "CANCELLED",
  500: "INTERNAL",
  501: "NOT_IMPLEMENTED",
  503: "UNAVAILABLE",
  504: "DEADLINE_EXCEEDED"
};

const GENERIC_MESSAGES: Record<number, string> = {
  400: "Request contains an invalid argument.",
  401: "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.",
  403: "The caller does not have permission",
  404: "Requested entity was not found.",
  429: "Resource has been exhausted (e.g. check quota).",
  500: "Internal error encountered.",
  503: "The service is currently unavailable.",
  504: "The request timed out. Please try again."
};

export type GoogleErrorDetail = Record<string, unknown> & { "@type": string };

export class GoogleApiError extends Error {
  readonly status: number;
  /** The google.rpc.Code name, e.g. "PERMISSION_DENIED". */
  readonly googleStatus: string;
  readonly details: GoogleErrorDetail[];
  /** Response headers that go with the error (WWW-Authenticate for 401/403 token problems). */
  readonly headers: Record<string, string>;

  constructor(status: number, message?: string, details: GoogleErrorDetail[] = [], headers: Record<string, string> = {}) {
    super(message ?? GENERIC_MESSAGES[status] ?? `HTTP ${status}`);
    this.name = "GoogleApiError";
    this.status = status;
    this.googleStatus = STATUS_NAMES[status] ?? (status >= 500 ? "UNKNOWN" : "FAILED_PRECONDITION");
    this.details = details;
    this.headers = headers;
  }

  toJSON(): { error: { code: number; message: string; status: string; details?: GoogleErrorDetail[] } } {
    return {
      error: {
        code: this.status,
        message: this.message,
        status: this.googleStatus,
        ...(this.details.length ? { details: this.details } : {})
      }
    };
  }

  toResponse(): LoopbackResponse {
    return jsonResponse(this.status, this.toJSON(), this.headers);
  }
}

export function errorInfo(reason: string, domain: string, metadata: Record<string, string>): GoogleErrorDetail {
  return { "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason, domain, metadata };
}

/** 400 INVALID_ARGUMENT naming the field, in the message too (in-process callers see only that). */
export function badRequest(field: string, description: string): GoogleApiError {
  return new GoogleApiError(400, `Invalid argument "${field}": ${description}`, [
    { "@type": "type.googleapis.com/google.rpc.BadRequest", fieldViolations: [{ field, description }] }
  ]);
}

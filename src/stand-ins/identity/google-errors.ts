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

/** The API a request was for, as Google's ErrorInfo metadata names it. */
export interface GoogleApiMethod {
  service: string;
  method: string;
}

const BEARER_REALM = 'Bearer realm="https://accounts.google.com/"';

/** 401 for a bearer token that is missing, not one Google issued, or expired. */
export function unauthenticated(problem: "missing" | "unknown" | "expired", api: GoogleApiMethod): GoogleApiError {
  const metadata = { service: api.service, method: api.method };
  if (problem === "missing") {
    return new GoogleApiError(
      401,
      "Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.",
      [errorInfo("CREDENTIALS_MISSING", "googleapis.com", metadata)],
      { "www-authenticate": BEARER_REALM }
    );
  }
  const reason = problem === "expired" ? "ACCESS_TOKEN_EXPIRED" : "ACCESS_TOKEN_TYPE_UNSUPPORTED";
  return new GoogleApiError(401, undefined, [errorInfo(reason, "googleapis.com", metadata)], {
    "www-authenticate": `${BEARER_REALM}, error="invalid_token"`
  });
}

/** 403 for a token whose scopes do not cover the API; `scopes` are the ones that would. */
export function insufficientScopes(api: GoogleApiMethod, scopes: string[]): GoogleApiError {
  return new GoogleApiError(
    403,
    "Request had insufficient authentication scopes.",
    [errorInfo("ACCESS_TOKEN_SCOPE_INSUFFICIENT", "googleapis.com", { service: api.service, method: api.method })],
    { "www-authenticate": `${BEARER_REALM}, error="insufficient_scope", scope="${scopes.join(" ")}"` }
  );
}

/** 403 for a caller without the IAM permission, in the shape every Google API uses. */
export function iamPermissionDenied(permission: string): GoogleApiError {
  return new GoogleApiError(403, `Permission '${permission}' denied on resource (or it may not exist).`, [
    errorInfo("IAM_PERMISSION_DENIED", "iam.googleapis.com", { permission })
  ]);
}

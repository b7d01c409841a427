// Error answers in Google's JSON error model, as the management API sends
// them: {"error": {"code", "message", "status", "details": [...]}}. The
// shapes and, where quoted, the messages come from real answers (sources in
// docs/deploy.md); the rest of the wording is the stand-in's own.

import { jsonResponse } from "../../../src/stand-ins/identity/http-json";
import type { LoopbackResponse } from "../../../src/stand-ins/identity/http-server";

export type GoogleStatus =
  | "INVALID_ARGUMENT"
  | "FAILED_PRECONDITION"
  | "UNAUTHENTICATED"
  | "PERMISSION_DENIED"
  | "NOT_FOUND"
  | "ALREADY_EXISTS"
  | "ABORTED"
  | "INTERNAL"
  | "UNAVAILABLE";

export function googleError(code: number, status: GoogleStatus, message: string, details: unknown[] = [], headers: Record<string, string> = {}): LoopbackResponse {
  return jsonResponse(code, { error: { code, message, status, ...(details.length ? { details } : {}) } }, headers);
}

/** A request the stand-in refuses with 400 INVALID_ARGUMENT, naming what was wrong. */
export function badRequest(message: string): LoopbackResponse {
  return googleError(400, "INVALID_ARGUMENT", message);
}

export function unknownQueryParameter(name: string): LoopbackResponse {
  return badRequest(`Invalid JSON payload received. Unknown name "${name}": Cannot bind query parameter. Field '${name}' could not be found in request message.`);
}

export function unauthenticated(): LoopbackResponse {
  return googleError(
    401,
    "UNAUTHENTICATED",
    "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.",
    [],
    { "www-authenticate": 'Bearer realm="https://accounts.google.com/"' }
  );
}

export function permissionDenied(permission: string, resource: string): LoopbackResponse {
  return googleError(403, "PERMISSION_DENIED", `Permission '${permission}' denied on resource '${resource}' (or it may not exist).`, [
    { "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "IAM_PERMISSION_DENIED", domain: "apigee.googleapis.com", metadata: { permission, resource } }
  ]);
}

export function notFound(message: string): LoopbackResponse {
  return googleError(404, "NOT_FOUND", message);
}

/** A bundle Apigee rejects at import: "bundle contains errors" with edge.configstore.bundle.BadBundle violations. */
export function badBundle(violations: { filename?: string; description: string }[]): LoopbackResponse {
  return googleError(400, "INVALID_ARGUMENT", "bundle contains errors", [{ "@type": "type.googleapis.com/edge.configstore.bundle.BadBundle", violations }]);
}

/** A deployment Apigee's validation refuses: "deployment validations failed" with a google.rpc.PreconditionFailure. */
export function deploymentValidationFailed(violations: { type: string; subject: string; description: string }[]): LoopbackResponse {
  return googleError(400, "FAILED_PRECONDITION", "deployment validations failed", [{ "@type": "type.googleapis.com/google.rpc.PreconditionFailure", violations }]);
}

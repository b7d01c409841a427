// Faults: how a policy or the runner stops the normal flow, with the
// variables and default error response Apigee produces.

/** Raised by a policy (or the runner) to put the flow into its error state. */
export class PolicyFault extends Error {
  constructor(
    /** fault.name, e.g. "ScriptExecutionFailed", "InvalidToken", "RaiseFault". */
    readonly faultName: string,
    /** The error code in the default body, e.g. "steps.javascript.ScriptExecutionFailed". */
    readonly errorCode: string,
    message: string,
    readonly status: number,
    /** A complete error response, for RaiseFault and target errors. */
    readonly response?: { status: number; reason: string; headers: [string, string][]; content: string }
  ) {
    super(message);
    this.name = "PolicyFault";
  }
}

export const REASONS: Record<number, string> = {
  200: "OK", 201: "Created", 204: "No Content", 206: "Partial Content", 301: "Moved Permanently", 302: "Found",
  304: "Not Modified", 307: "Temporary Redirect", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden",
  404: "Not Found", 405: "Method Not Allowed", 409: "Conflict", 412: "Precondition Failed", 413: "Payload Too Large",
  416: "Range Not Satisfiable", 429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway",
  503: "Service Unavailable", 504: "Gateway Timeout"
};

/** Apigee's default error body: {"fault":{"faultstring":...,"detail":{"errorcode":...}}}. */
export function defaultErrorBody(fault: PolicyFault): string {
  return JSON.stringify({ fault: { faultstring: fault.message, detail: { errorcode: fault.errorCode } } });
}

// The HTTP client for the Apigee management API: bearer token, retries with
// backoff on network failures, 429, 5xx and 409 ABORTED (Google's "try
// again" conflict), and errors turned into ApigeeApiError messages with the
// token redacted.

import { apiErrorMessage, ApigeeApiError, networkErrorMessage, parseGoogleError } from "./api-error";
import { queryString, type ApiCall } from "./apigee-calls";
import { DEFAULT_BACKOFF, parseRetryAfter, retryDelayMs, type BackoffPolicy } from "./backoff";
import { multipartBody } from "./multipart";
import { redact } from "./redact";

export const DEFAULT_API_URL = "https://apigee.googleapis.com";

export interface ApiResponse {
  status: number;
  body: Buffer;
  contentType: string;
  retryAfter: string | null;
}

export interface RetryNotice {
  call: ApiCall;
  /** The attempt that failed (1 for the first). */
  attempt: number;
  reason: string;
  delayMs: number;
}

export interface ApigeeClientOptions {
  baseUrl?: string;
  token: string;
  backoff?: BackoffPolicy;
  /** Per request; an upload of a large bundle takes a while. */
  requestTimeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  fetch?: typeof fetch;
  onRetry?: (notice: RetryNotice) => void;
}

type Outcome = { response: ApiResponse } | { failure: unknown };

export class ApigeeClient {
  readonly baseUrl: string;
  private readonly backoff: BackoffPolicy;

  constructor(private readonly options: ApigeeClientOptions) {
    this.baseUrl = (options.baseUrl ?? DEFAULT_API_URL).replace(/\/+$/, "");
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    if (!/^https?:\/\//.test(this.baseUrl)) throw new ApigeeApiError(`--api-url must be an http(s) URL, got ${this.baseUrl}`, 0, undefined, undefined);
  }

  /** Sends the call, retrying what is worth retrying; resolves with a 2xx or an accepted status, else throws ApigeeApiError. */
  async send(call: ApiCall): Promise<ApiResponse> {
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(call);
      const retryable = this.retryReason(outcome);
      if (!retryable || attempt >= this.backoff.attempts) return this.settle(call, outcome, attempt);
      const retryAfter = "response" in outcome ? parseRetryAfter(outcome.response.retryAfter, this.now()) : undefined;
      const delayMs = retryDelayMs(this.backoff, attempt, retryAfter, this.options.random ?? Math.random);
      this.options.onRetry?.({ call, attempt, reason: retryable, delayMs });
      await (this.options.sleep ?? defaultSleep)(delayMs);
    }
  }

  /** Sends and parses a JSON answer. */
  async json<T>(call: ApiCall): Promise<{ status: number; value: T | undefined }> {
    const response = await this.send(call);
    if (response.status >= 300 || response.body.length === 0) return { status: response.status, value: undefined };
    try {
      return { status: response.status, value: JSON.parse(response.body.toString("utf8")) as T };
    } catch {
      throw new ApigeeApiError(`${call.label}: Apigee answered ${response.status} with a body that is not JSON: ${this.clean(response.body.toString("utf8").slice(0, 200))}`, response.status, undefined, undefined);
    }
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private async attempt(call: ApiCall): Promise<Outcome> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.options.token}`, accept: "application/json" };
    let body: Uint8Array<ArrayBuffer> | undefined;
    if (call.file) {
      const form = multipartBody(call.file);
      headers["content-type"] = form.contentType;
      // A copy in a plain ArrayBuffer: what fetch's BodyInit accepts.
      body = new Uint8Array(form.body);
    }
    try {
      const response = await (this.options.fetch ?? fetch)(`${this.baseUrl}${call.path}${queryString(call.query)}`, {
        method: call.method,
        headers,
        body,
        signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? 120_000)
      });
      const bytes = Buffer.from(await response.arrayBuffer());
      return { response: { status: response.status, body: bytes, contentType: response.headers.get("content-type") ?? "", retryAfter: response.headers.get("retry-after") } };
    } catch (failure) {
      return { failure };
    }
  }

  /** Why the outcome is worth another attempt, or undefined when it is final. */
  private retryReason(outcome: Outcome): string | undefined {
    if ("failure" in outcome) return "no answer (network)";
    const { status, body } = outcome.response;
    if (status === 429 || status >= 500) return `answer ${status}`;
    // 409 ABORTED is a concurrency conflict that a later attempt resolves; 409 ALREADY_EXISTS is not.
    if (status === 409 && parseGoogleError(body)?.status === "ABORTED") return "answer 409 ABORTED";
    return undefined;
  }

  private settle(call: ApiCall, outcome: Outcome, attempts: number): ApiResponse {
    if ("failure" in outcome) throw this.redacted(networkErrorMessage(call, this.baseUrl, outcome.failure, attempts));
    const { status, body } = outcome.response;
    if ((status >= 200 && status < 300) || call.accept?.includes(status)) return outcome.response;
    throw this.redacted(apiErrorMessage(call, status, body, attempts));
  }

  private clean(text: string): string {
    return redact(text, [this.options.token]);
  }

  private redacted(error: ApigeeApiError): ApigeeApiError {
    const message = this.clean(error.message);
    return message === error.message ? error : new ApigeeApiError(message, error.httpStatus, error.googleStatus, error.apigeeMessage && this.clean(error.apigeeMessage));
  }
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

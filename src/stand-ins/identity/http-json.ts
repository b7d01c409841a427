// Small response helpers shared by the stand-ins' HTTP handlers.

import type { LoopbackResponse } from "./http-server";

export function jsonResponse(status: number, value: unknown, headers: Record<string, string> = {}): LoopbackResponse {
  return {
    status,
    headers: { "content-type": "application/json; charset=UTF-8", ...headers },
    body: JSON.stringify(value)
  };
}

/** The request's path without its query string ("/" when absent). */
export function requestPath(url: string | undefined): string {
  return new URL(url ?? "/", "http://stand-in").pathname;
}

// A loopback HTTP server for the stand-ins: each request's body is read in
// full before the handler sees it, and a handler that throws answers 500
// instead of leaving the client hanging.

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readWholeBody } from "../../common/http-message";

export interface LoopbackResponse {
  status: number;
  headers?: Record<string, string>;
  body: string | Buffer;
}

export type LoopbackHandler = (req: IncomingMessage, body: Buffer) => Promise<LoopbackResponse>;

export interface LoopbackServer {
  /** http://127.0.0.1:PORT, without a trailing slash. */
  url: string;
  port: number;
  /** Stops listening and closes open (keep-alive) connections. */
  close(): Promise<void>;
}

export async function startLoopbackServer(handler: LoopbackHandler): Promise<LoopbackServer> {
  const server = createServer((req, res) => {
    readWholeBody(req)
      .then((body) => handler(req, body))
      .catch((error: unknown) => internalError(error))
      .then((response) => send(res, response))
      // A response that cannot be written (a bad header value, say) must not
      // leave the client waiting.
      .catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Clients such as fetch keep sockets open; without this close() would
        // wait for them to time out.
        server.closeAllConnections();
      });
      return closing;
    }
  };
}

function internalError(error: unknown): LoopbackResponse {
  const message = error instanceof Error ? error.message : String(error);
  return {
    status: 500,
    headers: { "content-type": "application/json; charset=UTF-8" },
    body: JSON.stringify({ error: { code: 500, message: `stand-in handler failed: ${message}`, status: "INTERNAL" } })
  };
}

function send(res: ServerResponse, response: LoopbackResponse): void {
  if (res.destroyed) return;
  const body = typeof response.body === "string" ? Buffer.from(response.body, "utf8") : response.body;
  res.writeHead(response.status, { ...response.headers, "content-length": String(body.length) });
  res.end(body);
}

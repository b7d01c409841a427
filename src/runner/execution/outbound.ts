// HTTP from the runner to targets and ServiceCallouts. A host override sends
// a request for, say, acme.s3.us-east-1.amazonaws.com to a loopback stand-in
// while the Host header stays the one that was signed.

import * as http from "node:http";
import * as https from "node:https";
import { headerPairs, readWholeBody } from "../../common/http-message";

/** Methods whose request has a body by definition, so an empty one is sent as Content-Length: 0. */
const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);

export interface OutboundRequest {
  method: string;
  url: string;
  headers: [string, string][];
  body: Buffer;
  timeoutMs: number;
}

export interface OutboundResponse {
  status: number;
  reason: string;
  headers: [string, string][];
  body: Buffer;
}

export class OutboundError extends Error {
  constructor(message: string, readonly timedOut: boolean) {
    super(message);
    this.name = "OutboundError";
  }
}

export class OutboundHttp {
  /** hostOverrides: "host[:port]" or "*.suffix" → "http://127.0.0.1:PORT". */
  constructor(private readonly hostOverrides: Record<string, string> = {}) {}

  /** Where a request for `url` really connects: an override, else the URL's own host. */
  private connectTarget(target: URL): URL {
    const exact = this.hostOverrides[target.host] ?? this.hostOverrides[target.hostname];
    if (exact) return new URL(exact);
    for (const [pattern, to] of Object.entries(this.hostOverrides)) {
      if (pattern.startsWith("*.") && target.hostname.endsWith(pattern.slice(1))) return new URL(to);
    }
    return target;
  }

  send(req: OutboundRequest): Promise<OutboundResponse> {
    const target = new URL(req.url);
    const connectTo = this.connectTarget(target);
    const client = connectTo.protocol === "https:" ? https : http;
    const headers: [string, string][] = req.headers.some(([n]) => n.toLowerCase() === "host") ? req.headers.slice() : [["Host", target.host], ...req.headers];
    // The body is whole here, so it goes with its length, as Apigee sends a buffered body (and a streamed one
    // whose client sent a length): written as a header list, Node would otherwise frame it chunked, which S3 refuses for a PUT.
    if (req.body.length > 0 || BODY_METHODS.has(req.method.toUpperCase())) headers.push(["Content-Length", String(req.body.length)]);
    // The path and query exactly as written: they were signed that way.
    const rawPath = req.url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, "").replace(/#.*$/, "") || "/";
    return new Promise((resolve, reject) => {
      const request = client.request(
        {
          method: req.method,
          host: connectTo.hostname,
          port: connectTo.port || (connectTo.protocol === "https:" ? 443 : 80),
          path: rawPath.startsWith("/") ? rawPath : `/${rawPath}`,
          headers: headers.flat() as unknown as http.OutgoingHttpHeaders,
          timeout: req.timeoutMs
        },
        (res) =>
          readWholeBody(res).then(
            (body) => resolve({ status: res.statusCode ?? 502, reason: res.statusMessage ?? "", headers: headerPairs(res.rawHeaders), body }),
            (e: Error) => reject(new OutboundError(e.message, false))
          )
      );
      request.on("timeout", () => request.destroy(new OutboundError(`no response from ${target.host} within ${req.timeoutMs} ms`, true)));
      request.on("error", (e) => reject(e instanceof OutboundError ? e : new OutboundError(`${target.host}: ${e.message}`, false)));
      request.end(req.body.length ? req.body : undefined);
    });
  }
}

// Apigee's httpClient and Request over java.net.http, doing real HTTP.
// Waiting is bounded by the policy's timeLimit, like everything a policy does.

import { redirectFor } from "./host-overrides";
import { currentContext, millisLeft, TIME_LIMIT_MESSAGE } from "./threads";
import { inScope } from "./values";

var HttpClient = java.net.http.HttpClient;
var HttpRequest = java.net.http.HttpRequest;
var Duration = java.time.Duration;
var TimeUnit = java.util.concurrent.TimeUnit;

var CLIENT = HttpClient.newBuilder()
  .version(HttpClient.Version.HTTP_1_1)
  .connectTimeout(Duration.ofMillis(3000))
  .build();

/** Headers java.net.http derives itself and refuses to take. */
var TRANSPORT_HEADERS: { [lower: string]: boolean } = {
  host: true,
  "content-length": true,
  connection: true,
  expect: true,
  upgrade: true
};

var REASONS: { [code: number]: string } = {
  200: "OK", 201: "Created", 204: "No Content", 206: "Partial Content", 304: "Not Modified",
  400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
  409: "Conflict", 412: "Precondition Failed", 429: "Too Many Requests", 500: "Internal Server Error",
  502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout"
};

export interface CalloutRequest {
  url: unknown;
  method: unknown;
  headers: { [name: string]: unknown };
  body: unknown;
}

interface Exchange {
  isComplete(): boolean;
  isSuccess(): boolean;
  isError(): boolean;
  waitForComplete(timeoutMs?: unknown): void;
  getResponse(): unknown;
  getError(): unknown;
}

/** A callback registered with send(request, callback), run after the script body. */
export interface PendingCallback {
  exchange: Exchange;
  callback: (response: unknown, error: unknown) => void;
}

export interface HttpObjects {
  httpClient: unknown;
  Request: unknown;
  pending: PendingCallback[];
}

export function createHttpObjects(scope: any): HttpObjects {
  var pending: PendingCallback[] = [];
  function Request(this: CalloutRequest, url?: unknown, method?: unknown, headers?: unknown, body?: unknown) {
    this.url = url === undefined ? "" : url;
    this.method = method === undefined ? "GET" : method;
    this.headers = (headers as { [name: string]: unknown }) || {};
    this.body = body === undefined ? "" : body;
  }
  function send(req: CalloutRequest, callback?: (response: unknown, error: unknown) => void): Exchange {
    var exchange = startExchange(scope, req);
    if (typeof callback === "function") pending.push({ exchange: exchange, callback: callback });
    return exchange;
  }
  var httpClient = {
    send: send,
    get: function (target: unknown, callback?: (response: unknown, error: unknown) => void) {
      var req = typeof target === "object" && target !== null ? (target as CalloutRequest) : new (Request as any)(String(target), "GET");
      return send(req, callback);
    }
  };
  return { httpClient: httpClient, Request: Request, pending: pending };
}

function startExchange(scope: any, req: CalloutRequest): Exchange {
  var future: any = null;
  var startError: string | null = null;
  try {
    future = CLIENT.sendAsync(buildRequest(req), java.net.http.HttpResponse.BodyHandlers.ofString());
  } catch (e) {
    startError = "Invalid request: " + describeError(e);
  }
  var done = function () {
    return startError !== null || future.isDone();
  };
  var failed = function () {
    return startError !== null || (future.isDone() && future.isCompletedExceptionally());
  };
  return {
    isComplete: done,
    isSuccess: function () {
      return done() && !failed();
    },
    isError: failed,
    waitForComplete: function (timeoutMs?: unknown) {
      if (startError === null) waitBounded(future, timeoutMs);
    },
    getResponse: function () {
      return done() && !failed() ? responseObject(scope, future.get()) : undefined;
    },
    getError: function () {
      if (startError !== null) return startError;
      if (!failed()) return undefined;
      try {
        future.get();
      } catch (e) {
        return describeError(e);
      }
      return undefined;
    }
  };
}

function buildRequest(req: CalloutRequest): any {
  var method = String(req.method || "GET").toUpperCase();
  var body = req.body === null || req.body === undefined ? "" : String(req.body);
  var publisher = body === "" ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
  var redirect = redirectFor(String(req.url));
  var builder = HttpRequest.newBuilder(java.net.URI.create(redirect ? redirect.url : String(req.url))).method(method, publisher);
  if (redirect) builder.header("Host", redirect.host);
  var headers = req.headers || {};
  for (var name in headers) {
    if (Object.prototype.hasOwnProperty.call(headers, name) && !TRANSPORT_HEADERS[name.toLowerCase()]) {
      builder.header(name, String(headers[name]));
    }
  }
  return builder.build();
}

/** Waits for the exchange, never past the policy's deadline. */
export function waitBounded(future: any, timeoutMs?: unknown): void {
  var cx = currentContext();
  var left = millisLeft(cx);
  var limit = timeoutMs === undefined || timeoutMs === null ? left : Math.min(Number(timeoutMs), left);
  try {
    future.get(Math.max(1, limit), TimeUnit.MILLISECONDS);
  } catch (e) {
    if (millisLeft(cx) <= 0) {
      cx.putThreadLocal("timedOut", java.lang.Boolean.TRUE);
      throw new Error(TIME_LIMIT_MESSAGE);
    }
  }
}

function responseObject(scope: any, res: any): unknown {
  var code = Number(res.statusCode());
  var headers: { [name: string]: string } = {};
  var it = res.headers().map().entrySet().iterator();
  while (it.hasNext()) {
    var entry = it.next();
    headers[String(entry.getKey())] = String(java.lang.String.join(",", entry.getValue()));
  }
  var body = String(res.body());
  var obj = inScope(scope, { status: { code: code, message: REASONS[code] || "" }, headers: headers });
  obj.status.valueOf = function () {
    return code;
  };
  obj.content = contentObject(scope, body);
  return obj;
}

/** Message content: converts to the body text and offers .asJSON, like Apigee's. */
export function contentObject(scope: any, body: string): unknown {
  var content = new scope.String(body);
  Object.defineProperty(content, "asJSON", {
    get: function () {
      return scope.JSON.parse(body);
    }
  });
  return content;
}

function describeError(e: unknown): string {
  var err = e as { javaException?: any; message?: string };
  var javaError = err && err.javaException;
  if (javaError) {
    var cause = javaError.getCause ? javaError.getCause() : null;
    return String((cause || javaError).toString());
  }
  return String((err && err.message) || e);
}

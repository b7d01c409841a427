// The call from a TargetEndpoint to its backend: URL assembly, Google
// authentication, streaming, and Apigee's faults for backend failures.

import { firstHeader, Message, setHeader } from "../../flow/message";
import { splitUrl } from "../../flow/url-parts";
import type { GoogleAuthentication, TargetEndpoint } from "../bundle/model";
import type { ExecutionContext } from "./context";
import { PolicyFault, REASONS } from "./fault";
import { OutboundError } from "./outbound";

export const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-connection", "content-length"]);

export function propertyFlag(props: Record<string, string>, name: string, fallback: boolean): boolean {
  const v = props[name];
  return v === undefined ? fallback : v.trim().toLowerCase() === "true";
}

/**
 * The URL the request goes to: target.url as policies left it (initially the
 * TargetEndpoint's URL), plus the proxy's path suffix and the request's query
 * unless target.copy.pathsuffix / target.copy.queryparams say false.
 */
export function finalTargetUrl(ctx: ExecutionContext, target: TargetEndpoint): string {
  let url = ctx.getString("target.url") ?? target.connection!.url;
  const props = target.connection!.properties;
  const copies = (name: string) => ctx.getString(name) !== "false" && propertyFlag(props, name, true);
  const suffix = ctx.getString("proxy.pathsuffix") ?? "";
  if (suffix && copies("target.copy.pathsuffix")) {
    const q = url.search(/[?#]/);
    const base = q >= 0 ? url.slice(0, q) : url;
    url = base.replace(/\/$/, "") + suffix + (q >= 0 ? url.slice(q) : "");
  }
  if (copies("target.copy.queryparams") && !splitUrl(url).hasQuery) {
    const query = splitUrl(ctx.flow.messages.request.url ?? "").query;
    if (query) url += `?${query}`;
  }
  return url;
}

/** Adds the Google token an <Authentication> element asks for. */
export async function authenticate(ctx: ExecutionContext, auth: GoogleAuthentication | null, url: string, request: Message): Promise<void> {
  if (!auth) return;
  const { google } = ctx.services.environment;
  const serviceAccount = ctx.deploymentServiceAccount ?? ctx.services.environment.serviceAccount;
  if (!google || !serviceAccount) {
    throw new PolicyFault("GoogleAuthenticationFailed", "messaging.adaptors.http.flow.GoogleAuthenticationFailed", "the proxy uses Google authentication but the runner has no service account or token source configured", 500);
  }
  const token =
    auth.kind === "GoogleAccessToken"
      ? await google.accessToken(serviceAccount, auth.scopes, auth.lifetimeSeconds ?? undefined)
      : await google.idToken(serviceAccount, idTokenAudience(ctx, auth, url), auth.includeEmail);
  const header = (auth.headerName?.ref ? ctx.getString(auth.headerName.ref) : null) || auth.headerName?.literal || "Authorization";
  setHeader(request, header, `Bearer ${token}`);
}

/**
 * The audience Apigee documents: the ref variable when it resolves, else the
 * element's text; "If the value of Audience is empty or the ref variable does
 * not resolve to a valid value, and useTargetUrl is true, then the URL of the
 * target (excluding any query parameters) is used". Without useTargetUrl the
 * runner falls back to the same URL rather than failing.
 */
function idTokenAudience(ctx: ExecutionContext, auth: Extract<GoogleAuthentication, { kind: "GoogleIDToken" }>, url: string): string {
  const fromRef = auth.audienceRef ? ctx.getString(auth.audienceRef) : null;
  return fromRef || auth.audience || url.replace(/[?#].*$/, "");
}

/**
 * A streamed error answer's body as the fault rules' policies read it. Apigee
 * buffers a streamed payload a policy reads ("Accessing the request/response
 * payload with streaming enabled causes Apigee to go back to the default
 * buffering mode", Apigee X antipatterns, "Accessing the request/response
 * payload when streaming is enabled"); error bodies are small, so the runner
 * gives fault rules the body whole, up to 1 MiB, and leaves larger ones
 * unread, as it leaves a streamed success body unread (no generated policy
 * reads one).
 */
function readableStreamedBody(body: Buffer): string {
  return body.length <= 1024 * 1024 ? body.toString("utf8") : "";
}

export function successCodes(props: Record<string, string>): (status: number) => boolean {
  const spec = props["success.codes"];
  if (!spec) return (s) => s < 400;
  const parts = spec.split(",").map((p) => p.trim().toLowerCase());
  return (s) => parts.some((p) => p === String(s) || (/^[1-5]xx$/.test(p) && String(s)[0] === p[0]));
}

/** Calls the backend and puts its answer in `response`; throws Apigee's faults on failure. */
export async function callTarget(ctx: ExecutionContext, target: TargetEndpoint, clientHost: string | null): Promise<void> {
  const request = ctx.flow.messages.request;
  const url = finalTargetUrl(ctx, target);
  const props = target.connection!.properties;
  if (firstHeader(request, "host") === clientHost) setHeader(request, "Host", new URL(url).host);
  await authenticate(ctx, target.connection!.authentication, url, request);
  const body = ctx.streamed.get("request") ?? Buffer.from(request.content, "utf8");
  let res;
  try {
    res = await ctx.services.http.send({
      method: request.method ?? "GET",
      url,
      headers: request.headers.filter(([n]) => !HOP_BY_HOP.has(n.toLowerCase())),
      body,
      timeoutMs: Number(props["io.timeout.millis"] ?? 55000)
    });
  } catch (e) {
    const timedOut = e instanceof OutboundError && e.timedOut;
    throw new PolicyFault(
      timedOut ? "GatewayTimeout" : "ServiceUnavailable",
      timedOut ? "messaging.adaptors.http.flow.GatewayTimeout" : "messaging.adaptors.http.flow.ServiceUnavailable",
      `${timedOut ? "Gateway Timeout" : "The Service is temporarily unavailable"}: ${(e as Error).message}`,
      timedOut ? 504 : 503
    );
  }
  const streaming = propertyFlag(props, "response.streaming.enabled", false);
  const response: Message = {
    method: null,
    url: null,
    status: res.status,
    reason: res.reason || REASONS[res.status] || "",
    // A HEAD answer's Content-Length describes the body it does not send: keep it.
    headers: res.headers.filter(([n]) => !HOP_BY_HOP.has(n.toLowerCase()) || (request.method === "HEAD" && n.toLowerCase() === "content-length")),
    content: streaming ? "" : res.body.toString("utf8")
  };
  if (streaming) ctx.streamed.set("response", res.body);
  else ctx.streamed.delete("response");
  ctx.flow.messages.response = response;
  ctx.set("target.url", url);
  if (!successCodes(props)(res.status)) {
    throw new PolicyFault("ErrorResponseCode", "messaging.adaptors.http.flow.ErrorResponseCode", `Received ${res.status} Response Code`, res.status, {
      status: res.status,
      reason: response.reason ?? "",
      headers: response.headers,
      content: streaming ? readableStreamedBody(res.body) : response.content
    });
  }
}

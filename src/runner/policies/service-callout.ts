// ServiceCallout: sends a request message (built inline or by an earlier
// AssignMessage) to an HTTP endpoint and stores the answer in a variable.

import { Message } from "../../flow/message";
import { splitUrl } from "../../flow/url-parts";
import { httpConnection } from "../bundle/endpoints";
import type { ProblemList } from "../bundle/load-error";
import { allowOnly, attr, booleanText, child, childText, elements, XmlNode } from "../bundle/xml";
import type { ExecutionContext } from "../execution/context";
import { PolicyFault, REASONS } from "../execution/fault";
import { OutboundError } from "../execution/outbound";
import { authenticate, HOP_BY_HOP, successCodes } from "../execution/target-call";
import type { Template } from "../templates";
import { copyOps, Operation, paramOps, removeOps, setOps } from "./assign-message";
import { booleanAttr } from "./boolean-attribute";
import type { PolicyDefinition } from "../bundle/model";
import { COMMON_ELEMENTS, CompiledPolicy, policyBase } from "./policy";
import { compileTemplate } from "./values";

function requestOps(node: XmlNode, problems: ProblemList): Operation[] {
  allowOnly(node, problems, ["Set", "Add", "Remove", "Copy", "IgnoreUnresolvedVariables"], ["variable", "clearPayload"]);
  const ops: Operation[] = [];
  for (const c of elements(node)) {
    if (c.el.tagName === "Set") ops.push(...setOps(c, problems));
    else if (c.el.tagName === "Add") ops.push(...paramOps(c, "add", problems));
    else if (c.el.tagName === "Remove") ops.push(...removeOps(c, problems));
    else if (c.el.tagName === "Copy") ops.push(...copyOps(c, problems));
  }
  return ops;
}

/** The callout URL: the connection's URL template, then the message's own path and query. */
function calloutUrl(ctx: ExecutionContext, url: Template, message: Message): string {
  let out = ctx.render(url, true);
  const own = splitUrl(message.url ?? "/");
  if (own.path !== "/") out = out.replace(/[?#].*$/, "").replace(/\/$/, "") + own.path + (out.includes("?") ? out.slice(out.indexOf("?")) : "");
  if (own.hasQuery && own.query) out += (out.includes("?") ? "&" : "?") + own.query;
  return out;
}

export function compileServiceCallout(def: PolicyDefinition, problems: ProblemList): CompiledPolicy {
  allowOnly(def.node, problems, [...COMMON_ELEMENTS, "Request", "Response", "Timeout", "HTTPTargetConnection"], ["name", "enabled", "continueOnError", "async"]);
  const requestNode = child(def.node, "Request");
  const ops = requestNode ? requestOps(requestNode, problems) : [];
  const requestVariable = (requestNode && attr(requestNode, "variable")) || `${def.name}.request`;
  const ignoreUnresolved = requestNode ? booleanText(child(requestNode, "IgnoreUnresolvedVariables"), false, problems) : false;
  // Apigee clears the request message's payload once it has been sent.
  const clearPayload = requestNode ? booleanAttr(requestNode, "clearPayload", false, problems) : false;
  const responseVariable = childText(def.node, "Response");
  const timeout = childText(def.node, "Timeout");
  const connectionNode = child(def.node, "HTTPTargetConnection");
  const connection = httpConnection(connectionNode, problems);
  if (!connection) problems.add(def.file, def.line, "<ServiceCallout> needs an <HTTPTargetConnection> with a <URL> (LocalTargetConnection is not supported by the runner)");
  const url = connection && connectionNode ? compileTemplate(connectionNode, connection.url, problems) : null;
  return {
    ...policyBase(def),
    async execute(ctx) {
      let message = ctx.flow.messages[requestVariable];
      if (!message) message = ctx.flow.messages[requestVariable] = { method: "GET", url: "/", status: null, reason: null, headers: [], content: "" };
      for (const op of ops) op(ctx, message, ignoreUnresolved);
      const target = calloutUrl(ctx, url!, message);
      ctx.set("servicecallout.requesturi", target);
      ctx.set(`servicecallout.${def.name}.target.url`, target);
      await authenticate(ctx, connection!.authentication, target, message);
      const response = await send(ctx, def.name, message, target, Number(timeout ?? connection!.properties["io.timeout.millis"] ?? 55000));
      if (clearPayload) message.content = "";
      if (responseVariable) ctx.flow.messages[responseVariable] = response;
      if (!successCodes(connection!.properties)(response.status ?? 0)) {
        throw new PolicyFault("ExecutionFailed", "steps.servicecallout.ExecutionFailed", `Execution of ServiceCallout ${def.name} failed. Reason: ResponseCode ${response.status} is treated as error`, 500);
      }
    }
  };
}

async function send(ctx: ExecutionContext, name: string, message: Message, url: string, timeoutMs: number): Promise<Message> {
  try {
    const res = await ctx.services.http.send({
      method: message.method ?? "GET",
      url,
      headers: message.headers.filter(([n]) => !HOP_BY_HOP.has(n.toLowerCase())),
      body: Buffer.from(message.content, "utf8"),
      timeoutMs
    });
    return {
      method: null,
      url: null,
      status: res.status,
      reason: res.reason || REASONS[res.status] || "",
      headers: res.headers.filter(([n]) => !HOP_BY_HOP.has(n.toLowerCase())),
      content: res.body.toString("utf8")
    };
  } catch (e) {
    const timedOut = e instanceof OutboundError && e.timedOut;
    throw new PolicyFault(
      "ExecutionFailed",
      "steps.servicecallout.ExecutionFailed",
      `Execution of ServiceCallout ${name} failed. Reason: ${timedOut ? "timeout occurred" : (e as Error).message}`,
      500
    );
  }
}

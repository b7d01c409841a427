// MessageLogging: builds a message from a template and writes it to Cloud
// Logging or to a syslog server, in the background (execution/log-writes.ts):
// a write that fails is reported in the runner's log, never to the client,
// and the policy itself never faults.
//
// What it accepts is what Apigee X documents
// (https://cloud.google.com/apigee/docs/api-platform/reference/policies/message-logging-policy):
// <CloudLogging> or <Syslog> ("You cannot use both the <CloudLogging> element
// and the <Syslog> element in the same policy") and <logLevel> ("INFO
// (default), ALERT, WARN, ERROR").
//   <CloudLogging>: <LogName> and <Message contentType="..."> (both required,
//   as apigeelint PO039 checks), <Labels><Label><Key/><Value/></Label>,
//   <ResourceType>. Message templates in <Message> (the reference's template
//   table) and <LogName> (Google's cloud-logging sample writes
//   projects/{organization.name}/logs/apigee); the other elements are taken
//   literally, and a "{" in them is refused rather than guessed at.
//   <Endpoint>, which newer reference pages list without saying what it takes,
//   is refused as not supported.
//   <Syslog>: <Message> (a template), <Host> (default localhost), <Port>
//   (required on Apigee X: "Invalid Port" when it is 0 or missing, MessageLogging
//   deployment errors), <Protocol> TCP or UDP (default UDP; "Invalid Protocol"
//   otherwise), <FormatMessage>, <DateFormat>, <SSLInfo><Enabled>. Host and Port
//   are literal ("Host and Port elements cannot refer to variables", Edge's
//   reference). <PayloadOnly>, which only an Apigee community article and a
//   community schema mention, is refused.

import type { ProblemList } from "../bundle/load-error";
import type { PolicyDefinition } from "../bundle/model";
import { allowOnly, attr, booleanText, child, elements, lineOf, text, XmlNode } from "../bundle/xml";
import { writeLogEntry, type LogEntry } from "../execution/cloud-logging-write";
import type { ExecutionContext } from "../execution/context";
import { formatSyslogMessage, sendSyslog, type SyslogProtocol } from "../execution/syslog-send";
import type { Template } from "../templates";
import { compileDatePattern } from "../templates/time-format";
import { COMMON_ATTRIBUTES, COMMON_ELEMENTS, CompiledPolicy, policyBase } from "./policy";
import { compileTemplate } from "./values";

/** <logLevel> as Cloud Logging's LogSeverity and as a syslog severity (RFC 5424). */
const LOG_LEVELS: Record<string, { severity: string; syslog: number }> = {
  INFO: { severity: "INFO", syslog: 6 },
  WARN: { severity: "WARNING", syslog: 4 },
  ERROR: { severity: "ERROR", syslog: 3 },
  ALERT: { severity: "ALERT", syslog: 1 }
};
/** Syslog's default timestamp, as Edge's reference shows it and Apigee's example header has it. */
const DEFAULT_DATE_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSSZ";
/**
 * The monitored resource when <ResourceType> is absent. Not documented: the
 * apigeelint versions disagree on what ResourceType should be ("global" in
 * 2.85, "api" later); the runner sends "api".
 */
const DEFAULT_RESOURCE_TYPE = "api";

type LogLevel = (typeof LOG_LEVELS)[string];

/** A sink compiled from its element: renders the message for one request and returns the write to make. */
interface Sink {
  kind: "CloudLogging" | "Syslog";
  prepare(ctx: ExecutionContext, level: LogLevel): { destination: string; write: () => Promise<void> };
}

export function compileMessageLogging(def: PolicyDefinition, problems: ProblemList): CompiledPolicy {
  allowOnly(def.node, problems, [...COMMON_ELEMENTS, "CloudLogging", "Syslog", "logLevel"], COMMON_ATTRIBUTES);
  const level = logLevel(single(def.node, "logLevel", problems), problems);
  const cloud = single(def.node, "CloudLogging", problems);
  const syslog = single(def.node, "Syslog", problems);
  if (cloud && syslog) {
    const second = lineOf(cloud) > lineOf(syslog) ? cloud : syslog;
    problems.add(
      def.file,
      lineOf(second),
      '<MessageLogging> has both <CloudLogging> and <Syslog>; Apigee refuses that ("You cannot use both the <CloudLogging> element and the <Syslog> element in the same policy", MessageLogging policy reference)'
    );
  } else if (!cloud && !syslog) {
    problems.add(def.file, def.line, "<MessageLogging> needs a <CloudLogging> or a <Syslog> element saying where to write");
  }
  const sink = cloud ? compileCloudLogging(cloud, problems) : syslog ? compileSyslog(syslog, problems) : null;
  return {
    ...policyBase(def),
    async execute(ctx) {
      if (!sink) return;
      const target = { policy: def.name, bundle: ctx.bundle.name, sink: sink.kind, destination: "" };
      let prepared;
      try {
        prepared = sink.prepare(ctx, level);
      } catch (e) {
        ctx.services.logWrites.failed(target, `the message could not be built: ${(e as Error).message}`);
        return;
      }
      ctx.services.logWrites.start({ ...target, destination: prepared.destination }, prepared.write);
    }
  };
}

/** The one child named `name`, or null; a second one is a problem. */
function single(node: XmlNode, name: string, problems: ProblemList): XmlNode | null {
  const found = elements(node, name);
  for (const extra of found.slice(1)) problems.add(extra.file, lineOf(extra), `<${node.el.tagName}> has more than one <${name}>`);
  return found[0] ?? null;
}

function logLevel(node: XmlNode | null, problems: ProblemList): LogLevel {
  if (!node) return LOG_LEVELS.INFO;
  const value = (text(node) ?? "").trim();
  if (Object.prototype.hasOwnProperty.call(LOG_LEVELS, value)) return LOG_LEVELS[value];
  problems.add(node.file, lineOf(node), `<logLevel> must be INFO, ALERT, WARN or ERROR (Apigee's valid values), not "${value}"`);
  return LOG_LEVELS.INFO;
}

/** A required child's text as a template. */
function requiredTemplate(node: XmlNode, name: string, problems: ProblemList, trim: boolean): Template | null {
  const c = single(node, name, problems);
  const source = c ? (text(c) ?? "") : "";
  if (!c || source.trim() === "") {
    problems.add(c?.file ?? node.file, lineOf(c ?? node), `<${node.el.tagName}> needs a non-empty <${name}>`);
    return null;
  }
  return compileTemplate(c, trim ? source.trim() : source, problems);
}

/** Element text that Apigee does not document as a template: a "{" is refused rather than sent as is or resolved. */
function literal(node: XmlNode, problems: ProblemList): string {
  const value = (text(node) ?? "").trim();
  if (value.includes("{")) {
    problems.add(node.file, lineOf(node), `<${node.el.tagName}> is taken literally (Apigee documents message templates only in <Message> and, by example, <LogName>); remove the "{"`);
  }
  return value;
}

/** Renders with `message` as the flow's current message (the response in response flows), as Apigee defines that variable. */
function render(ctx: ExecutionContext, template: Template): string {
  const previous = ctx.flow.current;
  ctx.flow.current = ctx.phase.endsWith("RESP_FLOW") ? "response" : "request";
  try {
    return ctx.render(template, true);
  } finally {
    ctx.flow.current = previous;
  }
}

function compileCloudLogging(node: XmlNode, problems: ProblemList): Sink {
  allowOnly(node, problems, ["LogName", "Message", "Labels", "ResourceType", "Endpoint"]);
  for (const endpoint of elements(node, "Endpoint")) {
    problems.add(endpoint.file, lineOf(endpoint), "<CloudLogging><Endpoint> is not supported by the runner (Apigee's reference lists it without saying what it takes)");
  }
  const logName = requiredTemplate(node, "LogName", problems, true);
  const message = requiredTemplate(node, "Message", problems, false);
  const messageNode = child(node, "Message");
  if (messageNode) allowOnly(messageNode, problems, [], ["contentType"]);
  const json = messageNode !== null && /^application\/json\b/i.test((attr(messageNode, "contentType") ?? "").trim());
  const resourceNode = single(node, "ResourceType", problems);
  const resourceType = resourceNode ? literal(resourceNode, problems) : DEFAULT_RESOURCE_TYPE;
  if (resourceNode && !resourceType) problems.add(resourceNode.file, lineOf(resourceNode), "<ResourceType> is empty; remove it or name a monitored resource type");
  const labels = compileLabels(single(node, "Labels", problems), problems);
  return {
    kind: "CloudLogging",
    prepare(ctx, level) {
      const text = render(ctx, message!);
      const entry: LogEntry = {
        logName: render(ctx, logName!),
        resource: { type: resourceType },
        timestamp: new Date(ctx.services.now()).toISOString(),
        severity: level.severity,
        ...(labels.size ? { labels: Object.fromEntries(labels) } : {}),
        ...payload(text, json)
      };
      const serviceAccount = ctx.deploymentServiceAccount ?? ctx.services.environment.serviceAccount;
      return { destination: entry.logName, write: () => writeLogEntry(ctx.services, serviceAccount, entry) };
    }
  };
}

/** jsonPayload when the message is declared JSON and is a JSON object (a Struct), else textPayload. */
function payload(message: string, json: boolean): Pick<LogEntry, "jsonPayload" | "textPayload"> {
  if (json) {
    try {
      const parsed: unknown = JSON.parse(message);
      if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) return { jsonPayload: parsed as Record<string, unknown> };
    } catch {
      // not JSON after all: logged as text
    }
  }
  return { textPayload: message };
}

function compileLabels(node: XmlNode | null, problems: ProblemList): Map<string, string> {
  const labels = new Map<string, string>();
  if (!node) return labels;
  allowOnly(node, problems, ["Label"]);
  for (const label of elements(node, "Label")) {
    allowOnly(label, problems, ["Key", "Value"]);
    const key = single(label, "Key", problems);
    const value = single(label, "Value", problems);
    if (!key || !value) {
      problems.add(label.file, lineOf(label), "<Label> needs a <Key> and a <Value>");
      continue;
    }
    const name = literal(key, problems);
    if (!name) problems.add(key.file, lineOf(key), "<Key> is empty");
    else if (labels.has(name)) problems.add(key.file, lineOf(key), `label "${name}" is given twice`);
    labels.set(name, literal(value, problems));
  }
  return labels;
}

function compileSyslog(node: XmlNode, problems: ProblemList): Sink {
  allowOnly(node, problems, ["Message", "Host", "Port", "Protocol", "FormatMessage", "DateFormat", "SSLInfo"]);
  const message = requiredTemplate(node, "Message", problems, false);
  const hostNode = single(node, "Host", problems);
  const host = hostNode ? literal(hostNode, problems) || "localhost" : "localhost";
  const port = syslogPort(node, single(node, "Port", problems), problems);
  const protocol = syslogProtocol(single(node, "Protocol", problems), problems);
  const formatMessage = booleanText(single(node, "FormatMessage", problems), false, problems);
  const dateFormat = syslogDateFormat(single(node, "DateFormat", problems), problems);
  const ssl = single(node, "SSLInfo", problems);
  if (ssl) {
    allowOnly(ssl, problems, ["Enabled"]);
    if (booleanText(child(ssl, "Enabled"), false, problems)) {
      problems.add(ssl.file, lineOf(ssl), `<SSLInfo><Enabled>true: the runner does not speak TLS to syslog servers${protocol === "UDP" ? " (and Apigee supports TLS over TCP only)" : ""}`);
    }
  }
  return {
    kind: "Syslog",
    prepare(ctx, level) {
      const text = render(ctx, message!);
      const line = formatMessage ? formatSyslogMessage(text, level.syslog, dateFormat, ctx.services.now()) : text;
      return { destination: `${protocol.toLowerCase()}://${host}:${port}`, write: () => sendSyslog(host, port, protocol, line) };
    }
  };
}

function syslogPort(syslog: XmlNode, node: XmlNode | null, problems: ProblemList): number {
  const raw = node ? literal(node, problems) : "";
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 65535) {
    problems.add((node ?? syslog).file, lineOf(node ?? syslog), `Invalid Port: <Syslog> needs a <Port> from 1 to 65535${raw ? `, not "${raw}"` : ""} (Apigee X refuses a missing or zero port)`);
    return 514;
  }
  return Number(raw);
}

function syslogProtocol(node: XmlNode | null, problems: ProblemList): SyslogProtocol {
  if (!node) return "UDP";
  const value = literal(node, problems);
  if (value === "TCP" || value === "UDP") return value;
  problems.add(node.file, lineOf(node), `Invalid Protocol: ${value} for Syslog handler; the valid protocols are TCP and UDP`);
  return "UDP";
}

function syslogDateFormat(node: XmlNode | null, problems: ProblemList): string {
  if (!node) return DEFAULT_DATE_FORMAT;
  const pattern = (text(node) ?? "").trim();
  if (!pattern) {
    problems.add(node.file, lineOf(node), "<DateFormat> is empty; remove it for the default " + DEFAULT_DATE_FORMAT);
    return DEFAULT_DATE_FORMAT;
  }
  try {
    compileDatePattern(pattern);
  } catch (e) {
    problems.add(node.file, lineOf(node), `<DateFormat>: ${(e as Error).message}`);
    return DEFAULT_DATE_FORMAT;
  }
  return pattern;
}

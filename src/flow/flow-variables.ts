// Apigee flow variables over a message context: plain variables, and the
// variables that read or write a message (request.header.X, response.status.code,
// myCalloutResponse.content, ...). One implementation serves the Rhino harness
// and the bundle runner, so a callout sees the same values in both.

import {
  firstHeader,
  headerNames,
  headerValues,
  Message,
  removeHeader,
  setHeader
} from "./message";
import { parseQuery, splitUrl } from "./url-parts";

export type FlowValue = string | number | boolean | null;

export interface FlowState {
  variables: { [name: string]: FlowValue };
  /** Message variables by name: "request", "response", or a callout's message. */
  messages: { [name: string]: Message };
  /** Which message the `message.*` variables refer to. */
  current: string;
}

interface MessageVariable {
  message: Message;
  messageName: string;
  /** What follows "<message>.", e.g. "header.content-type". */
  field: string;
}

function messageVariable(state: FlowState, name: string): MessageVariable | null {
  var dot = name.indexOf(".");
  if (dot < 0) return null;
  var head = name.substring(0, dot);
  var messageName = head === "message" ? state.current : head;
  var message = state.messages[messageName];
  if (!message) return null;
  return { message: message, messageName: messageName, field: name.substring(dot + 1) };
}

export function getFlowVariable(state: FlowState, name: string): FlowValue | string[] {
  var mv = messageVariable(state, name);
  if (mv) {
    var value = readMessageField(mv.message, mv.field);
    if (value !== undefined) return value;
  }
  var plain = state.variables[name];
  return plain === undefined ? null : plain;
}

/** undefined: not a message field, fall back to plain variables. */
function readMessageField(m: Message, field: string): FlowValue | string[] | undefined {
  var header = /^header\.(.+?)(\.values(\.count|\.string)?)?$/i.exec(field);
  if (header) return readHeader(m, header[1], header[2] ? header[3] || ".values" : "");
  var query = /^queryparam\.(.+?)(\.values(\.count)?)?$/i.exec(field);
  if (query) return readQueryParam(m, query[1], query[2] ? query[3] || ".values" : "");
  switch (field) {
    case "headers.names":
      return headerNames(m);
    case "headers.count":
      return m.headers.length;
    case "content":
      return m.content;
    case "verb":
      return m.method;
    case "status.code":
      return m.status;
    case "reason.phrase":
      return m.reason;
    case "url":
      return m.url;
    case "uri":
      return m.url === null ? null : uriOf(m.url);
    case "path":
      return m.url === null ? null : splitUrl(m.url).path;
    case "querystring":
      return m.url === null ? null : splitUrl(m.url).query;
    case "queryparams.names":
      return m.url === null ? [] : queryNames(m.url);
    case "queryparams.count":
      return m.url === null ? 0 : parseQuery(splitUrl(m.url).query).length;
  }
  return undefined;
}

function readHeader(m: Message, name: string, part: string): FlowValue | string[] {
  var values = headerValues(m, name);
  if (part === ".values") return values;
  if (part === ".count") return values.length;
  if (part === ".string") return values.join(",");
  return firstHeader(m, name);
}

function readQueryParam(m: Message, name: string, part: string): FlowValue | string[] {
  var values: string[] = [];
  var pairs = m.url === null ? [] : parseQuery(splitUrl(m.url).query);
  for (var i = 0; i < pairs.length; i++) if (pairs[i][0] === name) values.push(pairs[i][1]);
  if (part === ".values") return values;
  if (part === ".count") return values.length;
  return values.length ? values[0] : null;
}

function queryNames(url: string): string[] {
  var pairs = parseQuery(splitUrl(url).query);
  var names: string[] = [];
  for (var i = 0; i < pairs.length; i++) if (names.indexOf(pairs[i][0]) < 0) names.push(pairs[i][0]);
  return names;
}

function uriOf(url: string): string {
  var parts = splitUrl(url);
  return parts.path + (parts.hasQuery ? "?" + parts.query : "");
}

export function setFlowVariable(state: FlowState, name: string, value: FlowValue): void {
  var mv = messageVariable(state, name);
  if (mv && writeMessageField(mv.message, mv.field, value)) return;
  state.variables[name] = value;
}

function writeMessageField(m: Message, field: string, value: FlowValue): boolean {
  var header = /^header\.(.+)$/i.exec(field);
  if (header) {
    if (value === null) removeHeader(m, header[1]);
    else setHeader(m, header[1], String(value));
    return true;
  }
  switch (field) {
    case "content":
      m.content = value === null ? "" : String(value);
      return true;
    case "verb":
      m.method = value === null ? null : String(value);
      return true;
    case "url":
      m.url = value === null ? null : String(value);
      return true;
    case "status.code":
      m.status = value === null ? null : Number(value);
      return true;
    case "reason.phrase":
      m.reason = value === null ? null : String(value);
      return true;
  }
  return false;
}

export function removeFlowVariable(state: FlowState, name: string): void {
  var mv = messageVariable(state, name);
  if (mv && /^header\./i.test(mv.field)) {
    removeHeader(mv.message, mv.field.substring("header.".length));
    return;
  }
  delete state.variables[name];
}

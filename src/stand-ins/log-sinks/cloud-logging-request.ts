// An entries:write request body read as Cloud Logging reads it
// (https://cloud.google.com/logging/docs/reference/v2/rest/v2/entries/write,
// .../v2/LogEntry): the request's logName, resource and labels are the
// defaults of its entries; every entry needs a log name and a monitored
// resource, and carries at most one payload. Field names Google does not know
// are refused, as its JSON front end does.

import { GoogleApiError, badRequest } from "../identity/google-errors";

/** A stored log entry: what the request said, plus what Cloud Logging adds. */
export interface LogEntryRecord {
  logName: string;
  resource: { type: string; labels?: Record<string, string> };
  timestamp: string;
  receiveTimestamp: string;
  severity: string;
  insertId: string;
  labels?: Record<string, string>;
  textPayload?: string;
  jsonPayload?: Record<string, unknown>;
  [field: string]: unknown;
}

/** An entry as the request gave it, with the request's defaults applied. */
export interface RequestedEntry {
  logName: string;
  resource: LogEntryRecord["resource"];
  labels?: Record<string, string>;
  [field: string]: unknown;
}

export interface WriteRequest {
  entries: RequestedEntry[];
  dryRun: boolean;
}

/** The project and the log ID (decoded) of a valid log name. */
export interface LogNameParts {
  project: string;
  logId: string;
}

const REQUEST_FIELDS = new Set(["logName", "resource", "labels", "entries", "partialSuccess", "dryRun"]);
const ENTRY_FIELDS = new Set([
  "logName", "resource", "timestamp", "severity", "insertId", "httpRequest", "labels", "operation", "trace", "spanId",
  "traceSampled", "sourceLocation", "split", "textPayload", "jsonPayload", "protoPayload"
]);
const SEVERITIES = new Set(["DEFAULT", "DEBUG", "INFO", "NOTICE", "WARNING", "ERROR", "CRITICAL", "ALERT", "EMERGENCY"]);
/** "[LOG_ID] must be less than 512 characters long and can only include ... alphanumeric characters, forward-slash, underscore, hyphen, and period" (LogEntry.logName). */
const LOG_ID_CHARACTERS = /^[A-Za-z0-9/_.-]+$/;
const MAX_LOG_ID_LENGTH = 511;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

export function parseWriteRequest(body: Buffer): WriteRequest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch (e) {
    throw new GoogleApiError(400, `Invalid JSON payload received. ${(e as Error).message}`);
  }
  if (!isObject(parsed)) throw new GoogleApiError(400, "Invalid JSON payload received. The body must be a JSON object.");
  unknownField(parsed, REQUEST_FIELDS, "");
  const { entries } = parsed;
  if (!Array.isArray(entries) || entries.length === 0) throw badRequest("entries", "at least one log entry is required");
  const defaults = {
    logName: optionalString(parsed.logName, "log_name"),
    resource: parsed.resource === undefined ? undefined : resource(parsed.resource, "resource"),
    labels: parsed.labels === undefined ? undefined : stringMap(parsed.labels, "labels")
  };
  return {
    entries: entries.map((e: unknown, i) => entry(e, i, defaults)),
    dryRun: parsed.dryRun === true
  };
}

function entry(value: unknown, i: number, defaults: { logName?: string; resource?: LogEntryRecord["resource"]; labels?: Record<string, string> }): RequestedEntry {
  const at = `entries[${i}]`;
  if (!isObject(value)) throw new GoogleApiError(400, `Invalid JSON payload received. '${at}' must be a LogEntry object.`);
  unknownField(value, ENTRY_FIELDS, ` at '${at}'`);
  const logName = optionalString(value.logName, `${at}.log_name`) ?? defaults.logName;
  if (!logName) throw badRequest(`${at}.log_name`, "a log name is required, in the entry or in the request");
  parseLogName(logName, `${at}.log_name`);
  const res = value.resource === undefined ? defaults.resource : resource(value.resource, `${at}.resource`);
  if (!res) throw badRequest(`${at}.resource`, "a monitored resource is required, in the entry or in the request");
  const payloads = ["textPayload", "jsonPayload", "protoPayload"].filter((p) => value[p] !== undefined);
  if (payloads.length > 1) throw badRequest(at, `a log entry has one payload; this one has ${payloads.join(" and ")}`);
  if (value.textPayload !== undefined && typeof value.textPayload !== "string") throw badRequest(`${at}.text_payload`, "textPayload must be a string");
  if (value.jsonPayload !== undefined && !isObject(value.jsonPayload)) throw badRequest(`${at}.json_payload`, "jsonPayload must be a JSON object");
  if (value.protoPayload !== undefined) throw badRequest(`${at}.proto_payload`, "the Cloud Logging stand-in does not take protoPayload");
  if (value.severity !== undefined && (typeof value.severity !== "string" || !SEVERITIES.has(value.severity))) {
    throw new GoogleApiError(400, `Invalid value at '${at}.severity' (type.googleapis.com/google.logging.type.LogSeverity), ${JSON.stringify(value.severity)}`);
  }
  if (value.timestamp !== undefined && (typeof value.timestamp !== "string" || Number.isNaN(Date.parse(value.timestamp)))) {
    throw new GoogleApiError(400, `Invalid value at '${at}.timestamp' (type.googleapis.com/google.protobuf.Timestamp), Field 'timestamp', Invalid time format`);
  }
  const labels = { ...defaults.labels, ...(value.labels === undefined ? {} : stringMap(value.labels, `${at}.labels`)) };
  return { ...value, logName, resource: res, ...(Object.keys(labels).length ? { labels } : {}) };
}

/** projects/PROJECT/logs/LOG_ID with LOG_ID URL-encoded; the only form the stand-in serves. */
export function parseLogName(logName: string, field = "log_name"): LogNameParts {
  const match = /^\/?projects\/([^/]+)\/logs\/([^/]+)$/.exec(logName);
  if (!match) {
    throw badRequest(field, `"${logName}" is not projects/[PROJECT_ID]/logs/[LOG_ID] with the log ID URL-encoded (a "/" in it is %2F); the stand-in serves project logs only`);
  }
  let logId: string;
  try {
    logId = decodeURIComponent(match[2]);
  } catch {
    throw badRequest(field, `the log ID "${match[2]}" is not valid URL encoding`);
  }
  if (!LOG_ID_CHARACTERS.test(logId) || logId.length > MAX_LOG_ID_LENGTH) {
    throw badRequest(field, `the log ID "${logId}" must be under 512 characters of letters, digits, "/", "_", "-" and "."`);
  }
  return { project: match[1], logId };
}

function unknownField(value: Json, known: Set<string>, where: string): void {
  const unknown = Object.keys(value).find((k) => !known.has(k));
  if (unknown !== undefined) throw new GoogleApiError(400, `Invalid JSON payload received. Unknown name "${unknown}"${where}: Cannot find field.`);
}

function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw badRequest(field, "must be a string");
  return value;
}

function resource(value: unknown, field: string): LogEntryRecord["resource"] {
  if (!isObject(value) || typeof value.type !== "string" || value.type === "") throw badRequest(`${field}.type`, "a monitored resource needs a non-empty type");
  unknownField(value, new Set(["type", "labels"]), ` at '${field}'`);
  return { type: value.type, ...(value.labels === undefined ? {} : { labels: stringMap(value.labels, `${field}.labels`) }) };
}

function stringMap(value: unknown, field: string): Record<string, string> {
  if (!isObject(value) || !Object.values(value).every((v) => typeof v === "string")) throw badRequest(field, "must map names to strings");
  return value as Record<string, string>;
}

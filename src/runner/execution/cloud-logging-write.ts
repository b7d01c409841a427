// One Cloud Logging write, as MessageLogging's <CloudLogging> makes it:
// entries:write (https://cloud.google.com/logging/docs/reference/v2/rest/v2/entries/write)
// with an access token of the bundle's deployment service account, the
// identity Google's cloud-logging sample grants roles/logging.logWriter to
// (GoogleCloudPlatform/apigee-samples cloud-logging/README.md). The request
// goes through the runner's outbound HTTP, so host overrides send it to the
// Cloud Logging stand-in.

import type { RuntimeServices } from "../services";

export const CLOUD_LOGGING_WRITE_URL = "https://logging.googleapis.com/v2/entries:write";
/** The scope the runner asks for (entries.write accepts cloud-platform, logging.write or logging.admin); which one Apigee asks for is not documented. */
const CLOUD_PLATFORM_SCOPE = "https://www.googleapis.com/auth/cloud-platform";
/** How long a write may take; Apigee's own limit is not documented. */
const WRITE_TIMEOUT_MS = 10000;

/** A LogEntry (https://cloud.google.com/logging/docs/reference/v2/rest/v2/LogEntry), the fields MessageLogging fills. */
export interface LogEntry {
  logName: string;
  resource: { type: string };
  timestamp: string;
  severity: string;
  labels?: Record<string, string>;
  textPayload?: string;
  jsonPayload?: Record<string, unknown>;
}

/** Writes `entry` as `serviceAccount`; throws what went wrong (no token, unreachable, Google's error). */
export async function writeLogEntry(services: RuntimeServices, serviceAccount: string | undefined, entry: LogEntry): Promise<void> {
  const { google } = services.environment;
  if (!google || !serviceAccount) throw new Error("the runner has no service account or Google token source to write to Cloud Logging with");
  const token = await google.accessToken(serviceAccount, [CLOUD_PLATFORM_SCOPE]);
  const res = await services.http.send({
    method: "POST",
    url: CLOUD_LOGGING_WRITE_URL,
    headers: [
      ["Authorization", `Bearer ${token}`],
      ["Content-Type", "application/json"]
    ],
    body: Buffer.from(JSON.stringify({ entries: [entry] }), "utf8"),
    timeoutMs: WRITE_TIMEOUT_MS
  });
  if (res.status >= 300) throw new Error(`${res.status} ${googleError(res.body)} (as ${serviceAccount})`);
}

/** "PERMISSION_DENIED: message" from Google's error body, or the body's start. */
function googleError(body: Buffer): string {
  const text = body.toString("utf8");
  try {
    const { error } = JSON.parse(text) as { error?: { status?: string; message?: string } };
    if (error?.message) return `${error.status ?? "ERROR"}: ${error.message}`;
  } catch {
    // not Google's JSON error shape: show what came back
  }
  return text.length > 200 ? `${text.slice(0, 200)}...` : text;
}

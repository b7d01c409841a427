// The variables VerifyJWT sets from a decoded token, jwt.POLICY.*, as the
// Apigee X JWT policy reference lists them: claim.* (registered claims under
// their long names, times in milliseconds), decoded.claim.* and
// decoded.header.* (JSON-parsable: objects and arrays as JSON), header.*,
// header-json, payload-json, payload-claim-names, and the expiry helpers.

import type { FlowValue } from "../../flow/flow-variables";
import type { ExecutionContext } from "../execution/context";

type Json = Record<string, unknown>;

/** Scalars as they are, arrays of scalars comma-joined, anything else as JSON. */
function plain(value: unknown): FlowValue {
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (Array.isArray(value) && value.every((v) => typeof v !== "object" || v === null)) return value.join(",");
  return JSON.stringify(value);
}

function jsonParsable(value: unknown): FlowValue {
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  return JSON.stringify(value);
}

const pad = (n: number, width = 2) => String(Math.floor(n)).padStart(width, "0");

/** "00:59:59.926": hours, minutes, seconds and milliseconds. */
function formatDuration(ms: number): string {
  const sign = ms < 0 ? "-" : "";
  const a = Math.abs(ms);
  return `${sign}${pad(a / 3_600_000)}:${pad((a % 3_600_000) / 60_000)}:${pad((a % 60_000) / 1000)}.${pad(a % 1000, 3)}`;
}

const REGISTERED: Record<string, string> = { iss: "issuer", sub: "subject", aud: "audience", exp: "expiry", iat: "issuedat", nbf: "notbefore" };
const TIMES = ["exp", "iat", "nbf"];

export function setTokenVariables(ctx: ExecutionContext, policy: string, header: Json, payload: Json): void {
  const p = `jwt.${policy}`;
  for (const [name, value] of Object.entries(header)) {
    ctx.set(`${p}.header.${name}`, plain(value));
    ctx.set(`${p}.decoded.header.${name}`, jsonParsable(value));
  }
  ctx.set(`${p}.header.algorithm`, plain(header.alg ?? null));
  if (header.typ !== undefined) ctx.set(`${p}.header.type`, plain(header.typ));
  ctx.set(`${p}.header-json`, JSON.stringify(header));
  ctx.set(`${p}.payload-json`, JSON.stringify(payload));
  ctx.set(`${p}.payload-claim-names`, Object.keys(payload).join(","));
  for (const [name, value] of Object.entries(payload)) {
    ctx.set(`${p}.claim.${name}`, plain(value));
    ctx.set(`${p}.decoded.claim.${name}`, jsonParsable(value));
    const long = REGISTERED[name];
    if (long) ctx.set(`${p}.claim.${long}`, TIMES.includes(name) && typeof value === "number" ? value * 1000 : plain(value));
  }
  if (typeof payload.exp === "number") {
    const remainingMs = payload.exp * 1000 - ctx.services.now();
    ctx.set(`${p}.expiry_formatted`, new Date(payload.exp * 1000).toISOString().replace("Z", "+0000"));
    ctx.set(`${p}.seconds_remaining`, Math.trunc(remainingMs / 1000));
    ctx.set(`${p}.time_remaining_formatted`, formatDuration(remainingMs));
    ctx.set(`${p}.is_expired`, remainingMs <= 0);
  }
}

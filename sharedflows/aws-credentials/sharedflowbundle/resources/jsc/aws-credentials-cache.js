// apigee-aws 0.1.0: src/callouts/aws-credentials-cache.ts - generated, edit the source and rebuild (npm run build)
/* eslint-disable strict -- not strict on purpose: Rhino runs strict functions ~5x slower (apigee-aws docs/performance.md) */
// src/callouts/support/aws-credentials-names.ts
var OUT = {
  accessKeyId: "private.aws.credentials.accessKeyId",
  secretAccessKey: "private.aws.credentials.secretAccessKey",
  sessionToken: "private.aws.credentials.sessionToken",
  expiration: "aws.credentials.expiration",
  source: "aws.credentials.source",
  sessionName: "aws.credentials.sessionName",
  attempts: "aws.credentials.attempts",
  error: "aws.credentials.error"
};
var FLOW = {
  state: "aws.credentials.state",
  cacheKey: "aws.credentials.cacheKey",
  exchange: "aws.credentials.exchange",
  resolvedMode: "aws.credentials.resolvedMode",
  idTokenRequestBody: "aws.credentials.idTokenRequestBody",
  cached: "private.aws.credentials.cached",
  refreshLock: "aws.credentials.refreshLock",
  refreshLockHolder: "aws.credentials.refreshLockHolder",
  backoff: "aws.credentials.backoff",
  entry: "private.aws.credentials.entry",
  cacheTtl: "aws.credentials.cacheTtl",
  backoffEntry: "aws.credentials.backoffEntry",
  backoffTtl: "aws.credentials.backoffTtl",
  faultStatus: "aws.credentials.fault.status",
  faultReason: "aws.credentials.fault.reason",
  faultBody: "aws.credentials.fault.body",
  faultDetail: "aws.credentials.fault.detail",
  faultRetryAfter: "aws.credentials.fault.retryAfter"
};
var SAFETY_MARGIN_MS = 3e5;

// src/callouts/support/aws-credentials-entry.ts
function classify(entry, now) {
  if (entry === null || now >= entry.expiresAt - SAFETY_MARGIN_MS) return "missing";
  return now < entry.refreshAt ? "fresh" : "refresh";
}
function isText(value) {
  return typeof value === "string" && value !== "";
}
function parseEntry(text) {
  if (text === null || text === "") return null;
  var e;
  try {
    e = JSON.parse(text);
  } catch (err) {
    return null;
  }
  if (!e || !isText(e.accessKeyId) || !isText(e.secretAccessKey) || typeof e.sessionToken !== "string") return null;
  if (typeof e.expiresAt !== "number" || typeof e.refreshAt !== "number") return null;
  return e;
}

// src/callouts/support/iso-time.ts
function isoSeconds(millis) {
  return new Date(Math.floor(millis / 1e3) * 1e3).toISOString().replace(".000Z", "Z");
}

// src/callouts/support/aws-credentials-output.ts
function publish(entry, source) {
  context.setVariable(OUT.accessKeyId, entry.accessKeyId);
  context.setVariable(OUT.secretAccessKey, entry.secretAccessKey);
  if (entry.sessionToken !== "") context.setVariable(OUT.sessionToken, entry.sessionToken);
  else context.removeVariable(OUT.sessionToken);
  context.setVariable(OUT.expiration, isoSeconds(entry.expiresAt));
  context.setVariable(OUT.source, source);
}

// src/callouts/support/flow-clock.ts
function nowMillis() {
  var value = Number(context.getVariable("system.timestamp"));
  return value > 0 ? value : (/* @__PURE__ */ new Date()).getTime();
}

// src/callouts/support/flow.ts
function readString(name) {
  var value = context.getVariable(name);
  return value === null || value === void 0 ? null : String(value);
}

// src/callouts/aws-credentials-cache.ts
function judgeEntry() {
  var entry = parseEntry(readString(FLOW.cached));
  var state = classify(entry, nowMillis());
  if (state !== "missing") publish(entry, "cache");
  context.setVariable(FLOW.state, state);
}
function decideClaim() {
  var won = readString(FLOW.refreshLockHolder) === readString("messageid");
  context.setVariable(FLOW.state, won ? "refreshing" : "refresh");
}
if (readString(FLOW.state) === "claiming") decideClaim();
else judgeEntry();

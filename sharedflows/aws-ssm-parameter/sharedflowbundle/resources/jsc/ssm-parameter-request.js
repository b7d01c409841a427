// apigee-aws 0.1.0: src/callouts/ssm-parameter-request.ts - generated, edit the source and rebuild (npm run build)
/* eslint-disable strict -- not strict on purpose: Rhino runs strict functions ~5x slower (apigee-aws docs/performance.md) */
// src/callouts/support/flow.ts
function readString(name) {
  var value = context.getVariable(name);
  return value === null || value === void 0 ? null : String(value);
}
function commaList(text) {
  var out = [];
  var parts = (text || "").split(",");
  for (var i = 0; i < parts.length; i++) {
    var item = parts[i].replace(/^\s+|\s+$/g, "");
    if (item !== "") out.push(item);
  }
  return out;
}

// src/callouts/support/ssm-names.ts
var SSM_PARAM = {
  names: "aws.ssm.names",
  region: "aws.ssm.region",
  withDecryption: "aws.ssm.withDecryption",
  ttlSeconds: "aws.ssm.ttlSeconds",
  header: "aws.ssm.header",
  roleArn: "aws.credentials.roleArn"
};
var SSM_FLOW = {
  endpoint: "aws.ssm.endpoint",
  /** The region used: the parameter's, or us-east-1. Not the parameter itself, which keys the cache. */
  region: "aws.ssm.resolvedRegion",
  cached: "private.aws.ssm.cached",
  fetch: "aws.ssm.fetch",
  requestBody: "aws.ssm.requestBody",
  response: "awsSsmResponse",
  entry: "private.aws.ssm.entry",
  source: "aws.ssm.source",
  faultStatus: "aws.ssm.fault.status",
  faultBody: "aws.ssm.fault.body"
};
var SSM_VALUE = "private.aws.ssm.value";

// src/callouts/support/environment-name.ts
var ENV_PLACEHOLDER = "{env}";
function withEnvironment(text) {
  if (text.indexOf(ENV_PLACEHOLDER) < 0) return text;
  return text.split(ENV_PLACEHOLDER).join(readString("environment.name") || "");
}

// src/callouts/support/problem.ts
function problem(kind, status, title, detail) {
  return { kind: kind, status: status, title: title, detail: detail, members: {}, retryAfter: 0 };
}
function problemBody(typePrefix, p) {
  var body = { type: typePrefix + p.kind, title: p.title, status: p.status, detail: p.detail };
  for (var name in p.members) {
    if (Object.prototype.hasOwnProperty.call(p.members, name)) body[name] = p.members[name];
  }
  return JSON.stringify(body);
}

// src/callouts/support/problem-flow.ts
var REASONS = {
  304: "Not Modified",
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  411: "Length Required",
  412: "Precondition Failed",
  413: "Content Too Large",
  416: "Range Not Satisfiable",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout"
};
function setProblemVariables(names, typePrefix, p) {
  context.setVariable(names.status, p.status);
  if (names.reason) context.setVariable(names.reason, REASONS[p.status] || "Error");
  context.setVariable(names.body, problemBody(typePrefix, p));
  if (!names.retryAfter) return;
  if (p.retryAfter > 0) context.setVariable(names.retryAfter, String(p.retryAfter));
  else context.removeVariable(names.retryAfter);
}

// src/callouts/support/ssm-values.ts
function requestedNames() {
  var names = commaList(readString(SSM_PARAM.names));
  for (var i = 0; i < names.length; i++) names[i] = withEnvironment(names[i]);
  return names;
}
function applyValues(names, values) {
  for (var i = 0; i < names.length; i++) context.setVariable(SSM_VALUE + "." + names[i], values[names[i]]);
  context.setVariable(SSM_VALUE, values[names[0]]);
  var header = readString(SSM_PARAM.header);
  if (header) context.setVariable("request.header." + header, values[names[0]]);
}
function setProblem(status, title, detail, members) {
  var p = problem("aws-ssm-parameter", status, title, detail);
  for (var k in members) if (Object.prototype.hasOwnProperty.call(members, k)) p.members[k] = members[k];
  setProblemVariables({ status: SSM_FLOW.faultStatus, body: SSM_FLOW.faultBody }, "urn:apigee-aws:problem:", p);
}

// src/callouts/ssm-parameter-request.ts
function misconfigured(parameter, detail) {
  setProblem(500, "The aws-ssm-parameter shared flow is misconfigured", detail, { parameter: parameter });
  context.setVariable(SSM_FLOW.fetch, false);
}
function cachedValues() {
  var cached = readString(SSM_FLOW.cached);
  if (!cached) return null;
  try {
    return JSON.parse(cached);
  } catch (e) {
    return null;
  }
}
function start() {
  var names = requestedNames();
  var region = readString(SSM_PARAM.region) || "us-east-1";
  var roleArn = readString(SSM_PARAM.roleArn);
  if (!names.length) return misconfigured(SSM_PARAM.names, "name one or more SSM parameters, comma-separated, e.g. /acme/db/password");
  if (names.length > 10) return misconfigured(SSM_PARAM.names, "GetParameters reads at most 10 parameters; got " + names.length);
  if (!roleArn) return misconfigured(SSM_PARAM.roleArn, "run the aws-credentials shared flow first: the cache is kept per role");
  var decrypt = readString(SSM_PARAM.withDecryption) !== "false";
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) return misconfigured(SSM_PARAM.region, "expected an AWS region such as us-east-1, got " + region);
  context.setVariable(SSM_FLOW.region, region);
  context.setVariable(SSM_FLOW.endpoint, "https://ssm." + region + ".amazonaws.com/");
  var values = cachedValues();
  if (values) {
    applyValues(names, values);
    context.setVariable(SSM_FLOW.source, "cache");
    context.setVariable(SSM_FLOW.fetch, false);
    return;
  }
  context.setVariable(SSM_FLOW.requestBody, JSON.stringify({ Names: names, WithDecryption: decrypt }));
  context.setVariable(SSM_FLOW.fetch, true);
}
start();

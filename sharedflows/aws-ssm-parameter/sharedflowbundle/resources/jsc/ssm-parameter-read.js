// apigee-aws 0.1.0: src/callouts/ssm-parameter-read.ts - generated, edit the source and rebuild (npm run build)
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
var DEFAULT_TTL_SECONDS = 300;

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

// src/callouts/ssm-parameter-read.ts
function parse(text) {
  try {
    return JSON.parse(text);
  } catch (e) {
    return null;
  }
}
function errorCode(answer) {
  var type = answer && answer.__type ? String(answer.__type) : "";
  return type.substring(type.lastIndexOf("#") + 1) || "UnknownError";
}
function fail(status, title, detail, members) {
  setProblem(status, title, detail, members);
}
function forgetSigningParameters() {
  var names = ["aws.sigv4.service", "aws.sigv4.region", "aws.sigv4.message", "aws.sigv4.url"];
  for (var i = 0; i < names.length; i++) context.removeVariable(names[i]);
}
function read() {
  forgetSigningParameters();
  var names = requestedNames();
  var status = Number(readString(SSM_FLOW.response + ".status.code") || 0);
  var answer = parse(readString(SSM_FLOW.response + ".content") || "");
  context.setVariable(SSM_FLOW.response + ".content", "");
  var roleArn = readString(SSM_PARAM.roleArn) || "";
  if (status !== 200 || !answer) {
    var code = status ? errorCode(answer) : "NoResponse";
    var denied = code === "AccessDeniedException";
    return fail(
      denied ? 500 : 502,
      denied ? "The proxy's role may not read an SSM parameter" : "SSM parameters could not be read",
      "SSM answered " + (status || "nothing") + " " + code + " for " + names.join(", ") + " with role " + roleArn,
      { parameters: names.join(","), ssmErrorCode: code, roleArn: roleArn }
    );
  }
  if (answer.InvalidParameters && answer.InvalidParameters.length) {
    return fail(
      500,
      "An SSM parameter does not exist",
      "SSM has no parameter " + answer.InvalidParameters.join(", ") + " (or the role " + roleArn + " may not see it)",
      { parameters: answer.InvalidParameters.join(","), ssmErrorCode: "ParameterNotFound", roleArn: roleArn }
    );
  }
  var values = {};
  var list = answer.Parameters || [];
  for (var i = 0; i < list.length; i++) values[list[i].Name] = list[i].Value;
  applyValues(names, values);
  var ttl = Number(readString(SSM_PARAM.ttlSeconds) || DEFAULT_TTL_SECONDS);
  context.setVariable(SSM_PARAM.ttlSeconds, ttl > 0 ? ttl : DEFAULT_TTL_SECONDS);
  context.setVariable(SSM_FLOW.entry, JSON.stringify(values));
  context.setVariable(SSM_FLOW.source, "ssm");
}
read();

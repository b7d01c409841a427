// JavaScript policy resource of the generated S3 proxies (ProxyEndpoint
// PreFlow): turns the request path into the S3 request, or refuses it.
//   GET on the base path  → ListObjectsV2 of the prefix (?limit=, ?cursor=)
//   anything else         → the object PREFIX + KEY, KEY percent-decoded
// Sets s3.operation ("list" or "object") and s3.url, the full URL with the
// key encoded as SigV4 signs it; the TargetEndpoint copies s3.url into
// target.url. A refused request gets s3.problem.* (400, or 411 for an upload
// without a length, and a problem body), which the next step (a RaiseFault)
// answers with. An upload streams to S3 as the client sends it, and S3 takes
// a PUT only with its length up front (a chunked one is 501 NotImplemented),
// so a PUT without Content-Length is refused here with 411, which the client
// can act on. The rules for keys are in
// support/s3-object-key.ts.
// Properties: endpoint (https://BUCKET.s3.REGION.amazonaws.com), prefix
// ("" or ending in "/"), pageSize (list page size when ?limit= is absent).
// In endpoint and prefix {env} becomes environment.name; in endpoint any
// other {name} is that flow variable's value (the environment's region from
// its property set), since a property is a fixed string and the bundle is the
// same in every environment. A template that leaves no S3 endpoint is the
// bundle's or the property set's fault: 500, and nothing is sent.

import { readString } from "./support/flow";
import { decodeSuffix, keyProblem } from "./support/s3-object-key";
import { withEnvironment } from "./support/environment-name";
import { s3Problem, s3RequestProblem, S3Problem } from "./support/s3-problem";
import { S3_PROBLEM, setS3Problem } from "./support/s3-problem-flow";
import { listUrl, objectUrl } from "./support/s3-url";

var MAX_PAGE = 1000;
var MAX_CURSOR_LENGTH = 2048;
/** A bucket's virtual-hosted endpoint: one DNS label for the bucket, a region code, AWS's domain. */
var S3_ENDPOINT = /^https:\/\/[a-z0-9][a-z0-9-]{1,61}[a-z0-9]\.s3\.[a-z]{2,4}(-[a-z]+){1,2}-[1-9][0-9]?\.amazonaws\.com$/;

function property(name: string): string {
  var value = properties[name];
  return value === null || value === undefined ? "" : String(value);
}

function clearOutputs(): void {
  var names = ["s3.operation", "s3.url", "s3.key", S3_PROBLEM.status, S3_PROBLEM.reason, S3_PROBLEM.body, S3_PROBLEM.retryAfter];
  for (var i = 0; i < names.length; i++) context.removeVariable(names[i]);
}

function misconfigured(detail: string): S3Problem {
  return s3Problem("misconfigured", 500, "The proxy is misconfigured", detail);
}

/** The endpoint property with {env} and each {variable} filled in, or why it cannot be. */
function endpoint(): string | S3Problem {
  // {env} is environment.name, read like any other variable so that a missing one is refused too.
  var template = property("endpoint").split("{env}").join("{environment.name}");
  if (template.indexOf("{") < 0) return template;
  var out = "";
  var rest = template;
  var open = rest.indexOf("{");
  while (open >= 0) {
    var close = rest.indexOf("}", open);
    if (close < 0) break;
    var name = rest.substring(open + 1, close);
    var value = readString(name);
    if (value === null || value === "") return misconfigured("The S3 endpoint needs " + name + ", which is not set: deploy the environment's property set.");
    out += rest.substring(0, open) + value;
    rest = rest.substring(close + 1);
    open = rest.indexOf("{");
  }
  out += rest;
  if (!S3_ENDPOINT.test(out)) return misconfigured("The S3 endpoint for this environment, " + out + ", is not a bucket's S3 endpoint: check the environment's property set and name.");
  return out;
}

function badQuery(parameter: string, detail: string): S3Problem {
  var p = s3RequestProblem("invalid-query", 400, "A query parameter is not valid", detail);
  p.members.parameter = parameter;
  return p;
}

function pageSize(): number | S3Problem {
  var limit = readString("request.queryparam.limit");
  if (limit === null || limit === "") return Number(property("pageSize")) || MAX_PAGE;
  if (!/^[0-9]{1,4}$/.test(limit) || Number(limit) < 1 || Number(limit) > MAX_PAGE) return badQuery("limit", "limit must be a whole number from 1 to " + MAX_PAGE + ".");
  return Number(limit);
}

function cursor(): string | null | S3Problem {
  var value = readString("request.queryparam.cursor");
  if (value === null || value === "") return null;
  if (value.length > MAX_CURSOR_LENGTH) return badQuery("cursor", "cursor is not one this API returned.");
  return value;
}

function list(endpoint: string, prefix: string): S3Problem | null {
  var size = pageSize();
  if (typeof size !== "number") return size;
  var token = cursor();
  if (token !== null && typeof token !== "string") return token;
  context.setVariable("s3.operation", "list");
  context.setVariable("s3.url", listUrl(endpoint, prefix, size, token));
  return null;
}

function lengthRequired(): S3Problem {
  return s3RequestProblem("length-required", 411, "Content-Length is required", "S3 takes an upload only with its size up front: send the body with a Content-Length header, not chunked.");
}

function object(endpoint: string, prefix: string, key: string, verb: string): S3Problem | null {
  var problem = keyProblem(prefix, key);
  if (problem) return problem;
  if (verb === "PUT" && !/^[0-9]+$/.test(readString("request.header.content-length") || "")) return lengthRequired();
  context.setVariable("s3.operation", "object");
  context.setVariable("s3.key", key);
  context.setVariable("s3.url", objectUrl(endpoint, prefix + key));
  return null;
}

function route(): S3Problem | null {
  var endpointUrl = endpoint();
  if (typeof endpointUrl !== "string") return endpointUrl;
  var prefix = withEnvironment(property("prefix"));
  var key = decodeSuffix(readString("proxy.pathsuffix") || "");
  if (typeof key !== "string") return key;
  var verb = (readString("request.verb") || "").toUpperCase();
  if (key === "") {
    if (verb === "GET") return list(endpointUrl, prefix);
    return s3RequestProblem("key-required", 400, "An object key is required", "Only GET (a listing) applies to the base path; name an object after it.");
  }
  return object(endpointUrl, prefix, key, verb);
}

function main(): void {
  clearOutputs();
  var problem = route();
  if (problem) setS3Problem(problem);
}

main();

// The aws-credentials FlowCallout parameters, validated and resolved into
// what one STS exchange needs. A bad value throws a ParameterProblem whose
// problem names the parameter (a 500: the proxy is misconfigured, not the client).

import { readString } from "./flow";
import { PARAM } from "./aws-credentials-names";
import { misconfigured, Problem } from "./aws-credentials-problem";
import { callerProblem } from "./problem";
import { jwtSubject } from "./jwt-claims";

export interface CredentialRequest {
  roleArn: string;
  mode: string;
  /** gateway mode: the runtime service account (email or unique ID) and the ID token audience. */
  serviceAccount: string;
  audience: string;
  /** caller mode: the private variable holding the verified caller JWT. */
  tokenVariable: string;
  stsUrl: string;
  durationSeconds: number;
  /** "" when not set. */
  sourceIdentity: string;
  sessionName: string;
  /** gateway:<service account> or caller:<iss>#<sub>: whose credentials these are. */
  identity: string;
  /** apiproxy.name: the proxy that asked, which Apigee sets and a bundle cannot. */
  proxy: string;
}

/** Thrown (as a plain object: no classes in Rhino) for a parameter the proxy set wrongly. */
export interface ParameterProblem {
  awsCredentialsProblem: Problem;
}

var ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\/-]+$/;
var REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
var STS_URL = /^(https:\/\/[^\/?#\s]+|http:\/\/(127\.0\.0\.1|localhost)(:\d+)?)(\/[^?#\s]*)?$/;
var SERVICE_ACCOUNT = /^([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+|\d{21})$/;
var SESSION_TEXT = /^[\w+=,.@-]{2,64}$/;
var PRIVATE_VARIABLE = /^private\.[A-Za-z0-9_.-]+$/;
var DEFAULT_TOKEN_VARIABLE = "private.aws.credentials.callerToken";

function reject(parameter: string, detail: string): never {
  var thrown: ParameterProblem = { awsCredentialsProblem: misconfigured(parameter, detail) };
  throw thrown;
}

/** The caller's token cannot be exchanged: 401, the caller's own problem (its detail is shown to it). */
function refuseCaller(title: string, detail: string): never {
  var thrown: ParameterProblem = { awsCredentialsProblem: callerProblem("caller-token-rejected", 401, title, detail) };
  throw thrown;
}

export function isParameterProblem(e: unknown): e is ParameterProblem {
  return typeof e === "object" && e !== null && (e as ParameterProblem).awsCredentialsProblem !== undefined;
}

/** The parameter's value, or `fallback` when unset or empty. */
function param(name: string, fallback: string): string {
  var value = readString(name);
  return value === null || value === "" ? fallback : value;
}

function roleArn(): string {
  var value = param(PARAM.roleArn, "");
  if (value === "") reject(PARAM.roleArn, PARAM.roleArn + " is required: the ARN of the IAM role to assume, e.g. arn:aws:iam::123456789012:role/apigee-reader");
  if (!ROLE_ARN.test(value)) reject(PARAM.roleArn, PARAM.roleArn + " is not an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>): " + value);
  return value;
}

function durationSeconds(): number {
  var text = param(PARAM.durationSeconds, "3600");
  var value = /^\d{1,6}$/.test(text) ? Number(text) : NaN;
  if (!(value >= 900 && value <= 43200)) reject(PARAM.durationSeconds, PARAM.durationSeconds + " must be whole seconds from 900 to 43200, got " + text);
  return value;
}

/** The regional STS endpoint, in the role's partition unless the proxy names one. */
function stsUrl(arn: string): string {
  var region = param(PARAM.region, "us-east-1");
  if (!REGION.test(region)) reject(PARAM.region, PARAM.region + " is not an AWS region name such as us-east-1: " + region);
  var explicit = param(PARAM.stsEndpoint, "");
  if (explicit === "") return "https://sts." + region + (arn.indexOf("arn:aws-cn:") === 0 ? ".amazonaws.com.cn/" : ".amazonaws.com/");
  if (!STS_URL.test(explicit)) reject(PARAM.stsEndpoint, PARAM.stsEndpoint + " must be an https:// URL (http:// only for 127.0.0.1 or localhost), got " + explicit);
  return explicit;
}

function optionalSessionText(name: string): string {
  var value = param(name, "");
  if (value !== "" && !SESSION_TEXT.test(value)) reject(name, name + " must be 2 to 64 characters of letters, digits and +=,.@_- , got " + value);
  return value;
}

/** A RoleSessionName from free text: disallowed characters become "-", at most 64. */
export function sanitizeSessionName(text: string): string {
  var name = text.replace(/[^\w+=,.@-]/g, "-").substring(0, 64);
  return name.length < 2 ? ("apigee-" + name).substring(0, 64) : name;
}

function gateway(request: CredentialRequest): void {
  var account = param(PARAM.serviceAccount, "");
  if (!SERVICE_ACCOUNT.test(account)) {
    reject(PARAM.serviceAccount, PARAM.serviceAccount + " must be the email (or 21-digit unique ID) of the service account the proxy is deployed with, got '" + account + "'");
  }
  var audience = param(PARAM.audience, "sts.amazonaws.com");
  if (audience.length > 256 || /[\u0000-\u001f\u007f]/.test(audience)) reject(PARAM.audience, PARAM.audience + " must be at most 256 printable characters");
  request.serviceAccount = account;
  request.audience = audience;
  request.identity = "gateway:" + account;
  request.sessionName = request.sessionName || sanitizeSessionName(param("apiproxy.name", "apigee"));
}

function caller(request: CredentialRequest): void {
  var variable = param(PARAM.callerTokenVariable, DEFAULT_TOKEN_VARIABLE);
  if (!PRIVATE_VARIABLE.test(variable)) reject(PARAM.callerTokenVariable, PARAM.callerTokenVariable + " must name a private. variable (the caller's token is a secret), got " + variable);
  var token = param(variable, "");
  if (token === "") reject(PARAM.callerTokenVariable, variable + " is empty: verify the caller's JWT (VerifyJWT) and put it there before calling aws-credentials");
  var subject = jwtSubject(token);
  if (subject === null) reject(PARAM.callerTokenVariable, variable + " does not hold a JWT with an iss claim");
  if (subject!.sub === "") refuseCaller("The token names no subject", "the token has no sub claim: STS names the session and the audit trail names the caller after it; ask the token's issuer for a token with sub");
  request.tokenVariable = variable;
  request.identity = "caller:" + subject!.iss + "#" + subject!.sub;
  request.sessionName = request.sessionName || sanitizeSessionName(subject!.sub);
}

/** Reads and checks every parameter; throws a ParameterProblem for the first bad one. */
export function readCredentialRequest(): CredentialRequest {
  var arn = roleArn();
  var mode = param(PARAM.mode, "gateway");
  if (mode !== "gateway" && mode !== "caller") reject(PARAM.mode, PARAM.mode + " must be gateway or caller, got " + mode);
  var request: CredentialRequest = {
    roleArn: arn,
    mode: mode,
    serviceAccount: "",
    audience: "",
    tokenVariable: "",
    stsUrl: stsUrl(arn),
    durationSeconds: durationSeconds(),
    sourceIdentity: optionalSessionText(PARAM.sourceIdentity),
    sessionName: optionalSessionText(PARAM.sessionName),
    identity: "",
    proxy: param("apiproxy.name", "")
  };
  if (mode === "gateway") gateway(request);
  else caller(request);
  return request;
}

/**
 * What the cache key covers: two proxies, callers, roles, durations or session
 * settings never share an entry. The proxy's name is in it so that a bundle
 * deployed beside another in the same environment cannot read the other's
 * cached credentials by passing its role and identity as parameters: it
 * would have to present a token the role trusts, which only the other's
 * deployment can mint.
 */
export function cacheKeyMaterial(request: CredentialRequest): string {
  return ["aws-credentials/v2", request.proxy, request.roleArn, request.identity, request.durationSeconds, request.sessionName, request.sourceIdentity, request.audience].join("\n");
}

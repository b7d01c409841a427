// ProxyEndpoint and TargetEndpoint XML into the runner's model.

import { parseCondition, ConditionSyntaxError } from "../conditions";
import type { Condition } from "../conditions";
import type { ProblemList } from "./load-error";
import type {
  DefaultFaultRule,
  FaultRule,
  FlowDef,
  GoogleAuthentication,
  HttpConnection,
  ProxyEndpoint,
  RouteRule,
  Step,
  TargetEndpoint
} from "./model";
import { allowOnly, attr, booleanText, child, childText, elements, lineOf, text, XmlNode } from "./xml";

export function condition(node: XmlNode, problems: ProblemList): Condition | null {
  const c = child(node, "Condition");
  const source = c ? (text(c) ?? "").trim() : "";
  if (!c || source === "") return null;
  try {
    return parseCondition(source);
  } catch (e) {
    if (!(e instanceof ConditionSyntaxError)) throw e;
    problems.add(node.file, lineOf(c), `invalid condition "${source}": ${e.message}`);
    return null;
  }
}

/** A <Request>/<Response> block: only <Step>s. */
function steps(node: XmlNode | null, problems: ProblemList): Step[] {
  if (!node) return [];
  allowOnly(node, problems, ["Step"]);
  return stepList(node, problems);
}

/** The <Step> children of a container whose other children its caller checks. */
export function stepList(node: XmlNode, problems: ProblemList): Step[] {
  return elements(node, "Step").map((s) => {
    // Flow configuration reference: <Step> has the child elements <Condition> and <Name>.
    allowOnly(s, problems, ["Name", "Condition"]);
    const name = childText(s, "Name");
    if (!name) problems.add(s.file, lineOf(s), "<Step> has no <Name>");
    return { name: name ?? "", condition: condition(s, problems), file: s.file, line: lineOf(s) };
  });
}

/** A <Flow>, or (conditional false) a <PreFlow> or <PostFlow>, which the flow configuration reference gives no <Condition>. */
function flow(node: XmlNode | null, fallbackName: string, file: string, problems: ProblemList, conditional = false): FlowDef {
  if (!node) return { name: fallbackName, condition: null, request: [], response: [], file, line: 1 };
  allowOnly(node, problems, conditional ? ["Request", "Response", "Condition", "Description"] : ["Request", "Response", "Description"], ["name"]);
  return {
    name: attr(node, "name") ?? fallbackName,
    condition: condition(node, problems),
    request: steps(child(node, "Request"), problems),
    response: steps(child(node, "Response"), problems),
    file: node.file,
    line: lineOf(node)
  };
}

function faultRules(node: XmlNode | null, problems: ProblemList): FaultRule[] {
  if (!node) return [];
  allowOnly(node, problems, ["FaultRule"]);
  return elements(node, "FaultRule").map((r) => {
    allowOnly(r, problems, ["Step", "Condition"], ["name"]);
    return { name: attr(r, "name") ?? "", condition: condition(r, problems), steps: stepList(r, problems), file: r.file, line: lineOf(r) };
  });
}

function defaultFaultRule(node: XmlNode | null, problems: ProblemList): DefaultFaultRule | null {
  if (!node) return null;
  allowOnly(node, problems, ["Step", "AlwaysEnforce", "Condition"], ["name"]);
  return {
    name: attr(node, "name") ?? "default",
    alwaysEnforce: booleanText(child(node, "AlwaysEnforce"), false, problems),
    steps: stepList(node, problems),
    file: node.file,
    line: lineOf(node)
  };
}

function properties(node: XmlNode | null, problems: ProblemList): Record<string, string> {
  const out: Record<string, string> = {};
  if (!node) return out;
  allowOnly(node, problems, ["Property"]);
  for (const p of elements(node, "Property")) {
    allowOnly(p, problems, [], ["name"]);
    const name = attr(p, "name");
    if (!name) problems.add(p.file, lineOf(p), "<Property> has no name attribute");
    else out[name] = (text(p) ?? "").trim();
  }
  return out;
}

function flows(node: XmlNode | null, problems: ProblemList): FlowDef[] {
  if (!node) return [];
  allowOnly(node, problems, ["Flow"]);
  return elements(node, "Flow").map((f, i) => flow(f, `flow-${i + 1}`, f.file, problems, true));
}

const ENDPOINT_COMMON = ["PreFlow", "Flows", "PostFlow", "FaultRules", "DefaultFaultRule", "Description"];

export function proxyEndpoint(node: XmlNode, problems: ProblemList): ProxyEndpoint {
  allowOnly(node, problems, [...ENDPOINT_COMMON, "PostClientFlow", "HTTPProxyConnection", "RouteRule"], ["name"]);
  const connection = child(node, "HTTPProxyConnection");
  let basePath = "/";
  let props: Record<string, string> = {};
  if (!connection) problems.add(node.file, lineOf(node), "<ProxyEndpoint> has no <HTTPProxyConnection><BasePath>");
  else {
    // <VirtualHost> is Apigee Edge's: Apigee X routes by environment group, and its API proxy
    // configuration reference gives <HTTPProxyConnection> only <BasePath> and <Properties>.
    allowOnly(connection, problems, ["BasePath", "Properties"]);
    basePath = childText(connection, "BasePath") ?? "/";
    if (!basePath.startsWith("/")) problems.add(connection.file, lineOf(connection), `<BasePath> must start with "/", not "${basePath}"`);
    props = properties(child(connection, "Properties"), problems);
  }
  const postClient = child(node, "PostClientFlow");
  if (postClient) postClientFlow(postClient, problems);
  return {
    name: attr(node, "name") ?? "default",
    file: node.file,
    line: lineOf(node),
    basePath: basePath.length > 1 ? basePath.replace(/\/$/, "") : basePath,
    preFlow: flow(child(node, "PreFlow"), "PreFlow", node.file, problems),
    flows: flows(child(node, "Flows"), problems),
    postFlow: flow(child(node, "PostFlow"), "PostFlow", node.file, problems),
    postClientFlow: postClient ? steps(child(postClient, "Response"), problems) : [],
    faultRules: faultRules(child(node, "FaultRules"), problems),
    defaultFaultRule: defaultFaultRule(child(node, "DefaultFaultRule"), problems),
    routeRules: elements(node, "RouteRule").map((r) => routeRule(r, problems)),
    properties: props
  };
}

/**
 * <PostClientFlow> holds <Response> steps only (Apigee's flow configuration
 * reference). An empty <Request/> is accepted, as Google's cloud-logging
 * sample (GoogleCloudPlatform/apigee-samples) deploys one; steps in it are not.
 */
function postClientFlow(node: XmlNode, problems: ProblemList): void {
  allowOnly(node, problems, ["Request", "Response", "Description"], ["name"]);
  for (const request of elements(node, "Request")) {
    if (elements(request).length) problems.add(request.file, lineOf(request), "<PostClientFlow> runs after the response is sent: it has no <Request> steps (Apigee's flow configuration reference lists <Response> only)");
  }
}

function routeRule(node: XmlNode, problems: ProblemList): RouteRule {
  allowOnly(node, problems, ["TargetEndpoint", "Condition"], ["name"]);
  return {
    name: attr(node, "name") ?? "",
    condition: condition(node, problems),
    targetEndpoint: childText(node, "TargetEndpoint"),
    url: null,
    file: node.file,
    line: lineOf(node)
  };
}

function authentication(node: XmlNode | null, problems: ProblemList): GoogleAuthentication | null {
  if (!node) return null;
  allowOnly(node, problems, ["GoogleAccessToken", "GoogleIDToken", "HeaderName"]);
  const headerNode = child(node, "HeaderName");
  if (headerNode) allowOnly(headerNode, problems, [], ["ref"]);
  const headerName = headerNode ? { ref: attr(headerNode, "ref"), literal: (text(headerNode) ?? "").trim() || null } : null;
  const access = child(node, "GoogleAccessToken");
  const id = child(node, "GoogleIDToken");
  if (access) {
    allowOnly(access, problems, ["Scopes", "LifetimeInSeconds"]);
    const scopes = child(access, "Scopes");
    if (scopes) allowOnly(scopes, problems, ["Scope"]);
    const lifetime = childText(access, "LifetimeInSeconds");
    return { kind: "GoogleAccessToken", scopes: scopes ? elements(scopes, "Scope").map((s) => (text(s) ?? "").trim()) : [], lifetimeSeconds: lifetime ? Number(lifetime) : null, headerName };
  }
  if (id) {
    allowOnly(id, problems, ["Audience", "IncludeEmail"]);
    const audience = child(id, "Audience");
    if (audience) allowOnly(audience, problems, [], ["useTargetUrl", "ref"]);
    return {
      kind: "GoogleIDToken",
      audience: audience ? (text(audience) ?? "").trim() || null : null,
      audienceRef: audience ? attr(audience, "ref") : null,
      useTargetUrl: audience ? attr(audience, "useTargetUrl") === "true" : false,
      includeEmail: booleanText(child(id, "IncludeEmail"), false, problems),
      headerName
    };
  }
  problems.add(node.file, lineOf(node), "<Authentication> needs <GoogleAccessToken> or <GoogleIDToken>");
  return null;
}

export function httpConnection(node: XmlNode | null, problems: ProblemList): HttpConnection | null {
  if (!node) return null;
  allowOnly(node, problems, ["URL", "SSLInfo", "Properties", "Authentication", "LoadBalancer", "Path"]);
  if (child(node, "LoadBalancer")) problems.add(node.file, lineOf(child(node, "LoadBalancer")!), "<LoadBalancer> (TargetServers) is not supported by the runner; use <URL>");
  if (child(node, "Path")) problems.add(node.file, lineOf(child(node, "Path")!), "<Path> goes with <LoadBalancer> (TargetServers), which the runner does not support; put the path in <URL>");
  const url = childText(node, "URL");
  if (!url) problems.add(node.file, lineOf(node), "<HTTPTargetConnection> has no <URL>");
  const ssl = child(node, "SSLInfo");
  if (ssl) allowOnly(ssl, problems, ["Enabled", "Enforce", "ClientAuthEnabled", "IgnoreValidationErrors", "TrustStore", "KeyStore", "KeyAlias", "Protocols", "Ciphers", "CommonName"]);
  return {
    url: url ?? "",
    sslEnforced: ssl ? booleanText(child(ssl, "Enforce"), false, problems) : false,
    properties: properties(child(node, "Properties"), problems),
    authentication: authentication(child(node, "Authentication"), problems),
    file: node.file,
    line: lineOf(node)
  };
}

export function targetEndpoint(node: XmlNode, problems: ProblemList): TargetEndpoint {
  allowOnly(node, problems, [...ENDPOINT_COMMON, "HTTPTargetConnection", "LocalTargetConnection"], ["name"]);
  if (child(node, "LocalTargetConnection")) problems.add(node.file, lineOf(node), "<LocalTargetConnection> (proxy chaining) is not supported by the runner");
  const connection = httpConnection(child(node, "HTTPTargetConnection"), problems);
  return {
    name: attr(node, "name") ?? "default",
    file: node.file,
    line: lineOf(node),
    preFlow: flow(child(node, "PreFlow"), "PreFlow", node.file, problems),
    flows: flows(child(node, "Flows"), problems),
    postFlow: flow(child(node, "PostFlow"), "PostFlow", node.file, problems),
    faultRules: faultRules(child(node, "FaultRules"), problems),
    defaultFaultRule: defaultFaultRule(child(node, "DefaultFaultRule"), problems),
    properties: connection?.properties ?? {},
    connection
  };
}

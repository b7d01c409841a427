// ProxyEndpoint and TargetEndpoint XML from their flows, in the element order
// Apigee itself exports: fault handling, PreFlow, PostFlow, the connection,
// then the route rules.

import { Step, stepElement } from "./parts";
import { el, textEl, XmlChild, XmlElement } from "./xml";

export interface FlowSteps {
  request: Step[];
  response: Step[];
}

export interface FaultRuleSpec {
  name: string;
  condition: string;
  steps: Step[];
}

export interface DefaultFaultRuleSpec {
  alwaysEnforce: boolean;
  steps: Step[];
}

interface EndpointCommon {
  name: string;
  description: string;
  preFlow: FlowSteps;
  postFlow: FlowSteps;
  faultRules: FaultRuleSpec[];
  defaultFaultRule: DefaultFaultRuleSpec | null;
  properties: [string, string][];
}

export interface RouteRuleSpec {
  name: string;
  condition?: string;
  target: string | null;
}

export interface ProxyEndpointSpec extends EndpointCommon {
  basePath: string;
  routeRules: RouteRuleSpec[];
}

export interface TargetEndpointSpec extends EndpointCommon {
  url: string;
}

/** A proxy's endpoints; their steps name every policy the bundle holds. */
export interface ProxyDesign {
  proxyEndpoint: ProxyEndpointSpec;
  targetEndpoints: TargetEndpointSpec[];
}

export const NO_STEPS: FlowSteps = { request: [], response: [] };

function flowElement(tag: string, steps: FlowSteps): XmlElement {
  return el(tag, { name: tag }, el("Request", null, ...steps.request.map(stepElement)), el("Response", null, ...steps.response.map(stepElement)));
}

function faultHandling(spec: EndpointCommon): XmlElement[] {
  const out: XmlElement[] = [];
  if (spec.faultRules.length) {
    out.push(
      el(
        "FaultRules",
        null,
        ...spec.faultRules.map((r) => el("FaultRule", { name: r.name }, ...r.steps.map(stepElement), textEl("Condition", r.condition)))
      )
    );
  }
  if (spec.defaultFaultRule) {
    out.push(el("DefaultFaultRule", { name: "default" }, ...spec.defaultFaultRule.steps.map(stepElement), textEl("AlwaysEnforce", spec.defaultFaultRule.alwaysEnforce)));
  }
  return out;
}

function propertiesElement(properties: [string, string][]): XmlElement | null {
  return properties.length ? el("Properties", null, ...properties.map(([k, v]) => textEl("Property", v, { name: k }))) : null;
}

/** What both endpoint kinds start with, in the order Apigee writes them. */
function endpointFlows(spec: EndpointCommon): XmlChild[] {
  return [textEl("Description", spec.description), ...faultHandling(spec), flowElement("PreFlow", spec.preFlow), flowElement("PostFlow", spec.postFlow), el("Flows", null)];
}

export function proxyEndpointXml(spec: ProxyEndpointSpec): XmlElement {
  return el(
    "ProxyEndpoint",
    { name: spec.name },
    endpointFlows(spec),
    el("HTTPProxyConnection", null, textEl("BasePath", spec.basePath), propertiesElement(spec.properties)),
    spec.routeRules.map((r) => el("RouteRule", { name: r.name }, r.target ? textEl("TargetEndpoint", r.target) : null, r.condition ? textEl("Condition", r.condition) : null))
  );
}

export function targetEndpointXml(spec: TargetEndpointSpec): XmlElement {
  return el(
    "TargetEndpoint",
    { name: spec.name },
    endpointFlows(spec),
    el(
      "HTTPTargetConnection",
      null,
      el("SSLInfo", null, textEl("Enabled", true), textEl("Enforce", true)),
      propertiesElement(spec.properties),
      textEl("URL", spec.url)
    )
  );
}

/** Every step of an endpoint, for collecting its policies. */
export function endpointSteps(spec: EndpointCommon): Step[] {
  return [
    ...spec.preFlow.request,
    ...spec.preFlow.response,
    ...spec.postFlow.request,
    ...spec.postFlow.response,
    ...spec.faultRules.flatMap((r) => r.steps),
    ...(spec.defaultFaultRule?.steps ?? [])
  ];
}

// The runner's model of an Apigee bundle: what its XML declares. Policies
// stay declarations here; the runner compiles them when it loads the bundle
// (src/runner/deployed-bundle.ts).

import type { Condition } from "../conditions";
import type { XmlNode } from "./xml";

export interface Located {
  file: string;
  line: number;
}

export interface Step extends Located {
  name: string;
  condition: Condition | null;
}

export interface FlowDef extends Located {
  name: string;
  condition: Condition | null;
  request: Step[];
  response: Step[];
}

export interface FaultRule extends Located {
  name: string;
  condition: Condition | null;
  steps: Step[];
}

export interface DefaultFaultRule extends Located {
  name: string;
  alwaysEnforce: boolean;
  steps: Step[];
}

export interface RouteRule extends Located {
  name: string;
  condition: Condition | null;
  /** The TargetEndpoint to use, or null for no target (the proxy answers itself). */
  targetEndpoint: string | null;
  /** A URL route (RouteRule <URL>), when given instead of a TargetEndpoint. */
  url: string | null;
}

interface EndpointBase extends Located {
  name: string;
  preFlow: FlowDef;
  flows: FlowDef[];
  postFlow: FlowDef;
  faultRules: FaultRule[];
  defaultFaultRule: DefaultFaultRule | null;
  properties: Record<string, string>;
}

export interface ProxyEndpoint extends EndpointBase {
  basePath: string;
  postClientFlow: Step[];
  routeRules: RouteRule[];
}

/** <HeaderName ref="variable">literal</HeaderName>: the header the token goes in (Authorization by default). */
export interface HeaderNameSpec {
  ref: string | null;
  literal: string | null;
}

export type GoogleAuthentication =
  | { kind: "GoogleAccessToken"; scopes: string[]; lifetimeSeconds: number | null; headerName: HeaderNameSpec | null }
  | { kind: "GoogleIDToken"; audience: string | null; audienceRef: string | null; useTargetUrl: boolean; includeEmail: boolean; headerName: HeaderNameSpec | null };

export interface HttpConnection extends Located {
  url: string;
  sslEnforced: boolean;
  properties: Record<string, string>;
  authentication: GoogleAuthentication | null;
}

export interface TargetEndpoint extends EndpointBase {
  connection: HttpConnection | null;
}

/** A policy file as found in policies/, before its type-specific compilation. */
export interface PolicyDefinition extends Located {
  name: string;
  /** The root element: AssignMessage, Javascript, ... */
  type: string;
  node: XmlNode;
  enabled: boolean;
  continueOnError: boolean;
}

export interface ApiProxyBundle {
  kind: "apiproxy";
  name: string;
  source: string;
  proxyEndpoints: ProxyEndpoint[];
  targetEndpoints: Map<string, TargetEndpoint>;
  policies: Map<string, PolicyDefinition>;
  /** resources/jsc/<file> contents. */
  scripts: Map<string, string>;
}

export interface SharedFlowBundle {
  kind: "sharedflowbundle";
  name: string;
  source: string;
  /** sharedflows/<name>.xml: the steps; FlowCallouts run "default". */
  flows: Map<string, Step[]>;
  policies: Map<string, PolicyDefinition>;
  scripts: Map<string, string>;
}

export type Bundle = ApiProxyBundle | SharedFlowBundle;

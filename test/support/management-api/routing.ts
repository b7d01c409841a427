// Which management API method a request is, from its method and path, and
// the query parameters each method binds (Apigee refuses any other).

import type { StandInKind } from "./bundle-check";
import type { RouteName } from "./faults";

export interface RouteParams {
  org: string;
  env?: string;
  kind?: StandInKind;
  name?: string;
  revision?: string;
  type?: string;
}

export interface Route {
  name: RouteName;
  params: RouteParams;
  /** Query parameters this method binds; the first list must be present. */
  required: string[];
  optional: string[];
}

const SEG = "([^/]+)";
const KIND = "(apis|sharedflows)";

interface Pattern {
  method: string;
  regex: RegExp;
  route: (kind: StandInKind | undefined) => RouteName;
  keys: (keyof RouteParams)[];
  required?: string[];
  optional?: string[];
}

const byKind = (proxy: RouteName, sharedflow: RouteName) => (kind: StandInKind | undefined) => (kind === "sharedflow" ? sharedflow : proxy);

const PATTERNS: Pattern[] = [
  { method: "POST", regex: new RegExp(`^/v1/organizations/${SEG}/${KIND}$`), route: byKind("import-proxy", "import-sharedflow"), keys: ["org", "kind"], required: ["action", "name"], optional: ["validate"] },
  { method: "GET", regex: new RegExp(`^/v1/organizations/${SEG}/${KIND}/${SEG}$`), route: byKind("get-proxy", "get-sharedflow"), keys: ["org", "kind", "name"] },
  { method: "GET", regex: new RegExp(`^/v1/organizations/${SEG}/${KIND}/${SEG}/revisions/${SEG}$`), route: byKind("get-proxy-revision", "get-sharedflow-revision"), keys: ["org", "kind", "name", "revision"], optional: ["format"] },
  { method: "GET", regex: new RegExp(`^/v1/organizations/${SEG}/environments/${SEG}/${KIND}/${SEG}/deployments$`), route: byKind("list-proxy-deployments", "list-sharedflow-deployments"), keys: ["org", "env", "kind", "name"] },
  {
    method: "POST",
    regex: new RegExp(`^/v1/organizations/${SEG}/environments/${SEG}/${KIND}/${SEG}/revisions/${SEG}/deployments$`),
    route: byKind("deploy-proxy", "deploy-sharedflow"),
    keys: ["org", "env", "kind", "name", "revision"],
    optional: ["override", "sequencedRollout", "serviceAccount"]
  },
  {
    method: "GET",
    regex: new RegExp(`^/v1/organizations/${SEG}/environments/${SEG}/${KIND}/${SEG}/revisions/${SEG}/deployments$`),
    route: byKind("proxy-deployment-status", "sharedflow-deployment-status"),
    keys: ["org", "env", "kind", "name", "revision"]
  },
  { method: "POST", regex: new RegExp(`^/v1/organizations/${SEG}/environments/${SEG}/resourcefiles$`), route: () => "create-resourcefile", keys: ["org", "env"], required: ["name", "type"] },
  { method: "PUT", regex: new RegExp(`^/v1/organizations/${SEG}/environments/${SEG}/resourcefiles/${SEG}/${SEG}$`), route: () => "update-resourcefile", keys: ["org", "env", "type", "name"] },
  { method: "GET", regex: new RegExp(`^/v1/organizations/${SEG}/environments/${SEG}/resourcefiles/${SEG}/${SEG}$`), route: () => "get-resourcefile", keys: ["org", "env", "type", "name"] }
];

export function matchRoute(method: string, pathname: string): Route | undefined {
  for (const pattern of PATTERNS) {
    if (pattern.method !== method) continue;
    const match = pattern.regex.exec(pathname);
    if (!match) continue;
    const params: RouteParams = { org: "" };
    pattern.keys.forEach((k, i) => {
      const value = decodeURIComponent(match[i + 1]);
      if (k === "kind") params.kind = value === "apis" ? "proxy" : "sharedflow";
      else params[k] = value;
    });
    return { name: pattern.route(params.kind), params, required: pattern.required ?? [], optional: pattern.optional ?? [] };
  }
  return undefined;
}

// Failures the stand-in can be told to produce on a route, a given number of
// times: an error status (403 naming a permission, 409, 5xx with or without
// Retry-After) or a dropped connection (the socket destroyed, no answer).

import type { GoogleStatus } from "./google-errors";

export type RouteName =
  | "import-proxy"
  | "import-sharedflow"
  | "get-proxy"
  | "get-sharedflow"
  | "get-proxy-revision"
  | "get-sharedflow-revision"
  | "list-proxy-deployments"
  | "list-sharedflow-deployments"
  | "deploy-proxy"
  | "deploy-sharedflow"
  | "proxy-deployment-status"
  | "sharedflow-deployment-status"
  | "create-resourcefile"
  | "update-resourcefile"
  | "get-resourcefile";

export type Fault =
  | { kind: "status"; status: number; googleStatus: GoogleStatus; message: string; details?: unknown[]; retryAfterSeconds?: number }
  | { kind: "forbidden"; permission: string }
  | { kind: "drop" };

interface Rule {
  route: RouteName;
  fault: Fault;
  remaining: number;
}

export class Faults {
  private rules: Rule[] = [];

  /** The next `times` requests to `route` (all of them by default) meet `fault`. */
  add(route: RouteName, fault: Fault, times = Infinity): void {
    this.rules.push({ route, fault, remaining: times });
  }

  clear(): void {
    this.rules = [];
  }

  /** The fault for this request, if any, using one of its times. */
  take(route: RouteName): Fault | undefined {
    const rule = this.rules.find((r) => r.route === route && r.remaining > 0);
    if (!rule) return undefined;
    rule.remaining--;
    return rule.fault;
  }
}

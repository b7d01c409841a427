// A loopback stand-in for the Apigee management API (apigee.googleapis.com/v1)
// with the calls `apigee-aws deploy` makes: it checks what Apigee checks
// (bearer token, query parameters, the multipart field "file", the bundle's
// root and descriptor, FlowCallout dependencies and the service account at
// deploy time), keeps revisions, deployments and resource files, and can be
// told to fail (403, 409, 5xx, dropped connections, slow or failing
// deployments). Every request is logged for tests.

import type { IncomingMessage } from "node:http";
import { startLoopbackServer, type LoopbackResponse, type LoopbackServer } from "../../../src/stand-ins/identity/http-server";
import type { StandInKind } from "./bundle-check";
import { CallLog, type LoggedCall } from "./call-log";
import { Faults, type Fault, type RouteName } from "./faults";
import { googleError, notFound, permissionDenied, unauthenticated, unknownQueryParameter, badRequest } from "./google-errors";
import { getBundle, getRevision, importBundle } from "./handlers-bundles";
import { deploy, deploymentStatus, listDeployments } from "./handlers-deployments";
import { createResourceFile, getResourceFile, updateResourceFile } from "./handlers-resourcefiles";
import { multipartBoundary, parseMultipart } from "./multipart";
import { ApigeeOrg } from "./org-state";
import type { ApigeeRequest } from "./request";
import { matchRoute, type Route } from "./routing";

export interface ApigeeStandInOptions {
  /** The access token requests must carry as "Authorization: Bearer TOKEN". */
  token: string;
  org?: string;
  environments?: string[];
  /** Status reads answered PROGRESSING before a deployment is READY. */
  readyAfterPolls?: number;
  now?: () => number;
}

const HANDLERS: Record<RouteName, (req: ApigeeRequest) => LoopbackResponse> = {
  "import-proxy": importBundle,
  "import-sharedflow": importBundle,
  "get-proxy": getBundle,
  "get-sharedflow": getBundle,
  "get-proxy-revision": getRevision,
  "get-sharedflow-revision": getRevision,
  "list-proxy-deployments": listDeployments,
  "list-sharedflow-deployments": listDeployments,
  "deploy-proxy": deploy,
  "deploy-sharedflow": deploy,
  "proxy-deployment-status": deploymentStatus,
  "sharedflow-deployment-status": deploymentStatus,
  "create-resourcefile": createResourceFile,
  "update-resourcefile": updateResourceFile,
  "get-resourcefile": getResourceFile
};

/** The permission a route needs, for the 403 of a request to another organization. */
const ROUTE_PERMISSION: Record<RouteName, string> = {
  "import-proxy": "apigee.proxies.create",
  "import-sharedflow": "apigee.sharedflows.create",
  "get-proxy": "apigee.proxies.get",
  "get-sharedflow": "apigee.sharedflows.get",
  "get-proxy-revision": "apigee.proxyrevisions.get",
  "get-sharedflow-revision": "apigee.sharedflowrevisions.get",
  "list-proxy-deployments": "apigee.deployments.list",
  "list-sharedflow-deployments": "apigee.deployments.list",
  "deploy-proxy": "apigee.deployments.create",
  "deploy-sharedflow": "apigee.deployments.create",
  "proxy-deployment-status": "apigee.deployments.get",
  "sharedflow-deployment-status": "apigee.deployments.get",
  "create-resourcefile": "apigee.resourcefiles.create",
  "update-resourcefile": "apigee.resourcefiles.update",
  "get-resourcefile": "apigee.resourcefiles.get"
};

const DROPPED: LoopbackResponse = { status: 599, body: "" };

export class ApigeeStandIn {
  readonly log = new CallLog();
  readonly faults = new Faults();

  private constructor(
    private readonly server: LoopbackServer,
    readonly org: ApigeeOrg,
    private readonly options: ApigeeStandInOptions
  ) {}

  static async start(options: ApigeeStandInOptions): Promise<ApigeeStandIn> {
    const now = options.now ?? Date.now;
    const org = new ApigeeOrg(options.org ?? "acme", options.environments ?? ["test", "prod"], options.readyAfterPolls ?? 1, now);
    let standIn: ApigeeStandIn | undefined;
    const server = await startLoopbackServer(async (req, body) => standIn!.handle(req, body));
    standIn = new ApigeeStandIn(server, org, options);
    return standIn;
  }

  /** http://127.0.0.1:PORT: pass it as --api-url. */
  get url(): string {
    return this.server.url;
  }

  close(): Promise<void> {
    return this.server.close();
  }

  /** Faults on a route: inject("deploy-proxy", {kind: "forbidden", permission: "apigee.deployments.create"}). */
  inject(route: RouteName, fault: Fault, times = Infinity): void {
    this.faults.add(route, fault, times);
  }

  /** The bundle's deployments stay PROGRESSING for this many status reads (Infinity: never ready). */
  slowDeployment(kind: StandInKind, name: string, polls: number): void {
    this.org.setBehaviour(kind, name, { readyAfterPolls: polls });
  }

  /** The bundle's deployments end in ERROR with this runtime message. */
  failingDeployment(kind: StandInKind, name: string, message: string): void {
    this.org.setBehaviour(kind, name, { runtimeError: message });
  }

  private async handle(req: IncomingMessage, body: Buffer): Promise<LoopbackResponse> {
    const url = new URL(req.url ?? "/", "http://stand-in");
    const method = req.method ?? "GET";
    const authorized = req.headers.authorization === `Bearer ${this.options.token}`;
    const route = matchRoute(method, url.pathname);
    const entry: LoggedCall = { method, path: url.pathname, query: Object.fromEntries(url.searchParams), route: route?.name ?? "unknown", status: 0, authorized, upload: uploadOf(req, body) };
    const response = this.respond(req, body, url, route, authorized);
    entry.status = response === DROPPED ? "dropped" : response.status;
    this.log.add(entry);
    return response;
  }

  private respond(req: IncomingMessage, body: Buffer, url: URL, route: Route | undefined, authorized: boolean): LoopbackResponse {
    if (!authorized) return unauthenticated();
    if (!route) return notFound(`no management API method for ${req.method} ${url.pathname} in the stand-in`);
    if (route.params.org !== this.org.name) return permissionDenied(ROUTE_PERMISSION[route.name], `organizations/${route.params.org}`);
    const fault = this.faults.take(route.name);
    if (fault) return this.faulted(req, fault);
    for (const name of route.required) if (!url.searchParams.get(name)) return badRequest(`required query parameter "${name}" is missing`);
    for (const name of url.searchParams.keys()) if (![...route.required, ...route.optional].includes(name)) return unknownQueryParameter(name);
    return HANDLERS[route.name]({ method: req.method ?? "GET", query: url.searchParams, contentType: req.headers["content-type"], body, params: route.params, org: this.org });
  }

  private faulted(req: IncomingMessage, fault: Fault): LoopbackResponse {
    if (fault.kind === "drop") {
      req.socket.destroy();
      return DROPPED;
    }
    if (fault.kind === "forbidden") return permissionDenied(fault.permission, `organizations/${this.org.name}`);
    const headers: Record<string, string> = fault.retryAfterSeconds === undefined ? {} : { "retry-after": String(fault.retryAfterSeconds) };
    return googleError(fault.status, fault.googleStatus, fault.message, fault.details ?? [], headers);
  }
}

function uploadOf(req: IncomingMessage, body: Buffer): LoggedCall["upload"] {
  const boundary = multipartBoundary(req.headers["content-type"]);
  if (!boundary) return undefined;
  try {
    const file = parseMultipart(body, boundary).find((p) => p.name === "file");
    return file ? { field: file.name, fileName: file.fileName, bytes: file.data.length } : undefined;
  } catch {
    return undefined;
  }
}

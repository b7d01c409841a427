// The local runtime: loads bundles, serves their ProxyEndpoints on loopback
// by BasePath, and runs each request through the pipeline.

import { randomUUID } from "node:crypto";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { headerPairs, readWholeBody } from "../common/http-message";
import { redactUrl } from "../common/url-redaction";
import type { FlowState } from "../flow/flow-variables";
import { RhinoHost, RhinoMode } from "../rhino/rhino-host";
import { ProblemList } from "./bundle/load-error";
import type { ProxyEndpoint } from "./bundle/model";
import { type BundleSource, DeployedBundle, DeployedProxy, DeployedSharedFlow, isDeployedProxy, isDeployedSharedFlow, loadDeployedBundle } from "./deployed-bundle";
import { ExecutionContext } from "./execution/context";
import { defaultErrorBody, PolicyFault } from "./execution/fault";
import { FinalResponse, runPostClientFlow, runProxy } from "./execution/pipeline";
import { propertyFlag } from "./execution/target-call";
import { createServices, RunnerEnvironment, RuntimeServices } from "./services";

export interface RunnerOptions {
  /** Bundle folders or zips (relative to `cwd` when given), or bundles' files already in memory, each with the service account it is deployed with when it has one. */
  bundles: BundleSource[];
  /** The working directory of the command line that named the bundles; messages show their paths as given. */
  cwd?: string;
  /** The environment Rhino is found in and runs with; default the process's. */
  env?: NodeJS.ProcessEnv;
  environment: RunnerEnvironment;
  port?: number;
  /** One line per request (and per policy step with `verbose`). */
  log?: (line: string) => void;
  verbose?: boolean;
  /** How JavaScript policies run: compiled (Rhino -opt 9, the default) or interpreted (-opt -1). */
  rhinoMode?: RhinoMode;
  /** Called once per request after its PostClientFlow, with the flow as it ended: what tests and tools inspect besides the HTTP answer. */
  onCompleted?: (request: CompletedRequest) => void;
}

export interface CompletedRequest {
  method: string;
  url: string;
  status: number;
  proxy: string;
  flow: FlowState;
}

/** A ProxyEndpoint and the proxy it belongs to. */
interface Route extends DeployedProxy {
  endpoint: ProxyEndpoint;
}

export class Runner {
  private rhinoHost: RhinoHost | null = null;

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
    readonly routes: Route[],
    readonly services: RuntimeServices,
    private readonly sharedFlows: Map<string, DeployedSharedFlow>,
    private readonly rhinoMode: RhinoMode,
    private readonly env: NodeJS.ProcessEnv | undefined,
    private readonly onCompleted: ((request: CompletedRequest) => void) | undefined
  ) {}

  static async start(options: RunnerOptions): Promise<Runner> {
    const bundles = options.bundles.map((b) => loadDeployedBundle(b, options.cwd));
    const proxies = bundles.filter(isDeployedProxy);
    const sharedFlows = new Map(bundles.filter(isDeployedSharedFlow).map((b) => [b.bundle.name, b]));
    const routes = proxies.flatMap((proxy) => proxy.bundle.proxyEndpoints.map((endpoint) => ({ ...proxy, endpoint })));
    checkDeployment(bundles, routes, sharedFlows);
    const log = options.log ?? (() => undefined);
    let runner: Runner | null = null;
    const services = createServices(options.environment, () => runner!.rhino(), log);
    const server = http.createServer((req, res) => void runner!.handle(req, res, options.verbose ?? false));
    server.keepAliveTimeout = 5000;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 0, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
    const port = (server.address() as AddressInfo).port;
    runner = new Runner(server, `http://127.0.0.1:${port}`, routes.sort((a, b) => b.endpoint.basePath.length - a.endpoint.basePath.length), services, sharedFlows, options.rhinoMode ?? "compiled", options.env, options.onCompleted);
    await runner.preloadScripts(bundles);
    return runner;
  }

  /** Stops serving; MessageLogging writes under way end first (each has a time limit). */
  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    await this.services.logWrites.settled();
    await this.rhinoHost?.close();
  }

  /** Resolves once every MessageLogging write started so far has ended (they run after the response, in the background). */
  logWritesSettled(): Promise<void> {
    return this.services.logWrites.settled();
  }

  /** Starts Rhino and compiles every jsc:// resource before the first request, as a deployment does. */
  private async preloadScripts(bundles: DeployedBundle[]): Promise<void> {
    const scripts = bundles.flatMap((b) => [...b.bundle.scripts]);
    if (!scripts.length) return;
    const rhino = await this.rhino();
    for (const [name, source] of scripts) await rhino.load(name, source);
  }

  private async rhino(): Promise<RhinoHost> {
    if (!this.rhinoHost) this.rhinoHost = RhinoHost.start({ mode: this.rhinoMode, hostOverrides: this.services.environment.hostOverrides, env: this.env });
    return this.rhinoHost;
  }

  private route(path: string): Route | null {
    return this.routes.find(({ endpoint: { basePath } }) => basePath === "/" || path === basePath || path.startsWith(`${basePath}/`)) ?? null;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse, verbose: boolean): Promise<void> {
    const started = performance.now();
    const body = await readWholeBody(req);
    const rawUrl = req.url ?? "/";
    const path = rawUrl.replace(/[?#].*$/, "");
    const route = this.route(path);
    if (!route) {
      const fault = new PolicyFault("ApplicationNotFound", "messaging.adaptors.http.flow.ApplicationNotFound", `Unable to identify proxy for host: default and url: ${path}`, 404);
      send(res, { status: 404, reason: "Not Found", headers: [["Content-Type", "application/json"]], body: Buffer.from(defaultErrorBody(fault)) });
      this.services.log(`${req.method} ${redactUrl(rawUrl)} → 404 no proxy for this path (${(performance.now() - started).toFixed(1)} ms)`);
      return;
    }
    const ctx = new ExecutionContext(this.services, route, this.sharedFlows, initialFlow(this.services, route, req, rawUrl, path));
    if (propertyFlag(route.endpoint.properties, "request.streaming.enabled", false)) ctx.streamed.set("request", body);
    else ctx.flow.messages.request.content = body.toString("utf8");
    let response: FinalResponse;
    try {
      response = await runProxy(ctx, route.endpoint);
    } catch (e) {
      // A runner defect, not a policy fault: answer like Apigee's internal error, and say what broke.
      const fault = new PolicyFault("InternalError", "messaging.runtime.InternalError", `runner error: ${(e as Error).message}`, 500);
      response = { status: 500, reason: "Internal Server Error", headers: [["Content-Type", "application/json"]], body: Buffer.from(defaultErrorBody(fault)) };
    }
    send(res, response, req.method === "HEAD");
    await runPostClientFlow(ctx, route.endpoint);
    this.logRequest(req.method ?? "GET", rawUrl, response.status, started, ctx, verbose);
    this.onCompleted?.({ method: req.method ?? "GET", url: rawUrl, status: response.status, proxy: ctx.bundle.name, flow: ctx.flow });
  }

  private logRequest(method: string, url: string, status: number, started: number, ctx: ExecutionContext, verbose: boolean): void {
    this.services.log(`${method} ${redactUrl(url)} → ${status} ${ctx.bundle.name} (${(performance.now() - started).toFixed(1)} ms)`);
    if (!verbose) return;
    for (const s of ctx.steps) this.services.log(`  ${s.outcome.padEnd(7)} ${s.type} ${s.policy}${s.outcome === "skipped" ? "" : ` ${s.ms.toFixed(1)} ms`}`);
  }
}

function initialFlow(services: RuntimeServices, route: Route, req: http.IncomingMessage, rawUrl: string, path: string): FlowState {
  const { basePath } = route.endpoint;
  const headers = headerPairs(req.rawHeaders);
  const variables: FlowState["variables"] = {
    "proxy.basepath": basePath,
    "proxy.pathsuffix": basePath === "/" ? path : path.slice(basePath.length),
    "proxy.name": route.endpoint.name,
    "apiproxy.name": route.bundle.name,
    "environment.name": services.environment.name,
    "organization.name": "local",
    messageid: randomUUID(),
    "client.ip": (req.socket.remoteAddress ?? "").replace(/^::ffff:/, ""),
    "client.received.start.timestamp": services.now()
  };
  for (const [set, entries] of Object.entries(services.environment.propertySets ?? {})) {
    for (const [key, value] of Object.entries(entries)) variables[`propertyset.${set}.${key}`] = value;
  }
  return {
    variables,
    messages: { request: { method: req.method ?? "GET", url: rawUrl, status: null, reason: null, headers, content: "" } },
    current: "request"
  };
}

/** Writes the response; Content-Length is recomputed, except on HEAD, where it describes the body not sent. */
function send(res: http.ServerResponse, response: FinalResponse, head = false): void {
  res.statusCode = response.status;
  res.statusMessage = response.reason || http.STATUS_CODES[response.status] || "";
  const byName = new Map<string, string[]>();
  for (const [name, value] of response.headers) {
    if (name.toLowerCase() === "content-length" && !(head && response.body.length === 0)) continue;
    byName.set(name, [...(byName.get(name) ?? []), value]);
  }
  for (const [name, values] of byName) res.setHeader(name, values.length === 1 ? values[0] : values);
  res.end(response.body);
}

/** What Apigee checks when bundles are deployed together: shared flows exist, base paths are unique. */
function checkDeployment(bundles: DeployedBundle[], routes: Route[], sharedFlows: Map<string, DeployedSharedFlow>): void {
  const problems = new ProblemList();
  for (const bundle of bundles) {
    for (const policy of bundle.policies.values()) {
      if (policy.sharedFlow && !sharedFlows.has(policy.sharedFlow)) {
        problems.add(policy.file, policy.line, `FlowCallout calls shared flow "${policy.sharedFlow}", which is not among the loaded bundles (loaded: ${[...sharedFlows.keys()].join(", ") || "none"}); pass its bundle too`);
      }
    }
  }
  const seen = new Map<string, Route>();
  for (const r of routes) {
    const other = seen.get(r.endpoint.basePath);
    if (other) problems.add(r.endpoint.file, r.endpoint.line, `BasePath ${r.endpoint.basePath} is also used by ${other.endpoint.file}; base paths must be unique in an environment`);
    seen.set(r.endpoint.basePath, r);
  }
  problems.check();
}

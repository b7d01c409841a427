// What the stand-in was asked, in order, so tests can check the order of
// calls and count uploads. The Authorization header is recorded only as
// whether it was right, never as its value.

import type { RouteName } from "./faults";

export interface LoggedCall {
  method: string;
  path: string;
  query: Record<string, string>;
  route: RouteName | "unknown";
  status: number | "dropped";
  authorized: boolean;
  /** The multipart part "file" of an upload: its file name and size. */
  upload?: { field: string; fileName?: string; bytes: number };
}

export class CallLog {
  readonly calls: LoggedCall[] = [];

  add(call: LoggedCall): void {
    this.calls.push(call);
  }

  clear(): void {
    this.calls.length = 0;
  }

  /** The routes called, in order ("import-sharedflow", "deploy-sharedflow", …). */
  routes(): string[] {
    return this.calls.map((c) => c.route);
  }

  ofRoute(...routes: RouteName[]): LoggedCall[] {
    return this.calls.filter((c) => (routes as string[]).includes(c.route));
  }

  /** Calls that change something (uploads, deployments, resource-file writes). */
  mutations(): LoggedCall[] {
    return this.calls.filter((c) => c.method !== "GET");
  }
}

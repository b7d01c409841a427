// One long-lived Rhino JVM that runs JavaScript-policy jobs, so a test or a
// request does not pay a JVM start. See host/main.ts for the other side.

import { spawn, ChildProcessWithoutNullStreams } from "node:child_process";
import { createHash } from "node:crypto";
import * as path from "node:path";
import * as readline from "node:readline";
import { libDir } from "../common/paths";
import { locateRhino } from "./locate";
import type { HostRequest, HostResponse, RunJob, RunResult, ScriptRef } from "./protocol";

/**
 * How callouts are run: Rhino's interpreter (`-opt -1`) or its bytecode
 * compiler (`-opt 9`), always at language version 0.
 */
export type RhinoMode = "interpreted" | "compiled";

export const RHINO_MODES: RhinoMode[] = ["interpreted", "compiled"];

const OPTIMIZATION: Record<RhinoMode, string> = { interpreted: "-1", compiled: "9" };

export interface RhinoHostOptions {
  mode: RhinoMode;
  /** The built host script; defaults to lib/rhino-host.js. */
  hostScript?: string;
  /** "host" or "*.suffix" → "http://127.0.0.1:PORT": where callouts' HTTP really goes (Host header unchanged). */
  hostOverrides?: Record<string, string>;
  /** The environment Rhino is found in ($APIGEE_AWS_RHINO, PATH) and runs with; defaults to the process's. */
  env?: NodeJS.ProcessEnv;
}

export class RhinoHost {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (r: HostResponse) => void; reject: (e: Error) => void }>();
  private readonly loaded = new Map<string, ScriptRef>();
  private readonly lastLoaded = new Map<string, { source: string; ref: ScriptRef }>();
  private stderr = "";
  private exited: Error | null = null;

  private constructor(private readonly child: ChildProcessWithoutNullStreams, readonly mode: RhinoMode) {
    readline.createInterface({ input: child.stdout }).on("line", (line) => this.onLine(line));
    child.stderr.on("data", (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString("utf8")).slice(-8000);
    });
    child.on("exit", (code, signal) => {
      this.exited = new Error(`Rhino host exited (${signal ?? code}). Its stderr:\n${this.stderr}`);
      for (const w of this.waiting.values()) w.reject(this.exited);
      this.waiting.clear();
    });
  }

  static start(options: RhinoHostOptions): RhinoHost {
    const script = options.hostScript ?? path.join(libDir(), "rhino-host.js");
    const env = options.env ?? process.env;
    const child = spawn(locateRhino(env), ["-version", "0", "-opt", "9", script], {
      stdio: ["pipe", "pipe", "pipe"],
      env: {
        ...env,
        APIGEE_AWS_CALLOUT_OPTIMIZATION: OPTIMIZATION[options.mode],
        APIGEE_AWS_HOST_OVERRIDES: JSON.stringify(options.hostOverrides ?? {}),
        // java.net.http refuses to send a Host header unless told it may.
        JDK_JAVA_OPTIONS: `${env.JDK_JAVA_OPTIONS ?? ""} -Djdk.httpclient.allowRestrictedHeaders=host`.trim()
      }
    });
    return new RhinoHost(child, options.mode);
  }

  /** Sends a script once; later jobs refer to it by the returned reference. */
  async load(name: string, source: string): Promise<ScriptRef> {
    // A JavaScript policy loads its scripts on every run: the same string
    // again is recognised without hashing it.
    const last = this.lastLoaded.get(name);
    if (last && last.source === source) return last.ref;
    const key = createHash("sha256").update(name).update("\0").update(source).digest("hex").slice(0, 32);
    let ref = this.loaded.get(key);
    if (!ref) {
      await this.request({ id: 0, op: "load", key, name, source });
      ref = { key, name };
      this.loaded.set(key, ref);
    }
    this.lastLoaded.set(name, { source, ref });
    return ref;
  }

  async run(job: RunJob): Promise<RunResult> {
    const response = await this.request({ id: 0, op: "run", job });
    return (response as { result: RunResult }).result;
  }

  async close(): Promise<void> {
    if (this.exited) return;
    const done = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    this.child.stdin.end();
    await done;
  }

  private request(message: HostRequest): Promise<HostResponse> {
    if (this.exited) return Promise.reject(this.exited);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.child.stdin.write(JSON.stringify({ ...message, id }) + "\n");
    });
  }

  private onLine(line: string): void {
    let response: HostResponse;
    try {
      response = JSON.parse(line);
    } catch {
      this.stderr += `\n[stdout] ${line}`;
      return;
    }
    const waiter = this.waiting.get(response.id);
    if (!waiter) return;
    this.waiting.delete(response.id);
    if (response.ok) waiter.resolve(response);
    else waiter.reject(new Error(`Rhino host: ${response.error}`));
  }
}

// apigeelint's linter in a pool of long-lived child processes, each linting
// many bundles one at a time (apigeelint-worker.ts): Node and apigeelint
// start once per worker rather than once per bundle, which was about 90% of
// lint's time. Child processes rather than worker threads: each bundle is
// linted in its parent folder (PO025 runs ESLint in the working directory,
// and threads cannot change it), and a bundle that kills its worker kills
// nothing else.
//
// A bundle whose run fails still gets an answer: apigeelint throwing, or its
// worker dying (the pool starts another for the bundles left), resolves that
// bundle's run with `failures`, as the per-process mode did; the others are
// unaffected.

import { ChildProcess, fork } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { ApigeelintRun, ApigeelintSettings, apigeelintDir, firstLines, pluginFailures, reportMessages, runApigeelintAsync, settingsArgs } from "./apigeelint";
import type { WorkerJob, WorkerMessage, WorkerReply } from "./apigeelint-worker";
import { apigeelintWorkerFile } from "./rules/plugin-files";

/** Lints bundle roots (…/apiproxy, …/sharedflowbundle) one call each; `close` when done. */
export interface BundleLinter {
  /** Gets ready for the bundles to come, without waiting: a pool starts its workers. */
  start?(): void;
  lint(bundleRoot: string): Promise<ApigeelintRun>;
  close(): Promise<void>;
}

/** The apigeelint CLI once per bundle (the mode before the pool), for the tests and the benchmark that compare the two. */
export function perProcessLinter(settings: ApigeelintSettings): BundleLinter {
  const args = settingsArgs(settings);
  return { lint: (bundleRoot) => runApigeelintAsync(bundleRoot, args), close: async () => undefined };
}

/** How much of a worker's own stderr (a crash's message) is kept for the bundle it was linting. */
const STDERR_KEPT = 64 * 1024;
/** How long a closing worker gets to exit before it is killed. */
const CLOSE_GRACE_MS = 5000;

interface Waiting {
  bundle: string;
  resolve(run: ApigeelintRun): void;
}

export class ApigeelintPool implements BundleLinter {
  private readonly workers: PoolWorker[] = [];
  private readonly waiting: Waiting[] = [];
  private nextId = 1;
  private closed = false;
  /** Workers started, replacements included. */
  started = 0;

  /** At most `size` workers, started by `start` or as bundles arrive. */
  constructor(
    private readonly size: number,
    private readonly settings: ApigeelintSettings,
    private readonly workerFile: string = apigeelintWorkerFile()
  ) {
    if (!fs.existsSync(workerFile)) throw new Error(`the apigeelint worker is missing (${workerFile}); run \`npm run build\` in the apigee-aws package`);
  }

  /** Starts every worker now: each loads apigeelint and the plugins while the caller does other work. */
  start(): void {
    while (!this.closed && this.workers.length < this.size) this.startWorker();
  }

  lint(bundleRoot: string): Promise<ApigeelintRun> {
    if (this.closed) return Promise.reject(new Error("the apigeelint pool is closed"));
    return new Promise<ApigeelintRun>((resolve) => {
      this.waiting.push({ bundle: path.resolve(bundleRoot), resolve });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.stop()));
    this.workers.length = 0;
  }

  private dispatch(): void {
    while (this.waiting.length > 0 && !this.closed) {
      let worker = this.workers.find((w) => w.idle);
      if (!worker && this.workers.length < this.size) worker = this.startWorker();
      if (!worker) return;
      const next = this.waiting.shift()!;
      worker.run({ id: this.nextId++, bundle: next.bundle, settings: this.settings }, (run) => {
        next.resolve(run);
        this.dispatch();
      });
    }
  }

  private startWorker(): PoolWorker {
    this.started++;
    const worker = new PoolWorker(this.workerFile, this.settings.pluginsDir, () => {
      // It died: forget it; the next bundle starts a replacement.
      const at = this.workers.indexOf(worker);
      if (at >= 0) this.workers.splice(at, 1);
      this.dispatch();
    });
    this.workers.push(worker);
    return worker;
  }
}

/** One child process and the bundle it is linting, if any. */
class PoolWorker {
  private readonly child: ChildProcess;
  private current?: { job: WorkerJob; done(run: ApigeelintRun): void };
  private stderr = "";
  private dead = false;
  private readonly exited: Promise<void>;

  constructor(file: string, pluginsDir: string | undefined, onDeath: () => void) {
    // As the per-process mode: the same Node, no flags of this process (Jest's, a debugger's), this process's environment.
    this.child = fork(file, [apigeelintDir(), ...(pluginsDir ? [pluginsDir] : [])], { execArgv: [], stdio: ["ignore", "ignore", "pipe", "ipc"], serialization: "json" });
    this.child.stderr!.setEncoding("utf8");
    this.child.stderr!.on("data", (chunk: string) => {
      if (this.current && this.stderr.length < STDERR_KEPT) this.stderr += chunk;
    });
    this.child.on("message", (reply: WorkerReply) => {
      const current = this.current;
      if (!current || reply.id !== current.job.id) return;
      this.current = undefined;
      current.done(toRun(reply));
    });
    this.exited = new Promise<void>((resolve) => {
      const died = (status: string) => {
        if (this.dead) return;
        this.dead = true;
        resolve();
        const current = this.current;
        this.current = undefined;
        if (current) current.done({ messages: [], failures: [`apigeelint wrote no report (${status})${this.stderr.trim() ? `: ${firstLines(this.stderr)}` : ""}`] });
        onDeath();
      };
      // "close", not "exit": by then its stderr (why it died) has been read.
      this.child.on("close", (code, signal) => died(signal ? `killed by ${signal}` : `exit ${code}`));
      this.child.on("error", (e) => {
        died(`its process failed: ${e.message}`);
        this.child.kill("SIGKILL");
      });
    });
  }

  get idle(): boolean {
    return !this.dead && !this.current;
  }

  run(job: WorkerJob, done: (run: ApigeelintRun) => void): void {
    this.current = { job, done };
    this.stderr = "";
    this.send(job);
  }

  private send(message: WorkerMessage): void {
    this.child.send(message, (e) => {
      if (e) this.child.emit("error", e);
    });
  }

  /**
   * Asks the worker to exit, and kills it if it has not within the grace
   * period. (Closing its channel from here instead would leave Node never
   * emitting "close" for it.)
   */
  async stop(): Promise<void> {
    if (this.dead) return;
    if (this.child.connected) this.send({ stop: true });
    const timer = setTimeout(() => this.child.kill("SIGKILL"), CLOSE_GRACE_MS);
    await this.exited;
    clearTimeout(timer);
  }
}

/** A worker's answer as the per-process mode reads a run: the report's findings, plugin failures from stderr. */
function toRun(reply: WorkerReply): ApigeelintRun {
  const failures = pluginFailures(reply.stderr);
  if (reply.report === undefined) {
    return { messages: [], failures: [...failures, `apigeelint wrote no report (${reply.threw ? `it threw ${reply.threw}` : "it returned without one"})`] };
  }
  try {
    return { messages: reportMessages(reply.report), failures };
  } catch (e) {
    return { messages: [], failures: [`apigeelint's report could not be read: ${(e as Error).message}`] };
  }
}

// One long-lived apigeelint worker: the child process apigeelint-pool.ts
// forks, built to lib/apigeelint-plugins/_apigeelint-worker.js (apigeelint
// skips files that start with "_"). It gets apigeelint's folder and the
// external plugins' folder as its arguments, loads apigeelint and the plugins
// at once (while the pool's process does other work), then gets one bundle
// per message, runs apigeelint's linter in-process
// (lib/package/bundleLinter.js `lint(config, done)`, what apigeelint's cli.js
// calls, with the configuration cli.js builds from the flags the per-process
// mode passes) and answers with the JSON report cli.js would have written and
// what apigeelint printed on stderr meanwhile.
//
// Nothing of one bundle reaches the next:
// - apigeelint is loaded once per worker, and the modules that keep state
//   from one run to the next (apigeelint-state.ts, audited: BN003's cache
//   policies, PO013's and PO025's caches, BN004's counts) are dropped from
//   require's cache before each bundle, so they start as in a new process.
//   The rest of apigeelint's module-level variables are set from the
//   configuration at the start of every run, and it is the same for every
//   bundle. Each run builds its own Bundle (no singleton).
// - The project's plugins (lib/apigeelint-plugins) are loaded once per
//   worker. Their only state across bundles is a WeakMap keyed by
//   apigeelint's bundle object and results of pure functions of a script's
//   text, kept by that text (rules/model/text-memo.ts).
// - The working directory is the bundle's parent folder during its run, as
//   in the per-process mode (PO025 runs ESLint there), and stderr is
//   captured per bundle.
// test/lint/engine/ checks it: the same findings as one process per bundle,
// in one worker and in any order, including a bundle whose BN003 finding a
// previous bundle would hide if BN003 were not reloaded.

import * as fs from "node:fs";
import * as path from "node:path";
import { ApigeelintSettings, linterConfig } from "./apigeelint";
import { RELOADED_EACH_BUNDLE } from "./apigeelint-state";

/** The pool's request: lint this bundle root (…/apiproxy) with these settings. */
export interface WorkerJob {
  id: number;
  bundle: string;
  settings: ApigeelintSettings;
}

/** What the pool sends: a bundle to lint, or that it is done. */
export type WorkerMessage = WorkerJob | { stop: true };

export interface WorkerReply {
  id: number;
  /** The JSON report, exactly as `apigeelint -f json.js -w FILE` writes it; absent when apigeelint threw before writing it. */
  report?: string;
  /** What apigeelint threw instead of reporting. */
  threw?: string;
  /** What apigeelint wrote to stderr while linting this bundle (plugin failures). */
  stderr: string;
}

interface ApigeelintLinter {
  lint(config: object, done: (bundle: unknown, error: unknown) => void): void;
}

const apigeelintDir = process.argv[2];
const pluginsDir = process.argv[3];
if (!apigeelintDir || typeof process.send !== "function") {
  process.stderr.write("apigee-aws: the apigeelint worker runs only as a child of apigee-aws lint\n");
  process.exit(2);
}
// require's cache is keyed by real paths (node_modules may be a symbolic link).
const apigeelintReal = fs.realpathSync(apigeelintDir);
const linterFile = path.join(apigeelintReal, "lib", "package", "bundleLinter.js");
const reloaded = new Set(RELOADED_EACH_BUNDLE.map((m) => path.join(apigeelintReal, ...m.split("/"))));
const home = process.cwd();

/** Output of the bundle in progress: stderr kept, stdout dropped (as the per-process mode ignores it). */
let captured: { stderr: string[] } | undefined;

function captureWrites(stream: NodeJS.WriteStream, keep: (text: string) => void): void {
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (!captured) return write(chunk, ...rest);
    keep(typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8"));
    const callback = rest.find((r) => typeof r === "function") as (() => void) | undefined;
    if (callback) process.nextTick(callback);
    return true;
  }) as typeof stream.write;
}
captureWrites(process.stderr, (text) => captured?.stderr.push(text));
captureWrites(process.stdout, () => undefined);
// A plugin that ends the process mid-bundle: what it printed goes to the real
// stderr, where the pool reads why the worker died (as the per-process mode did).
process.on("exit", () => {
  if (captured?.stderr.length) fs.writeSync(2, captured.stderr.join(""));
});

/**
 * Loads apigeelint's linter and every plugin it will run (bar the reloaded
 * ones), as its first run would. A plugin that fails to load is left for the
 * run, which reports it as apigeelint does.
 */
function preload(): void {
  const plugins = [
    ...pluginFiles(path.join(apigeelintReal, "lib", "package", "plugins"), /^[A-Z]{2}[0-9]{3}-.+\.js$/),
    ...(pluginsDir ? pluginFiles(pluginsDir, /^EX-[A-Z]{2}[0-9]{3}-.+\.(js|cjs)$/) : [])
  ];
  for (const file of [linterFile, ...plugins.filter((p) => !reloaded.has(p))]) {
    try {
      require(file);
    } catch {
      // The run that needs it reports it.
    }
  }
}

function pluginFiles(dir: string, name: RegExp): string[] {
  try {
    return fs.readdirSync(dir).filter((f) => name.test(f)).map((f) => path.resolve(dir, f));
  } catch {
    return [];
  }
}

/** apigeelint's linter, with the modules that keep state across runs loaded afresh. */
function freshLinter(): ApigeelintLinter {
  for (const file of reloaded) delete require.cache[file];
  return require(linterFile) as ApigeelintLinter;
}

/**
 * Node lists each module a module requires in its `children`: the linter,
 * which requires its plugins, would keep every bundle's copy of the reloaded
 * ones (and BN003's copy holds that bundle's policies) for the worker's life.
 */
function forgetReloaded(): void {
  const linter = require.cache[linterFile];
  if (linter) linter.children = linter.children.filter((child) => !reloaded.has(child.id));
}

function describeThrown(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

function lintOne(job: WorkerJob): WorkerReply {
  const reply: WorkerReply = { id: job.id, stderr: "" };
  captured = { stderr: [] };
  try {
    process.chdir(path.dirname(job.bundle));
    const linter = freshLinter();
    linter.lint(linterConfig(job.bundle, job.settings, (report) => (reply.report = report)), (_bundle, error) => {
      if (error) reply.threw = describeThrown(error);
    });
  } catch (e) {
    // Past writing its report (cli.js writes it before anything else can throw), the per-process mode would have read it.
    if (reply.report === undefined) reply.threw = describeThrown(e);
  } finally {
    reply.stderr = captured.stderr.join("");
    captured = undefined;
    forgetReloaded();
    process.chdir(home);
  }
  return reply;
}

preload();

process.on("message", (message: WorkerMessage) => {
  if ("stop" in message) process.exit(0);
  process.send!(lintOne(message));
});
// The pool's process ended without stopping it.
process.on("disconnect", () => process.exit(0));

// Runs one JavaScript-policy job: the policy's scripts in a fresh Apigee-like
// scope, then any httpClient callbacks, all within the policy's timeLimit.

import type { RunJob, RunResult, ScriptError } from "../protocol";
import { installObjectModel, InstalledModel } from "./object-model";
import { createRunScope, execScript } from "./callout-scope";
import { clearDeadline, currentContext, startDeadline } from "./threads";

export interface CompiledScripts {
  /** The compiled script for a key sent earlier with `load`. */
  get(key: string): any;
}

export function runJob(job: RunJob, scripts: CompiledScripts, sharedScope: any): RunResult {
  var cx = currentContext();
  var started = Number(java.lang.System.nanoTime());
  var scope = createRunScope(cx, sharedScope);
  var model = installObjectModel(scope, job.flow, job.properties, job.flowName);
  var error: ScriptError | null = null;
  startDeadline(cx, job.timeLimitMs);
  try {
    for (var i = 0; i < job.scripts.length; i++) execScript(cx, scripts.get(job.scripts[i].key), scope);
    runCallbacks(model);
  } catch (e) {
    error = describe(e, job.scripts.map(function (s) { return s.name; }));
  }
  var timedOut = clearDeadline(cx);
  model.commit();
  return {
    flow: job.flow,
    prints: model.prints,
    error: timedOut ? null : error,
    timedOut: timedOut,
    elapsedMs: (Number(java.lang.System.nanoTime()) - started) / 1e6
  };
}

/** Callbacks run once the script body is done, each after its exchange completes. */
function runCallbacks(model: InstalledModel): void {
  for (var i = 0; i < model.pending.length; i++) {
    var p = model.pending[i];
    if (!p.exchange.isComplete()) p.exchange.waitForComplete();
    p.callback(p.exchange.getResponse(), p.exchange.getError());
  }
}

/**
 * What failed and where. Rhino knows the position of runtime errors (a
 * TypeError from `null.x`) but not always of errors a script constructs and
 * throws, where its `stack` may name the caller instead; so a position is
 * reported only when it points into one of the job's scripts.
 */
function describe(e: unknown, scriptNames: string[]): ScriptError {
  var err = e as { name?: string; message?: string; fileName?: string; lineNumber?: number; stack?: string; javaException?: any };
  if (err && err.javaException) {
    return { name: "JavaException", message: String(err.javaException), file: null, line: null };
  }
  if (!err || typeof err !== "object" || !("message" in err)) return { name: "Error", message: String(e), file: null, line: null };
  var file: string | null = err.fileName && scriptNames.indexOf(String(err.fileName)) >= 0 ? String(err.fileName) : null;
  var line: number | null = file !== null && err.lineNumber ? Number(err.lineNumber) : null;
  if (file === null) {
    var frame = /at ([^\s:]+):(\d+)/.exec(String(err.stack || ""));
    if (frame && scriptNames.indexOf(frame[1]) >= 0) {
      file = frame[1];
      line = Number(frame[2]);
    }
  }
  return { name: String(err.name || "Error"), message: String(err.message), file: file, line: line };
}

// Runs one JavaScript-policy job: the policy's scripts in a fresh Apigee-like
// scope, then any httpClient callbacks, all within the policy's timeLimit.

import type { RunJob, RunResult, ScriptError } from "../protocol";
import { waitBounded } from "./http-client";
import { installObjectModel, InstalledModel } from "./object-model";
import { createRunScope, execScript } from "./sandbox";
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
    error = describe(e);
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
    if (!p.exchange.isComplete()) waitBounded(futureOf(p.exchange));
    p.callback(p.exchange.getResponse(), p.exchange.getError());
  }
}

// waitBounded needs the Java future; an exchange exposes it only through
// waitForComplete, which applies the same bound.
function futureOf(exchange: { waitForComplete(ms?: unknown): void }): any {
  return {
    get: function () {
      exchange.waitForComplete();
    }
  };
}

function describe(e: unknown): ScriptError {
  var err = e as { name?: string; message?: string; fileName?: string; lineNumber?: number; javaException?: any };
  if (err && err.javaException) {
    return { name: "JavaException", message: String(err.javaException), file: null, line: null };
  }
  if (err && typeof err === "object" && "message" in err) {
    return {
      name: String(err.name || "Error"),
      message: String(err.message),
      file: err.fileName ? String(err.fileName) : null,
      line: typeof err.lineNumber === "number" ? err.lineNumber : null
    };
  }
  return { name: "Error", message: String(e), file: null, line: null };
}

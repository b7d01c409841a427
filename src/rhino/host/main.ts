// The Rhino side of apigee-aws's test harness. Node starts it with Debian's
// `rhino -version 0 -opt 9` and the callouts' optimization level (-1 for the
// interpreter, 9 for the compiler) in APIGEE_AWS_CALLOUT_OPTIMIZATION. The host
// itself is always compiled: its instruction observer is script, and an
// interpreted observer would observe itself. It reads JSON requests on stdin, one per line:
// `load` a script, or `run` a JavaScript-policy job. Jobs run concurrently on
// worker threads; each answer is one JSON line on stdout, matched by `id`.

import type { HostRequest, HostResponse } from "../protocol";
import { runJob } from "./run-job";
import { createSharedScope } from "./callout-scope";
import { createScriptThreads, currentContext } from "./threads";

var WORKERS = 8;
var shellContext = currentContext();
var calloutOptimization = Number(java.lang.System.getenv("APIGEE_AWS_CALLOUT_OPTIMIZATION") || "9");
var threads = createScriptThreads(calloutOptimization, shellContext.getLanguageVersion(), WORKERS);
var sources = new java.util.concurrent.ConcurrentHashMap();
var compiled = new java.util.concurrent.ConcurrentHashMap();
var sharedScopeHolder = new java.util.concurrent.atomic.AtomicReference();
var out = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, "UTF-8");
var writeLock = new java.util.concurrent.locks.ReentrantLock();

/** Answers go out whole, one per line, whichever worker finishes first. */
function send(response: HostResponse): void {
  var line = JSON.stringify(response);
  writeLock.lock();
  try {
    out.println(line);
  } finally {
    writeLock.unlock();
  }
}

function sharedScope(cx: any): any {
  var scope = sharedScopeHolder.get();
  if (scope == null) {
    sharedScopeHolder.compareAndSet(null, createSharedScope(cx));
    scope = sharedScopeHolder.get();
  }
  return scope;
}

var scripts = {
  get: function (key: string): any {
    var script = compiled.get(key);
    if (script != null) return script;
    var entry = sources.get(key);
    if (entry == null) throw new Error("apigee-aws host: no script loaded under key " + key);
    script = currentContext().compileString(String(entry[0]), String(entry[1]), 1, null);
    compiled.putIfAbsent(key, script);
    return compiled.get(key);
  }
};

function handle(request: HostRequest): void {
  if (request.op === "load") {
    sources.put(request.key, [request.source, request.name]);
    compiled.remove(request.key);
    // Compile now, on a worker (it has the callouts' optimisation level), so
    // no policy's timeLimit pays for Rhino's code generation.
    var key = request.key;
    var id = request.id;
    threads.submit(function () {
      try {
        scripts.get(key);
        send({ id: id, ok: true });
      } catch (e) {
        send({ id: id, ok: false, error: String(e) });
      }
    });
    return;
  }
  threads.submit(function () {
    try {
      send({ id: request.id, ok: true, result: runJob(request.job, scripts, sharedScope(currentContext())) });
    } catch (e) {
      send({ id: request.id, ok: false, error: String(e) });
    }
  });
}

var input = new java.io.BufferedReader(new java.io.InputStreamReader(java.lang.System["in"], "UTF-8"));
for (;;) {
  var line = input.readLine();
  if (line == null) break;
  if (String(line).trim() === "") continue;
  handle(JSON.parse(String(line)) as HostRequest);
}
threads.shutdown();
java.lang.System.exit(0);

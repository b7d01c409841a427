// Worker threads whose Rhino Contexts come from our own ContextFactory, so
// that a script's instruction count can be observed and a policy's timeLimit
// enforced in both interpreted and compiled mode.
//
// The Rhino shell's own thread already has a Context from the shell's factory,
// and Rhino reuses a thread's current Context. So jobs run on fresh threads,
// and their Runnable is a JavaAdapter constructed with our factory: JavaAdapter
// enters a Context through the factory it was constructed with.

var Context = Packages.org.mozilla.javascript.Context;
var OBSERVE_EVERY_INSTRUCTIONS = 10000;

export interface ScriptThreads {
  /** Runs `task` on a worker thread with a time-limited Context. */
  submit(task: () => void): void;
  /** Lets submitted jobs finish, then stops the workers. */
  shutdown(): void;
}

/** Thrown into a running script when its deadline passes. */
export var TIME_LIMIT_MESSAGE = "apigee-aws: timeLimit exceeded";

export function createScriptThreads(optimizationLevel: number, languageVersion: number, workers: number): ScriptThreads {
  var factory = new JavaAdapter(Packages.org.mozilla.javascript.ContextFactory, {
    makeContext: function (this: any) {
      var cx = this.super$makeContext();
      cx.setOptimizationLevel(optimizationLevel);
      cx.setLanguageVersion(languageVersion);
      cx.setInstructionObserverThreshold(OBSERVE_EVERY_INSTRUCTIONS);
      cx.setGenerateObserverCount(true);
      return cx;
    },
    observeInstructionCount: function (cx: any) {
      var deadline = cx.getThreadLocal("deadline");
      if (deadline != null && java.lang.System.currentTimeMillis() > deadline) {
        cx.putThreadLocal("timedOut", java.lang.Boolean.TRUE);
        throw new Packages.org.mozilla.javascript.EvaluatorException(TIME_LIMIT_MESSAGE);
      }
    }
  });
  var pool = java.util.concurrent.Executors.newFixedThreadPool(workers);
  var runnableClass = new JavaAdapter(java.lang.Runnable, { run: function () {} }).getClass();
  var constructor = findConstructor(runnableClass);
  return {
    submit: function (task: () => void) {
      var holder = { run: task };
      var args = java.lang.reflect.Array.newInstance(java.lang.Object, 2);
      args[0] = holder;
      args[1] = factory;
      pool.execute(constructor.newInstance(args));
    },
    shutdown: function () {
      pool.shutdown();
      pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
    }
  };
}

/** The adapter constructor taking (Scriptable delegee, ContextFactory). */
function findConstructor(adapterClass: any): any {
  var constructors = adapterClass.getConstructors();
  for (var i = 0; i < constructors.length; i++) {
    if (constructors[i].getParameterCount() === 2) return constructors[i];
  }
  throw new Error("JavaAdapter has no (Scriptable, ContextFactory) constructor in this Rhino");
}

export function currentContext(): any {
  return Context.getCurrentContext();
}

export function startDeadline(cx: any, timeLimitMs: number): void {
  cx.removeThreadLocal("timedOut");
  cx.putThreadLocal("deadline", java.lang.Long.valueOf(java.lang.System.currentTimeMillis() + timeLimitMs));
}

export function clearDeadline(cx: any): boolean {
  var timedOut = cx.getThreadLocal("timedOut") != null;
  cx.removeThreadLocal("deadline");
  cx.removeThreadLocal("timedOut");
  return timedOut;
}

export function millisLeft(cx: any): number {
  var deadline = cx.getThreadLocal("deadline");
  return deadline == null ? 0 : Math.max(0, Number(deadline) - Number(java.lang.System.currentTimeMillis()));
}

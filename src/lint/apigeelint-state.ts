// What apigeelint keeps in module-level variables, module by module, and what
// the worker (apigeelint-worker.ts), which lints many bundles in one process,
// does about it. Audited for apigeelint 2.85.1; test/lint/engine/ parses
// every module of the installed apigeelint and fails when a module keeps
// state this list does not name (or names state that has gone), so a new
// apigeelint is audited again before it is trusted.
//
// Reloading all of apigeelint's modules for every bundle would isolate
// everything, but it costs more than the linting (each bundle would run
// apigeelint's code cold, unoptimised, about 100 ms a bundle), so only the
// modules whose state carries from one bundle into the next are reloaded.

export interface ModuleState {
  /** The module, relative to apigeelint's folder. */
  module: string;
  /** Its module-level variables that change after it is loaded. */
  variables: string[];
  /**
   * "reload": dropped from require's cache before each bundle, so the bundle
   * sees it as a new process would. "same-every-bundle": set from the bundle's
   * configuration at the start of every run, and the worker's configuration
   * (profile apigeex, the default thresholds) is the same for every bundle, or
   * only ever read by apigeelint's debug log.
   */
  handling: "reload" | "same-every-bundle";
  why: string;
}

export const APIGEELINT_STATE: readonly ModuleState[] = [
  {
    module: "lib/package/plugins/BN003-checkCacheCoherence.js",
    variables: ["store"],
    handling: "reload",
    why: "collects every LookupCache and PopulateCache policy it has seen: a PopulateCache in one bundle would hide a later bundle's unmatched LookupCache"
  },
  {
    module: "lib/package/plugins/BN004-unusedVariables.js",
    variables: ["usageMetrics", "glBundle", "hadWarnErr", "varFinder"],
    handling: "reload",
    why: "counts variable uses across runs, and keeps a /g regular expression (the plugin is disabled in 2.85.1, so this is for the day it is not)"
  },
  {
    module: "lib/package/plugins/PO013-jsHint.js",
    variables: ["ignoresCache"],
    handling: "reload",
    why: "caches each .jshintignore it reads, by path, for the life of the process"
  },
  {
    module: "lib/package/plugins/PO025-eslint.js",
    variables: ["tmpConfigPath", "dirsRequiringDefaultConfig"],
    handling: "reload",
    why: "remembers which folders needed its default ESLint configuration, and skips ESLint's own lookup there afterwards"
  },
  {
    module: "lib/package/plugins/BN009-checkForMultipleStatsCollectorPolicies.js",
    variables: ["hadWarnErr"],
    handling: "same-every-bundle",
    why: "never reset, but only passed to the plugin callback, which apigeelint only logs with debug"
  },
  {
    module: "lib/package/plugins/CC004-checkConditionComplexity.js",
    variables: ["complexConditionTermCount"],
    handling: "same-every-bundle",
    why: "set from the configuration's complexConditionTermCount at the start of each run"
  },
  ...["EP002-misplacedElements", "FE001-authentication", "PO035-quota-hygiene", "PO042-spikearrest-hygiene", "TD004-targetSslInfo-enabled-and-enforce"].map(
    (name): ModuleState => ({
      module: `lib/package/plugins/${name}.js`,
      variables: ["bundleProfile"],
      handling: "same-every-bundle",
      why: "set from the bundle's profile (always apigeex) at the start of each run"
    })
  ),
  {
    module: "lib/package/plugins/PO038-kvm-mapname.js",
    variables: ["profile"],
    handling: "same-every-bundle",
    why: "set from the bundle's profile (always apigeex) at the start of each run"
  }
];

/** The modules the worker reloads for every bundle. */
export const RELOADED_EACH_BUNDLE: readonly string[] = APIGEELINT_STATE.filter((s) => s.handling === "reload").map((s) => s.module);

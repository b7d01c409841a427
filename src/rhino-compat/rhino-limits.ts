// What Apigee's JavaScript policy cannot run. Apigee documents Rhino 1.7.7.1
// for Apigee X; we test on Debian's Rhino 1.7.14 at language version 0 with
// the 1.7.7.1-missing built-ins removed (see src/rhino/host/callout-scope.ts).
// For the project's callouts TypeScript's `lib: ["es5"]` catches most of these
// in the source; these tables catch what reaches a script anyway (esbuild
// helpers, hand-written resources in someone's bundle).

/** Globals that do not exist in Apigee's Rhino, with what to use instead. */
export const MISSING_GLOBALS: Record<string, string> = {
  Map: "use a plain object keyed by string",
  Set: "use a plain object with `true` values",
  WeakMap: "use a plain object",
  WeakSet: "use a plain object",
  Promise: "use httpClient's callback form or exchange.waitForComplete()",
  Symbol: "use string keys",
  Proxy: "not available",
  Reflect: "use Object.* ES5 functions",
  ArrayBuffer: "use plain arrays of numbers",
  SharedArrayBuffer: "use plain arrays of numbers",
  DataView: "use plain arrays of numbers",
  Int8Array: "use plain arrays of numbers",
  Uint8Array: "use plain arrays of numbers",
  Uint8ClampedArray: "use plain arrays of numbers",
  Int16Array: "use plain arrays of numbers",
  Uint16Array: "use plain arrays of numbers",
  Int32Array: "use plain arrays of numbers",
  Uint32Array: "use plain arrays of numbers",
  Float32Array: "use plain arrays of numbers",
  Float64Array: "use plain arrays of numbers",
  BigInt: "use numbers",
  BigInt64Array: "use plain arrays of numbers",
  BigUint64Array: "use plain arrays of numbers",
  TextEncoder: "use src/hashing/utf8.ts",
  TextDecoder: "decode by hand",
  globalThis: "use `this` at the top level",
  require: "bundle the module with an import instead",
  module: "callouts are scripts, not CommonJS modules",
  exports: "callouts are scripts, not CommonJS modules",
  process: "Node's process does not exist in Apigee",
  Buffer: "use plain arrays of numbers",
  console: "use print()",
  setTimeout: "Apigee has no timers",
  setInterval: "Apigee has no timers",
  queueMicrotask: "Apigee has no event loop",
  fetch: "use httpClient",
  URL: "parse URLs with src/sigv4/url.ts",
  URLSearchParams: "parse queries with src/sigv4/url.ts",
  atob: "decode base64 by hand",
  btoa: "encode base64 by hand",
  structuredClone: "use JSON.parse(JSON.stringify(x))"
};

/** Static members added after ES5 (or after Rhino 1.7.7.1). */
export const MISSING_STATICS: Record<string, string[]> = {
  Object: [
    "assign",
    "is",
    "entries",
    "values",
    "fromEntries",
    "getOwnPropertyDescriptors",
    "getOwnPropertySymbols",
    "setPrototypeOf"
  ],
  Array: ["from", "of"],
  String: ["raw", "fromCodePoint"],
  Number: ["isInteger", "isSafeInteger", "isFinite", "isNaN", "parseFloat", "parseInt", "EPSILON"],
  Math: ["imul", "clz32", "fround", "trunc", "sign", "log2", "log10", "hypot", "cbrt", "expm1", "log1p"]
};

/** Regular-expression flags Rhino 1.7.7.1 understands. */
export const SUPPORTED_REGEXP_FLAGS = "gim";

/**
 * Largest function body, in characters of built output excluding nested
 * functions, that the build accepts. Rhino compiles each function to one JVM
 * method, and a method over 64 KB of bytecode does not compile at all; the
 * test suite measures real bytecode sizes with Rhino's own compiler. This
 * source-size proxy keeps the build fast and Java-free.
 */
export const MAX_FUNCTION_SOURCE_CHARS = 16000;

// Script scopes that look like Apigee's: ES5 standard objects, no Java access,
// and none of the built-ins that Rhino 1.7.14 has but Apigee's documented Rhino
// 1.7.7.1 lacks, so a callout that works here does not rely on them.

var ScriptableObject = Packages.org.mozilla.javascript.ScriptableObject;
var NativeJavaObject = Packages.org.mozilla.javascript.NativeJavaObject;
var SHELL_GLOBAL = Packages.org.mozilla.javascript.tools.shell.Main.getGlobal();

var REMOVED_BUILT_INS = [
  "Object.assign",
  "Object.is",
  "Object.entries",
  "Object.values",
  "Object.fromEntries",
  "Object.getOwnPropertyDescriptors",
  "Array.from",
  "Array.of",
  "Array.prototype.fill",
  "Array.prototype.find",
  "Array.prototype.findIndex",
  "Array.prototype.includes",
  "Array.prototype.copyWithin",
  "Array.prototype.flat",
  "Array.prototype.flatMap",
  "String.prototype.padStart",
  "String.prototype.padEnd",
  "String.prototype.trimStart",
  "String.prototype.trimEnd",
  "globalThis"
];

var SEALED = ["Object", "Function", "Array", "String", "Number", "Boolean", "Date", "RegExp", "Math", "JSON", "Error"];

/**
 * A Rhino object seen through a Java type, so that its Java methods
 * (setPrototype, sealObject, exec) can be called from script: Rhino otherwise
 * presents its own objects to script as plain script objects.
 */
function javaView(scriptable: unknown, type?: unknown): any {
  return new NativeJavaObject(SHELL_GLOBAL, scriptable, type || ScriptableObject);
}

/** Runs a compiled script (a Rhino Script) in `scope`. */
export function execScript(cx: any, script: unknown, scope: any): void {
  javaView(script, Packages.org.mozilla.javascript.Script).exec(cx, scope);
}

/** A sealed scope with Apigee's built-ins, shared by every run on this process. */
export function createSharedScope(cx: any): any {
  var scope = cx.initSafeStandardObjects(null, false);
  var removal = REMOVED_BUILT_INS.map(function (name) {
    return "delete " + name + ";";
  }).join("\n");
  cx.evaluateString(scope, removal, "apigee-aws-sandbox", 1, null);
  for (var i = 0; i < SEALED.length; i++) {
    var builtIn = scope[SEALED[i]];
    if (builtIn.prototype) javaView(builtIn.prototype).sealObject();
    javaView(builtIn).sealObject();
  }
  javaView(scope).sealObject();
  return scope;
}

/** A fresh top-level scope for one run, inheriting the shared built-ins. */
export function createRunScope(cx: any, shared: any): any {
  var scope = cx.newObject(shared);
  var view = javaView(scope);
  view.setPrototype(shared);
  view.setParentScope(null);
  return scope;
}

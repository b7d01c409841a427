// One worker lints many bundles: nothing of one may reach the next. The
// evidence: (1) apigeelint does keep state across runs in one process (BN003
// remembers every cache policy it saw), so a bundle linted after another can
// lose a finding; (2) through one worker, bundles with findings and clean
// ones in turn, that bundle included, get exactly what separate processes
// give; (3) the state apigeelint keeps, module by module, is what
// src/lint/apigeelint-state.ts audited, so a new apigeelint is looked at again.

import * as acorn from "acorn";
import * as walk from "acorn-walk";
import * as fs from "node:fs";
import * as path from "node:path";
import { apigeelintDir, linterConfig, reportMessages } from "../../../src/lint/apigeelint";
import { APIGEELINT_STATE } from "../../../src/lint/apigeelint-state";
import { FIXTURES } from "../cli/support";
import { requirePlugins } from "../rules/lint-helpers";
import { LOOKUP_CACHE, oneWorker, POPULATE_CACHE, separateProcesses, SET_HEADER, SETTINGS, tempDir, writeProxy, requireWorker } from "./support";

let dir: string;
let populates: string;
let looksUp: string;
let broken: string;
let clean: string;

beforeAll(() => {
  requirePlugins();
  requireWorker();
  dir = tempDir("isolation");
  populates = writeProxy(dir, "populates", { "AM-SetHeader": SET_HEADER, "PC-Token": POPULATE_CACHE });
  looksUp = writeProxy(dir, "looks-up", { "AM-SetHeader": SET_HEADER, "LC-Token": LOOKUP_CACHE });
  fs.cpSync(path.join(FIXTURES, "broken"), path.join(dir, "broken"), { recursive: true });
  fs.cpSync(path.join(FIXTURES, "clean"), path.join(dir, "clean"), { recursive: true });
  broken = path.join(dir, "broken/apiproxy");
  clean = path.join(dir, "clean/apiproxy");
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const BN003 = "LookupCache may not have a corresponding PopulateCache.";
const hasBn003 = (run: { messages: { ruleId: string; message: string }[] }) => run.messages.some((m) => m.ruleId === "BN003" && m.message === BN003);

test("apigeelint in one process without reloading: a PopulateCache in one bundle hides the next bundle's BN003 finding", () => {
  // What the worker guards against, shown with apigeelint's own linter, twice in this process.
  const linter = require(path.join(apigeelintDir(), "lib/package/bundleLinter.js")) as { lint(config: object, done: () => void): void };
  const lint = (bundle: string) => {
    let report = "";
    linter.lint(linterConfig(bundle, SETTINGS, (r) => (report = r)), () => undefined);
    return { messages: reportMessages(report) };
  };
  expect(hasBn003(lint(looksUp))).toBe(true);
  lint(populates);
  expect(hasBn003(lint(looksUp))).toBe(false);
});

test("one worker lints bundles with findings and clean ones in turn and reports what separate processes do", async () => {
  const order = [populates, looksUp, broken, clean, looksUp, broken, populates, clean, looksUp];
  const [worker, reference] = await Promise.all([oneWorker(order), separateProcesses(order)]);
  expect(worker.workersStarted).toBe(1);
  expect(worker.runs.map((r) => JSON.stringify(r))).toEqual(reference.map((r) => JSON.stringify(r)));
  // The runs are worth comparing: the bundle after a PopulateCache keeps its BN003 finding, the broken one has findings, the clean one none.
  expect(worker.runs.map(hasBn003)).toEqual(order.map((b) => b === looksUp));
  expect(worker.runs[2].messages.length).toBeGreaterThan(0);
  expect(worker.runs[3]).toEqual({ messages: [], failures: [] });
});

/** Module-level variables a module changes after loading: reassigned, or mutated through their name (members, mutating methods, delete). */
function moduleState(source: string): string[] {
  const program = acorn.parse(source, { ecmaVersion: "latest", sourceType: "script", allowHashBang: true });
  const topLevel = new Set<string>();
  for (const statement of program.body) {
    if (statement.type !== "VariableDeclaration") continue;
    for (const d of statement.declarations) if (d.id.type === "Identifier") topLevel.add(d.id.name);
  }
  const changed = new Set<string>();
  const rootName = (node: acorn.Node): string | undefined => {
    let n = node as acorn.Expression;
    while (n.type === "MemberExpression") n = n.object as acorn.Expression;
    return n.type === "Identifier" && topLevel.has(n.name) ? n.name : undefined;
  };
  const note = (node: acorn.Node) => {
    const name = rootName(node);
    if (name) changed.add(name);
  };
  const MUTATORS = new Set(["push", "pop", "shift", "unshift", "splice", "set", "add", "delete", "clear", "sort", "reverse", "fill"]);
  walk.full(program, (node) => {
    if (node.type === "AssignmentExpression") note((node as acorn.AssignmentExpression).left);
    if (node.type === "UpdateExpression") note((node as acorn.UpdateExpression).argument);
    if (node.type === "UnaryExpression" && (node as acorn.UnaryExpression).operator === "delete") note((node as acorn.UnaryExpression).argument);
    if (node.type === "CallExpression") {
      const callee = (node as acorn.CallExpression).callee;
      if (callee.type === "MemberExpression" && callee.property.type === "Identifier" && MUTATORS.has(callee.property.name)) note(callee.object);
    }
  });
  // A /g or /y regular expression held in a module-level variable keeps lastIndex between calls.
  for (const statement of program.body) {
    if (statement.type !== "VariableDeclaration") continue;
    for (const d of statement.declarations) {
      const init = d.init as acorn.Literal | null | undefined;
      if (d.id.type === "Identifier" && init?.type === "Literal" && init.regex && /[gy]/.test(init.regex.flags)) changed.add(d.id.name);
    }
  }
  return [...changed].sort();
}

function modulesOf(root: string, dirRel: string): string[] {
  return fs
    .readdirSync(path.join(root, dirRel), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? modulesOf(root, `${dirRel}/${e.name}`) : e.name.endsWith(".js") ? [`${dirRel}/${e.name}`] : []))
    .sort();
}

test("the state apigeelint keeps in module-level variables is the state apigeelint-state.ts audited", () => {
  const root = apigeelintDir();
  const found = [...modulesOf(root, "lib"), ...modulesOf(root, "build")]
    .map((module) => ({ module, variables: moduleState(fs.readFileSync(path.join(root, module), "utf8")) }))
    .filter((m) => m.variables.length > 0);
  const audited = APIGEELINT_STATE.map((s) => ({ module: s.module, variables: [...s.variables].sort() })).sort((a, b) => a.module.localeCompare(b.module));
  expect(found).toEqual(audited);
});

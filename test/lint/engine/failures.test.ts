// A bundle that breaks apigeelint, or kills the worker linting it, costs only
// that bundle: it gets AA-LINT-FAILED naming it, the others are reported, and
// a dead worker is replaced. The breakage comes from a plugin that crashes on
// purpose (by the proxy's name) beside the project's, and from a bundle with
// two descriptors, which makes apigeelint itself throw.

import * as fs from "node:fs";
import * as path from "node:path";
import { ApigeelintSettings } from "../../../src/lint/apigeelint";
import { collectFindings } from "../../../src/lint/collect-findings";
import { Finding } from "../../../src/lint/finding";
import { DEFAULT_EXCLUDED, LINT_FAILED_RULE_ID } from "../../../src/lint/rule-catalog";
import { apigeelintPluginsDir } from "../../../src/lint/rules/plugin-files";
import { requirePlugins } from "../rules/lint-helpers";
import { oneWorker, requireWorker, separateProcesses, SET_HEADER, SETTINGS, tempDir, writeProxy } from "./support";

const CRASH_PLUGIN = `"use strict";
// Crashes on purpose, chosen by the proxy's name.
const plugin = { ruleId: "ZZ901", name: "crash", message: "crashes on purpose", fatal: false, severity: 2, nodeType: "Bundle", enabled: true };
function onBundle(bundle, cb) {
  const name = bundle.getName();
  if (name === "exits") process.exit(7);
  if (name === "killed") process.kill(process.pid, "SIGKILL");
  if (name === "throws") throw new Error("deliberate failure in " + name);
  if (typeof cb === "function") cb(null, false);
}
module.exports = { plugin, onBundle };
`;

let dir: string;
let settings: ApigeelintSettings;
const bundles: Record<string, string> = {};

beforeAll(() => {
  requirePlugins();
  requireWorker();
  dir = tempDir("failures");
  const plugins = path.join(dir, "plugins");
  fs.cpSync(apigeelintPluginsDir(), plugins, { recursive: true });
  fs.writeFileSync(path.join(plugins, "EX-ZZ901-crash.js"), CRASH_PLUGIN);
  settings = { ...SETTINGS, pluginsDir: plugins };
  for (const name of ["exits", "fine-1", "killed", "fine-2", "throws", "fine-3"]) bundles[name] = writeProxy(path.join(dir, "bundles"), name, { "AM-SetHeader": SET_HEADER });
  bundles["two-descriptors"] = writeProxy(path.join(dir, "bundles"), "two-descriptors", { "AM-SetHeader": SET_HEADER }, {
    "second.xml": '<?xml version="1.0" encoding="UTF-8"?>\n<APIProxy name="second"/>\n'
  });
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const CLEAN = { messages: [], failures: [] };
const TWO_DESCRIPTORS = "There is more than one .xml file found at the bundle root";

test("a worker that dies is replaced, its bundle fails as in its own process, and the next bundles are linted", async () => {
  const order = ["exits", "fine-1", "killed", "fine-2", "throws", "two-descriptors", "fine-3"];
  const [worker, reference] = await Promise.all([oneWorker(order.map((n) => bundles[n]), settings), separateProcesses(order.map((n) => bundles[n]), settings)]);
  const byName = (runs: typeof worker.runs) => Object.fromEntries(order.map((n, i) => [n, runs[i]]));
  const got = byName(worker.runs);
  const expected = byName(reference);
  // The first worker died in "exits", the second in "killed"; a third linted the rest.
  expect(worker.workersStarted).toBe(3);
  expect(got.exits).toEqual({ messages: [], failures: ["apigeelint wrote no report (exit 7)"] });
  expect(got.killed).toEqual({ messages: [], failures: ["apigeelint wrote no report (killed by SIGKILL)"] });
  expect(got.throws.failures).toEqual([expect.stringMatching(/^plugin error: EX-ZZ901-crash\.js Error: deliberate failure in throws$/)]);
  for (const n of ["fine-1", "fine-2", "fine-3"]) expect(got[n]).toEqual(CLEAN);
  for (const n of order.filter((n) => n !== "two-descriptors")) expect(JSON.stringify(got[n])).toBe(JSON.stringify(expected[n]));
  // apigeelint throwing: the process's message was Node's report of the uncaught error; the worker's names the error.
  expect(got["two-descriptors"]).toEqual({ messages: [], failures: [`apigeelint wrote no report (it threw Error: ${TWO_DESCRIPTORS})`] });
  expect(expected["two-descriptors"].failures).toEqual([expect.stringMatching(new RegExp(`^apigeelint wrote no report \\(exit 1\\): .*Error: ${TWO_DESCRIPTORS.replace(/\./g, "\\.")}`))]);
});

test("apigee-aws lint gives each broken bundle AA-LINT-FAILED naming it and reports the others, with workers in parallel", async () => {
  const lint = (engine: "workers" | "processes") =>
    collectFindings({ paths: [path.join(dir, "bundles")], cwd: dir, jobs: 2, exclude: new Set(DEFAULT_EXCLUDED), internal: { engine, pluginsDir: settings.pluginsDir } });
  const [workers, processes] = await Promise.all([lint("workers"), lint("processes")]);
  expect(workers.bundles.map((b) => b.path)).toEqual(["exits", "fine-1", "fine-2", "fine-3", "killed", "throws", "two-descriptors"].map((n) => `bundles/${n}/apiproxy`));
  const failed = (findings: Finding[]) => findings.filter((f) => f.ruleId === LINT_FAILED_RULE_ID);
  expect(failed(workers.findings).map((f) => [f.bundle, f.file])).toEqual(
    ["exits", "killed", "throws", "two-descriptors"].map((n) => [`bundles/${n}/apiproxy`, n === "two-descriptors" ? `bundles/${n}/apiproxy` : `bundles/${n}/apiproxy/${n}.xml`])
  );
  for (const f of failed(workers.findings)) expect(f).toMatchObject({ severity: "error", message: expect.stringMatching(/^apigeelint could not finish checking this bundle: /) });
  // Everything but the bundle that makes apigeelint throw is as one process per bundle reports it.
  const apartFrom = (findings: Finding[]) => JSON.stringify(findings.filter((f) => f.bundle !== "bundles/two-descriptors/apiproxy"));
  expect(apartFrom(workers.findings)).toBe(apartFrom(processes.findings));
  expect(workers.findings.filter((f) => f.bundle.startsWith("bundles/fine-"))).toEqual([]);
});

// Which bundles `apigee-aws lint` finds: folders, folders holding apiproxy/,
// recursion (not into node_modules or dot-folders), zips (findings at
// zip!entry), X.zip beside X/ compared rather than linted twice, drift
// reported; and paths that hold no bundle refused with exit 2.

import * as fs from "node:fs";
import * as path from "node:path";
import { zipSync } from "fflate";
import { readFileTree } from "../../../src/common/file-tree";
import { requireBuilt } from "../../support/built";
import { SarifLog, sarifSchemaErrors } from "./formats-read";
import { copyFixture, expectNoStack, JsonReport, parseJsonReport, runCliIn, tempDir } from "./support";

let dir: string;
let tree: JsonReport;
let treeSarif: SarifLog;

/** Zips the folder holding apiproxy/ the way apigee-aws build does: entries under apiproxy/. */
function zipBundle(folder: string, zip: string, change?: (files: Map<string, Buffer>) => void): void {
  const files = new Map([...readFileTree(folder)]);
  change?.(files);
  fs.mkdirSync(path.dirname(zip), { recursive: true });
  fs.writeFileSync(zip, zipSync(Object.fromEntries([...files].map(([rel, content]) => [rel, new Uint8Array(content)]))));
}

beforeAll(async () => {
  requireBuilt("cli.js");
  dir = tempDir("discovery");
  const t = (rel: string) => path.join(dir, "tree", rel);
  copyFixture("clean", t("a"));
  zipBundle(t("a"), t("a.zip"));
  zipBundle(copyFixture("broken", path.join(dir, "broken-src")), t("nested/deeper/b.zip"));
  copyFixture("clean", t("c"));
  zipBundle(t("c"), t("c.zip"), (files) => {
    files.set("apiproxy/policies/AM-SetHeader.xml", Buffer.from("<AssignMessage name=\"AM-SetHeader\"/>"));
    files.delete("apiproxy/targets/default.xml");
  });
  copyFixture("broken", t("node_modules/dep"));
  copyFixture("broken", t(".git/objects"));
  copyFixture("broken", t(".dist.new-123/proxies/x"));
  fs.writeFileSync(t("other.zip"), zipSync({ "README.txt": new TextEncoder().encode("not a bundle") }));
  const run = await runCliIn(dir, ["lint", "tree", "--format", "json", "--report", "sarif=tree.sarif"]);
  expect(run.stderr).toBe("");
  tree = parseJsonReport(run.stdout);
  treeSarif = JSON.parse(fs.readFileSync(path.join(dir, "tree.sarif"), "utf8"));
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test("a folder is searched recursively; node_modules, dot-folders and zips that are not bundles are skipped", () => {
  expect(tree.bundles).toEqual([
    { path: "tree/a/apiproxy", kind: "apiproxy", source: "folder", zip: "tree/a.zip" },
    { path: "tree/c/apiproxy", kind: "apiproxy", source: "folder", zip: "tree/c.zip" },
    { path: "tree/nested/deeper/b.zip", kind: "apiproxy", source: "zip", zip: null }
  ]);
  expect(tree.findings.filter((f) => /node_modules|\.git|\.dist/.test(f.file))).toEqual([]);
});

test("findings inside a zip are at zip!entry, with the entry's line", () => {
  const inZip = tree.findings.filter((f) => f.bundle === "tree/nested/deeper/b.zip");
  expect(inZip.find((f) => f.ruleId === "PO006")).toMatchObject({ file: "tree/nested/deeper/b.zip!apiproxy/policies/AM-Named-Differently.xml", line: 2, column: 21 });
  expect(inZip.find((f) => f.ruleId === "BN010")).toMatchObject({ file: "tree/nested/deeper/b.zip!apiproxy/proxies/default.xml", line: 5 });
  expect(inZip.every((f) => f.file.startsWith("tree/nested/deeper/b.zip!apiproxy/"))).toBe(true);
});

test("X.zip beside X/ is not linted twice; an identical one passes, a different one is AA-ZIP-DRIFT naming the files", () => {
  expect(tree.findings.filter((f) => f.file.startsWith("tree/a"))).toEqual([]);
  const drift = tree.findings.filter((f) => f.ruleId === "AA-ZIP-DRIFT");
  expect(drift).toHaveLength(1);
  expect(drift[0]).toMatchObject({ file: "tree/c.zip", severity: "error", line: null, bundle: "tree/c/apiproxy" });
  expect(drift[0].message).toMatch(/not a copy of tree\/c\/apiproxy: changed: policies\/AM-SetHeader\.xml; in the folder but not the zip: targets\/default\.xml/);
  expect(tree.findings.filter((f) => f.file.startsWith("tree/c/"))).toEqual([]);
});

test("SARIF places a zip entry's finding on the zip, with the entry as logical location, and validates", () => {
  expect(sarifSchemaErrors(treeSarif)).toEqual([]);
  const po006 = treeSarif.runs[0].results.find((r) => r.ruleId === "PO006")!;
  const location = po006.locations[0];
  expect(location.physicalLocation).toEqual({ artifactLocation: { uri: "tree/nested/deeper/b.zip" } });
  expect(location.logicalLocations).toEqual([{ fullyQualifiedName: "apiproxy/policies/AM-Named-Differently.xml", kind: "resource" }]);
  expect(po006.message.text).toMatch(/^apiproxy\/policies\/AM-Named-Differently\.xml:2:21: Filename/);
});

test("a bundle folder, the folder holding it, and a zip given alone are each one bundle; the same bundle twice is linted once", async () => {
  const [folders, zip] = await Promise.all([
    runCliIn(dir, ["lint", "tree/a", "tree/a/apiproxy", "--format", "json"]),
    runCliIn(dir, ["lint", "tree/a.zip", "--format", "json"])
  ]);
  expect(folders.status).toBe(0);
  expect(parseJsonReport(folders.stdout).bundles).toEqual([{ path: "tree/a/apiproxy", kind: "apiproxy", source: "folder", zip: null }]);
  expect(zip.status).toBe(0);
  expect(parseJsonReport(zip.stdout).bundles).toEqual([{ path: "tree/a.zip", kind: "apiproxy", source: "zip", zip: null }]);
});

test("paths that are missing, hold no bundle, or are not bundle zips: exit 2 with a message naming them, no stack", async () => {
  fs.mkdirSync(path.join(dir, "empty/sub"), { recursive: true });
  fs.writeFileSync(path.join(dir, "notes.txt"), "x");
  const runs = await Promise.all([
    runCliIn(dir, ["lint", "nope"]),
    runCliIn(dir, ["lint", "tree/a", "empty"]),
    runCliIn(dir, ["lint", "tree/other.zip"]),
    runCliIn(dir, ["lint", "notes.txt"]),
    runCliIn(path.join(dir, "empty"), ["lint"])
  ]);
  const [missing, empty, notBundle, plainFile, noDist] = runs;
  expect(missing.stderr).toBe("apigee-aws: nope: no such file or folder\n");
  expect(empty.stderr).toMatch(/^apigee-aws: no API proxy or shared-flow bundle found in empty: give a bundle folder/);
  expect(notBundle.stderr).toMatch(/tree\/other\.zip: not an API proxy or shared-flow bundle zip: its entries must all sit under apiproxy\/ or sharedflowbundle\/ \(found: README\.txt\)/);
  expect(plainFile.stderr).toMatch(/notes\.txt: not a bundle folder or \.zip/);
  expect(noDist.stderr).toMatch(/no paths given and no dist\/ here: run apigee-aws build first/);
  for (const r of runs) {
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expectNoStack(r.stderr);
  }
});

test("a bundle that makes apigeelint plugins throw is AA-LINT-FAILED (exit 1), and the other bundles are still linted", async () => {
  copyFixture("clean", path.join(dir, "crash/clean"));
  copyFixture("clean", path.join(dir, "crash/odd"));
  // A folder named like a policy file: apigeelint's plugins fail reading it (EISDIR) and carry on.
  fs.mkdirSync(path.join(dir, "crash/odd/apiproxy/policies/AM-Folder.xml"));
  const run = await runCliIn(dir, ["lint", "crash", "--format", "json"]);
  const report = parseJsonReport(run.stdout);
  expect(run.status).toBe(1);
  expect(report.bundles.map((b) => b.path)).toEqual(["crash/clean/apiproxy", "crash/odd/apiproxy"]);
  const failed = report.findings.filter((f) => f.ruleId === "AA-LINT-FAILED");
  expect(failed.length).toBeGreaterThan(0);
  expect(failed[0]).toMatchObject({ severity: "error", file: "crash/odd/apiproxy/clean.xml", bundle: "crash/odd/apiproxy" });
  expect(failed[0].message).toMatch(/^apigeelint could not finish checking this bundle: plugin error: \S+\.js .*EISDIR/);
  expect(report.findings.filter((f) => f.bundle === "crash/clean/apiproxy")).toEqual([]);
});

test("a bundle that makes apigeelint itself throw is AA-LINT-FAILED (exit 1) naming the error, and the other bundles are still linted", async () => {
  copyFixture("clean", path.join(dir, "throws/clean"));
  copyFixture("broken", path.join(dir, "throws/broken"));
  copyFixture("clean", path.join(dir, "throws/two"));
  // Two descriptors: apigeelint refuses the bundle by throwing.
  fs.copyFileSync(path.join(dir, "throws/two/apiproxy/clean.xml"), path.join(dir, "throws/two/apiproxy/second.xml"));
  const run = await runCliIn(dir, ["lint", "throws", "--format", "json"]);
  const report = parseJsonReport(run.stdout);
  expect(run.status).toBe(1);
  expect(report.findings.filter((f) => f.bundle === "throws/two/apiproxy")).toEqual([
    expect.objectContaining({
      ruleId: "AA-LINT-FAILED",
      severity: "error",
      file: "throws/two/apiproxy",
      message: "apigeelint could not finish checking this bundle: apigeelint wrote no report (it threw Error: There is more than one .xml file found at the bundle root)"
    })
  ]);
  expect(report.findings.filter((f) => f.bundle === "throws/broken/apiproxy").length).toBeGreaterThan(0);
  expect(report.findings.filter((f) => f.bundle === "throws/clean/apiproxy")).toEqual([]);
});

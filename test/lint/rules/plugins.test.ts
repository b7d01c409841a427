// The built apigeelint plugins: what lib/apigeelint-plugins holds (the
// plugins, their library and the worker that runs apigeelint with them), that
// apigeelint loads them as external plugins, that apigeelint's own ways to
// silence a rule work on them, and how findings reach apigeelint's report.

import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { zipSync } from "fflate";
import { packageRoot } from "../../../src/common/paths";
import { runApigeelint } from "../../../src/lint/apigeelint";
import { PROJECT_RULES } from "../../../src/lint/rules";
import { apigeelintPlugin, ApigeelintBundle } from "../../../src/lint/rules/apigeelint-plugin";
import { buildApigeelintPlugins, pluginSource } from "../../../src/lint/rules/build-plugins";
import { apigeelintPluginsDir, LIBRARY_FILE, pluginFileName, WORKER_FILE } from "../../../src/lint/rules/plugin-files";
import { isProjectRule, pluginArgs, projectFindings, requirePlugins } from "./lint-helpers";

const ROOT = packageRoot();
const FIXTURES = path.join(ROOT, "test/fixtures/lint/rules");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "apigee-aws-plugins-"));

function copyFixture(rule: string, variant: string): string {
  const to = path.join(tmp, `${rule}-${variant}-${Math.random().toString(36).slice(2)}`);
  fs.cpSync(path.join(FIXTURES, rule, variant), to, { recursive: true });
  return to;
}

beforeAll(requirePlugins);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("the built plugins folder", () => {
  it("holds the shared library, the worker and one plugin per apigeelint rule, named as apigeelint requires", () => {
    const expected = [LIBRARY_FILE, WORKER_FILE, ...PROJECT_RULES.filter((r) => r.runner === "apigeelint").map(pluginFileName)].sort();
    expect(fs.readdirSync(apigeelintPluginsDir()).sort()).toEqual(expected);
    for (const file of expected.filter((f) => f !== LIBRARY_FILE && f !== WORKER_FILE)) expect(file).toMatch(/^EX-[A-Z]{2}[0-9]{3}-.+\.js$/);
    // apigeelint skips files that start with "_": the library and the worker are not plugins.
    expect(LIBRARY_FILE.startsWith("_") && WORKER_FILE.startsWith("_")).toBe(true);
  });

  it("has plugins that load on their own and carry the catalog's rule ID and severity", () => {
    for (const rule of PROJECT_RULES.filter((r) => r.runner === "apigeelint")) {
      const loaded = require(path.join(apigeelintPluginsDir(), pluginFileName(rule)));
      expect(loaded.plugin).toMatchObject({ ruleId: rule.id, severity: rule.severity, nodeType: "Bundle", enabled: true });
      expect(typeof loaded.onBundle).toBe("function");
    }
  });

  it("is listed by apigeelint, with no warning about unexpected files", () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, "node_modules/apigeelint/cli.js"), "--list", "-x", apigeelintPluginsDir()], { encoding: "utf8" });
    const listed = /available external plugins: (.*)/.exec(run.stdout)?.[1].split(", ") ?? [];
    expect(listed).toEqual(PROJECT_RULES.filter((r) => r.runner === "apigeelint").map((r) => `EX-${r.id}`));
    expect(run.stderr).not.toMatch(/Unexpected/);
  });
});

describe("inside apigeelint", () => {
  it("honours -e for a project rule", () => {
    const bundle = path.join(FIXTURES, "AA011/trigger/apiproxy");
    expect(projectFindings(bundle).map((m) => m.ruleId)).toEqual(["AA011"]);
    expect(projectFindings(bundle, ["AA011"])).toEqual([]);
  });

  it("honours an apigeelint disable directive on the line before the finding", () => {
    const root = copyFixture("AA011", "trigger");
    const target = path.join(root, "apiproxy/targets/default.xml");
    const lines = fs.readFileSync(target, "utf8").split("\n");
    const urlLine = lines.findIndex((l) => l.includes("<URL>"));
    lines.splice(urlLine, 0, "    <!-- apigeelint disable=AA011 -->");
    fs.writeFileSync(target, lines.join("\n"));
    expect(projectFindings(path.join(root, "apiproxy"))).toEqual([]);
  });

  it("reports findings in a zipped bundle under the zip's path", () => {
    const source = path.join(FIXTURES, "AA010/trigger");
    const files: Record<string, Uint8Array> = {};
    const add = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) add(full);
        else files[path.relative(source, full).split(path.sep).join("/")] = fs.readFileSync(full);
      }
    };
    add(path.join(source, "apiproxy"));
    const zip = path.join(tmp, "signed-debug.zip");
    fs.writeFileSync(zip, zipSync(files));
    const found = runApigeelint(zip, pluginArgs()).filter(isProjectRule);
    expect(found.map((m) => [m.ruleId, path.basename(m.file), m.line])).toEqual([["AA010", "FC-SigV4.xml", 8]]);
  });
});

describe("the plugin host", () => {
  interface Recorded {
    owner: string;
    message: Record<string, unknown>;
  }

  function fakeBundle(root: string, recorded: Recorded[]): ApigeelintBundle {
    const entity = (owner: string) => ({ addMessage: (message: never) => recorded.push({ owner, message }) });
    const policiesDir = path.join(root, "policies");
    return {
      root,
      ...entity("bundle"),
      getPolicies: () =>
        fs.existsSync(policiesDir) ? fs.readdirSync(policiesDir).map((f) => ({ filePath: path.join(policiesDir, f), ...entity(`policy ${f}`) })) : [],
      getEndpoints: () => [],
      getResources: () => []
    };
  }

  it("attaches a finding to the entity of its file, and one in the descriptor to the bundle with the file named", () => {
    const root = path.join(copyFixture("AA001", "trigger"), "apiproxy");
    fs.appendFileSync(path.join(root, "static-keys.xml"), `<!-- ${"AKIA" + "Q7WZ3R5T2Y4U6I8O"} -->\n`);
    const recorded: Recorded[] = [];
    let flagged: boolean | null = null;
    apigeelintPlugin("AA001").onBundle(fakeBundle(root, recorded), (_e, f) => (flagged = f));
    expect(flagged).toBe(true);
    const onBundle = recorded.filter((r) => r.owner === "bundle");
    // The fake bundle has no resource entities, so the properties file's findings land on the bundle too.
    expect(onBundle.map((r) => String(r.message.message).split(":")[0])).toEqual(["resources/properties/aws.properties", "resources/properties/aws.properties", "static-keys.xml"]);
    const descriptor = onBundle[2];
    expect(descriptor.message).toMatchObject({ line: 5, column: 6 });
    expect(String(descriptor.message.message)).toMatch(/^static-keys\.xml:5:6: This file holds an AWS access key ID/);
    expect(recorded.filter((r) => r.owner === "policy AM-StaticKeys.xml").map((r) => r.message.line)).toEqual([7, 11]);
    expect((recorded[0].message.plugin as { ruleId: string }).ruleId).toBe("AA001");
  });

  it("turns a rule that cannot read the bundle into a warning on the bundle", () => {
    const recorded: Recorded[] = [];
    apigeelintPlugin("AA003").onBundle(fakeBundle(path.join(tmp, "does-not-exist/apiproxy"), recorded));
    expect(recorded).toHaveLength(1);
    expect(recorded[0].owner).toBe("bundle");
    expect(recorded[0].message).toMatchObject({ severity: 1 });
    expect(String(recorded[0].message.message)).toMatch(/^AA003 could not check this bundle: /);
  });
});

describe("buildApigeelintPlugins", () => {
  it("builds the library, the worker and every plugin into a fresh folder under the given lib", async () => {
    const lib = path.join(tmp, "lib");
    fs.mkdirSync(path.join(lib, "apigeelint-plugins"), { recursive: true });
    fs.writeFileSync(path.join(lib, "apigeelint-plugins/EX-AA999-removed-rule.js"), "");
    expect(await buildApigeelintPlugins(ROOT, lib)).toEqual([]);
    const built = fs.readdirSync(path.join(lib, "apigeelint-plugins")).sort();
    expect(built).toEqual([LIBRARY_FILE, WORKER_FILE, ...PROJECT_RULES.filter((r) => r.runner === "apigeelint").map(pluginFileName)].sort());
    expect(fs.readdirSync(lib)).toEqual(["apigeelint-plugins"]);
  });

  it("refuses a rule list whose plugin files apigeelint would not load, or that names a rule twice, naming them", async () => {
    const root = path.join(tmp, "fake-root");
    const [first, second] = PROJECT_RULES;
    const bad = [first, { ...second, id: "AA1" }, { ...second, name: "Bad Name" }, { ...second, id: first.id }];
    const problems = await buildApigeelintPlugins(root, path.join(root, "lib"), bad);
    expect(problems).toEqual([
      `rule ID AA1 is not two capital letters and three digits, so apigeelint would not load EX-AA1-${second.name}.js`,
      `rule ${second.id}'s name "Bad Name" is not kebab-case (EX-${second.id}-Bad Name.js)`,
      `rule ID ${first.id} is listed twice in src/lint/rules/index.ts`
    ]);
    expect(fs.existsSync(path.join(root, "lib"))).toBe(false);
  });

  it("writes plugins that run the rule from the shared library", () => {
    for (const rule of PROJECT_RULES.filter((r) => r.runner === "apigeelint")) {
      const source = fs.readFileSync(path.join(apigeelintPluginsDir(), pluginFileName(rule)), "utf8");
      expect(source).toBe(pluginSource(rule));
      expect(source).toContain(`require("./${LIBRARY_FILE}").apigeelintPlugin("${rule.id}")`);
    }
  });
});

describe("rule metadata and documentation", () => {
  const doc = fs.readFileSync(path.join(ROOT, "docs/lint-rules.md"), "utf8");
  const anchor = (heading: string) => heading.toLowerCase().replace(/[^a-z0-9 -]/g, "").replace(/ /g, "-");

  it("PROJECT_RULES lists every rule once, in ID order, each from the module named after it, with a prefix apigeelint's own rules never use", () => {
    expect(PROJECT_RULES.map((r) => r.id)).toEqual(PROJECT_RULES.map((r) => r.id).sort());
    for (const rule of PROJECT_RULES) expect(fs.existsSync(path.join(ROOT, "src/lint/rules", `${rule.docAnchor}.ts`))).toBe(true);
    expect(new Set(PROJECT_RULES.map((r) => r.id)).size).toBe(PROJECT_RULES.length);
    for (const rule of PROJECT_RULES) {
      expect(rule.id).toMatch(/^AA\d{3}$/);
      expect(rule.summary.length).toBeGreaterThan(20);
      expect(rule.fix.length).toBeGreaterThan(20);
    }
  });

  it.each(PROJECT_RULES.map((r) => [r.id, r.docAnchor]))("docs/lint-rules.md explains %s under #%s: why, what triggers it, fix, example", (id, docAnchor) => {
    const headings = [...doc.matchAll(/^## (.+)$/gm)];
    const at = headings.findIndex((h) => anchor(h[1]) === docAnchor);
    expect(at).toBeGreaterThanOrEqual(0);
    const start = headings[at].index!;
    const section = doc.slice(start, headings[at + 1]?.index ?? doc.length);
    expect(section.startsWith(`## ${id} `)).toBe(true);
    for (const part of ["**Why.**", "**What triggers it.**", "**Fix.**", "```"]) expect(section).toContain(part);
  });
});

// Rule exclusion (TD002 and TD007 by default, --include-all, --exclude),
// --max-warnings, and flags that are wrong: exit 2 with a message that says
// what to do, never a stack trace.

import * as fs from "node:fs";
import * as path from "node:path";
import { requireBuilt } from "../../support/built";
import { startCli } from "../../support/cli";
import { copyFixture, expectNoStack, parseJsonReport, runCliIn, tempDir } from "./support";

let dir: string;

beforeAll(() => {
  requireBuilt("cli.js");
  dir = tempDir("flags");
  copyFixture("clean", path.join(dir, "clean"));
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const rulesOf = (stdout: string) => parseJsonReport(stdout).findings.map((f) => `${f.severity} ${f.ruleId}`);

test("TD002, TD007, PO013 and PO025 are excluded by default; --include-all runs them; --exclude drops rules (repeatable, comma-separated)", async () => {
  const [byDefault, allButTd007] = await Promise.all([
    runCliIn(dir, ["lint", "clean", "--format", "json"]),
    runCliIn(dir, ["lint", "clean", "--format", "json", "--include-all", "--exclude", "TD007", "--exclude", "BN005,PO012", "--exclude", "AA-ZIP-DRIFT"])
  ]);
  expect(byDefault.status).toBe(0);
  expect(rulesOf(byDefault.stdout)).toEqual([]);
  expect(parseJsonReport(byDefault.stdout).summary.excluded).toEqual(["PO013", "PO025", "TD002", "TD007"]);
  expect(rulesOf(allButTd007.stdout)).toEqual(["warning TD002"]);
  expect(parseJsonReport(allButTd007.stdout).summary.excluded).toEqual(["AA-ZIP-DRIFT", "BN005", "PO012", "TD007"]);
});

test("--max-warnings N: N warnings pass (warnings never fail without it), N+1 fail with exit 1 and say so", async () => {
  const [within, over] = await Promise.all([
    runCliIn(dir, ["lint", "clean", "--include-all", "--max-warnings", "2", "--format", "json"]),
    runCliIn(dir, ["lint", "clean", "--include-all", "--max-warnings", "1"])
  ]);
  expect(within.status).toBe(0);
  expect(rulesOf(within.stdout)).toEqual(["warning TD007", "warning TD002"]);
  expect(parseJsonReport(within.stdout).summary).toMatchObject({ passed: true, warnings: 2, maxWarnings: 2, excluded: [] });
  expect(over.status).toBe(1);
  expect(over.stdout).toMatch(/✖ 2 problems \(0 errors, 2 warnings\) in 1 bundle\n2 warnings: more than --max-warnings 1\n$/);
});

test.each([
  [["--format", "xml"], /option '-f, --format <format>' argument 'xml' is invalid\. Allowed choices are text, json, sarif, github, junit, gitlab/],
  [["--jobs", "0"], /--jobs <n>' argument '0' is invalid\. expected a whole number from 1 to 256/],
  [["--max-warnings", "-1"], /--max-warnings <n>' argument '-1' is invalid\. expected a whole number, 0 or more/],
  [["--max-warnings", "many"], /expected a whole number, 0 or more/],
  [["--exclude", "TD02"], /--exclude TD02: no such rule\. Did you mean 'TD002'\?/],
  [["--report", "sarif"], /--report sarif: expected FORMAT=FILE with FORMAT one of text, json, sarif, github, junit, gitlab/],
  [["--report", "pdf=x.pdf"], /--report pdf=x\.pdf: expected FORMAT=FILE/],
  [["--write-baseline"], /--write-baseline needs --baseline FILE/],
  [["--intent", "missing.yaml"], /--intent missing\.yaml: no such file/],
  [["--frobnicate"], /unknown option '--frobnicate'/]
])("lint clean %j: exit 2, %s", async (flags, message) => {
  const run = await runCliIn(dir, ["lint", "clean", ...flags]);
  expect(run.status).toBe(2);
  expect(run.stderr).toMatch(message);
  expect(run.stdout).toBe("");
  expectNoStack(run.stderr);
});

test("on a terminal, lint counts bundles as they finish; in CI or a pipe it prints no progress", async () => {
  copyFixture("clean", path.join(dir, "second"));
  const onTerminal = (CI: string | undefined) => startCli(["lint", "clean", "second", "--no-intent"], { cwd: dir, env: { CI }, stdoutIsTty: true, stderrIsTty: true });
  const tty = onTerminal(undefined);
  expect((await tty.done).status).toBe(0);
  expect(tty.output()).toMatch(/linting: 2 of 2 bundles done/);
  // The counter is erased before the report is printed.
  expect(tty.output()).toMatch(/\r\x1b\[K[^\r]*no problems/i);
  const ci = onTerminal("true");
  await ci.done;
  expect(ci.output()).not.toContain("linting:");
});

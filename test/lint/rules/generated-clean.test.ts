// What the project ships passes its own rules: every bundle `apigee-aws
// build` writes for templates/s3-read.yaml (what `npm run example` builds)
// and templates/full.yaml, the hand-written shared flows in sharedflows/,
// and the project checks over each build output, which give only AA007's
// warning on full.yaml's caller-mode proxy (reports).

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { packageRoot } from "../../../src/common/paths";
import { checkProject, lintBundleDir } from "../../../src/lint/rules";
import { requireBuilt } from "../../support/built";
import { runCli } from "../../support/cli";
import { bundlesIn, projectFindings, requirePlugins } from "./lint-helpers";

const ROOT = packageRoot();
const builds: Record<string, string> = {};

beforeAll(async () => {
  requirePlugins();
  requireBuilt("cli.js");
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "apigee-aws-rules-"));
  for (const template of ["s3-read", "full"]) {
    const out = path.join(tmp, template);
    const run = await runCli(["build", path.join(ROOT, "templates", `${template}.yaml`), "--out", out]);
    if (run.status !== 0) throw new Error(`apigee-aws build ${template}.yaml failed: ${run.stderr}`);
    builds[template] = out;
  }
});

afterAll(() => {
  for (const out of Object.values(builds)) fs.rmSync(path.dirname(out), { recursive: true, force: true });
});

const brief = (m: { ruleId: string; severity: number; file: string; line: number; column: number; message: string }) =>
  `${m.ruleId} ${m.severity} ${m.file}:${m.line}:${m.column} ${m.message.split(": ")[0]}`;
const callerWarning = (out: string) =>
  `AA007 1 ${path.join(out, "proxies/reports/apiproxy/policies/FC-AwsCredentials.xml")}:8:5 proxy reports exchanges the caller's token for its role (aws.credentials.mode caller)`;

describe.each(["s3-read", "full"])("templates/%s.yaml built", (template) => {
  it("gives proxies no project finding, through apigeelint", () => {
    const proxies = bundlesIn(path.join(builds[template], "proxies"));
    expect(proxies.length).toBeGreaterThan(0);
    const findings = proxies.flatMap((b) => projectFindings(b).map((m) => `${path.relative(builds[template], m.file)}:${m.line} ${m.ruleId} ${m.message}`));
    expect(findings).toEqual([]);
  });

  it("gives its shared flows no project finding", () => {
    const flows = bundlesIn(path.join(builds[template], "sharedflows"));
    expect(flows.map((f) => path.basename(path.dirname(f)))).toEqual(["aws-credentials", "aws-sigv4", "aws-ssm-parameter"]);
    expect(flows.flatMap((f) => lintBundleDir(f))).toEqual([]);
  });

  it("passes the project checks (roles, service accounts, durations), but for the warning on a caller-mode proxy", () => {
    const expected = template === "full" ? [callerWarning(builds.full)] : [];
    expect(checkProject([builds[template]]).map(brief)).toEqual(expected);
  });
});

it("the hand-written shared flows in sharedflows/ have no project finding, through apigeelint", () => {
  const flows = bundlesIn(path.join(ROOT, "sharedflows"));
  expect(flows).toHaveLength(3);
  expect(flows.flatMap((f) => projectFindings(f).map((m) => `${m.file}:${m.line} ${m.ruleId} ${m.message}`))).toEqual([]);
});

it("both builds together still pass the project checks (same roles and accounts for the same proxies)", () => {
  expect(checkProject([builds["s3-read"], builds.full, path.join(ROOT, "sharedflows")]).map(brief)).toEqual([callerWarning(builds.full)]);
});

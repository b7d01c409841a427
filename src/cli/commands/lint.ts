// `apigee-aws lint [paths...]`: apigeelint (profile apigeex) with the
// project's plugins over every bundle found, in parallel, plus zip drift,
// project-wide and intent checks; reports for people and for CI.

import { Command, InvalidArgumentError, Option } from "commander";
import * as fs from "node:fs";
import { UserError } from "../../common/user-error";
import { CheckFailed } from "../exit-status";
import { pathIn, type CliIo } from "../io";
import { terminalProgress } from "../progress";
import { didYouMean } from "../../intent/did-you-mean";
import { FORMATS, FormatName, isFormat } from "../../lint/formats";
import { DEFAULT_JOBS, runLintInvocation } from "../../lint/invocation";
import { projectPluginsDir } from "../../lint/rules/plugin-files";
import { DEFAULT_EXCLUDED, knownRuleIds } from "../../lint/rule-catalog";
import { PROJECT_RULES } from "../../lint/rules";

const DEFAULT_PATH = "dist";
const DEFAULT_INTENT = "apigee-aws.yaml";
interface LintFlags {
  format: FormatName;
  output?: string;
  report?: string[];
  maxWarnings?: number;
  exclude?: string[];
  includeAll?: boolean;
  intent?: string | false;
  baseline?: string;
  writeBaseline?: boolean;
  jobs?: number;
}

export function lintCommand(io: CliIo): Command {
  return new Command("lint")
    .description(
      "lint API proxy and shared-flow bundles (folders or zips) with the pinned apigeelint (profile apigeex) and the project's rules, " +
        "check that zips match their folders, and check the intent file"
    )
    .argument("[paths...]", `bundle folders (apiproxy/, sharedflowbundle/, or the folder holding one), bundle .zip files, or folders to search (default: ${DEFAULT_PATH}/)`)
    .addOption(new Option("-f, --format <format>", "report format").choices([...FORMATS]).default("text"))
    .option("-o, --output <file>", "write the report to FILE (atomically) instead of stdout")
    .option("--report <format=file>", "also write a report in another format; repeatable, e.g. --report sarif=apigee-aws.sarif", collect)
    .option("--max-warnings <n>", "fail when there are more than N warnings (default: warnings never fail)", nonNegativeInteger)
    .option("--exclude <ids>", `rule IDs not to run, comma-separated; repeatable; added to the default exclusions (${DEFAULT_EXCLUDED.join(", ")})`, collect)
    .option("--include-all", `also run the rules excluded by default (${DEFAULT_EXCLUDED.join(", ")}); --exclude still applies`)
    .option("--intent <file>", `also check this intent file (default: ${DEFAULT_INTENT} when it exists in the working directory)`)
    .option("--no-intent", "check no intent file")
    .option("--baseline <file>", "fail only on findings that are not in this baseline file")
    .option("--write-baseline", "record the current findings in the --baseline file and exit 0")
    .option("-j, --jobs <n>", "apigeelint processes to run at once (default: the number of CPUs)", positiveInteger)
    .addHelpText("after", HELP_AFTER)
    .action(async (paths: string[], flags: LintFlags) => {
      const progress = terminalProgress(io, (done, total) => `linting: ${done} of ${total} bundles done`);
      const outcome = await runLintInvocation(
        {
          paths: paths.length ? paths : [defaultPath(io)],
          cwd: io.cwd,
          env: io.env,
          jobs: flags.jobs ?? DEFAULT_JOBS(),
          exclude: excludedRules(flags),
          intentFile: intentFile(io, flags.intent),
          format: flags.format,
          output: flags.output,
          reports: (flags.report ?? []).map(parseReport),
          maxWarnings: flags.maxWarnings,
          baseline: baselineFile(flags),
          writeBaseline: flags.writeBaseline === true,
          onProgress: (done, total) => progress.update(done, total)
        },
        io.stdoutIsTty
      ).finally(() => progress.clear());
      io.stdout(outcome.stdout);
      io.stderr(outcome.stderr);
      if (!outcome.passed) throw new CheckFailed();
    });
}

function defaultPath(io: CliIo): string {
  if (!fs.existsSync(pathIn(io, DEFAULT_PATH))) throw new UserError(`no paths given and no ${DEFAULT_PATH}/ here: run apigee-aws build first, or pass bundle folders, zips or folders to search`);
  return DEFAULT_PATH;
}

function intentFile(io: CliIo, flag: string | false | undefined): string | undefined {
  if (flag === false) return undefined;
  if (flag === undefined) return fs.existsSync(pathIn(io, DEFAULT_INTENT)) ? DEFAULT_INTENT : undefined;
  if (!fs.existsSync(pathIn(io, flag))) throw new UserError(`--intent ${flag}: no such file`);
  return flag;
}

function baselineFile(flags: LintFlags): string | undefined {
  if (flags.writeBaseline && !flags.baseline) throw new UserError("--write-baseline needs --baseline FILE: the file to write");
  return flags.baseline;
}

function excludedRules(flags: LintFlags): Set<string> {
  const given = (flags.exclude ?? []).flatMap((list) => list.split(",")).map((id) => id.trim()).filter((id) => id !== "");
  const known = knownRuleIds(projectPluginsDir());
  for (const id of given) {
    if (!known.includes(id)) throw new UserError(`--exclude ${id}: no such rule.${didYouMean(id, known)} Rules: apigeelint's (e.g. TD002), the project's (docs/lint-rules.md) and ${known.filter((k) => k.startsWith("AA-")).join(", ")}`);
  }
  const ids = new Set([...(flags.includeAll ? [] : DEFAULT_EXCLUDED), ...given]);
  // apigeelint knows a project plugin as EX-<id>; exclude it under both names.
  for (const rule of PROJECT_RULES) if (ids.has(rule.id)) ids.add(`EX-${rule.id}`);
  return ids;
}

function parseReport(spec: string): { format: FormatName; file: string } {
  const at = spec.indexOf("=");
  const format = at < 0 ? spec : spec.slice(0, at);
  const file = at < 0 ? "" : spec.slice(at + 1);
  if (!isFormat(format) || file === "") throw new UserError(`--report ${spec}: expected FORMAT=FILE with FORMAT one of ${FORMATS.join(", ")}, e.g. --report sarif=apigee-aws.sarif`);
  return { format, file };
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function nonNegativeInteger(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError("expected a whole number, 0 or more.");
  return Number(value);
}

function positiveInteger(value: string): number {
  if (!/^[1-9]\d*$/.test(value) || Number(value) > 256) throw new InvalidArgumentError("expected a whole number from 1 to 256.");
  return Number(value);
}

const HELP_AFTER = `
What is checked:
  - every bundle found, with the pinned apigeelint --profile apigeex and the
    project's apigeelint plugins (rule IDs: docs/lint-rules.md);
  - X.zip beside a folder X/ holding the same kind of bundle (as in
    dist/proxies/) is not linted again: it must be a byte-identical copy of
    the folder, else AA-ZIP-DRIFT;
  - checks across bundles, property sets and IAM documents (project rules);
  - the intent file (AA-INTENT), when --intent is given or ${DEFAULT_INTENT}
    is in the working directory.
  Folders are searched recursively, skipping node_modules, dot-folders and
  symbolic links. A zip is a bundle when all its entries are under apiproxy/
  or sharedflowbundle/; other zips found while searching are ignored.
  ${DEFAULT_EXCLUDED.join(", ")} are excluded by default: AWS endpoints are public
  hosts with public CAs, and AA004 checks JavaScript for Apigee's Rhino in
  place of JSHint and ESLint (see docs/ci.md). .apigeelintrc files are not read;
  <!-- apigeelint disable=ID --> comments in the XML are honoured.

Formats:
  text    grouped by file: line:col  severity  message  rule (colour on a terminal; NO_COLOR turns it off)
  json    stable machine format ("format": "apigee-aws-lint", "version": 1; see docs/ci.md)
  sarif   SARIF 2.1.0 for GitHub code scanning (github/codeql-action/upload-sarif)
  github  GitHub Actions annotations (::error file=…,line=…::message)
  junit   JUnit XML: one testsuite per bundle, one testcase per file and rule
  gitlab  GitLab Code Quality report (artifacts:reports:codequality)

Baselines: --baseline FILE --write-baseline records today's findings; later
runs with --baseline FILE fail only on findings beyond it. Findings match by
rule, file and message (not line), so moving code keeps them matched. Run
from the same folder (the repository root) each time: paths are relative.

Exit status:
  0  no errors, and no more warnings than --max-warnings (--write-baseline: always)
  1  errors, or more warnings than --max-warnings (baselined findings do not count)
  2  bad flags, missing paths, no bundle found, unreadable baseline

Examples:
  apigee-aws lint
  apigee-aws lint dist/proxies/artifacts.zip path/to/hand-written-proxy
  apigee-aws lint --format github --report sarif=apigee-aws.sarif
  apigee-aws lint --baseline lint-baseline.json --write-baseline
`;

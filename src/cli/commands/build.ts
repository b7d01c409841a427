// `apigee-aws build [intent] [--out dist] [--check]`: the intent file into
// proxy bundles, shared flows, environment property sets and the AWS side.

import { Command } from "commander";
import * as fs from "node:fs";
import { buildOutput } from "../../output/build-output";
import { compareOutputFolder, writeBuildFolder } from "../../output/output-folder";
import { UserError } from "../../common/user-error";
import { planIntentFile } from "../../plan";
import { CheckFailed } from "../exit-status";
import { pathIn, type CliIo } from "../io";
import { terminalProgress } from "../progress";
import { accountsPerProject } from "../../plan/service-accounts";
import { readUniqueIds } from "../../plan/unique-ids";
import { printNotes, printWarnings } from "../warnings";

const DEFAULT_INTENT = "apigee-aws.yaml";

export function buildCommand(io: CliIo): Command {
  return new Command("build")
    .description("build the intent file into Apigee bundles (dist/proxies, dist/sharedflows), property sets (dist/env) and IAM documents (dist/aws)")
    .argument("[intent]", `the intent file (default ${DEFAULT_INTENT})`)
    .option("--out <dir>", "output folder", "dist")
    .option("--check", "write nothing; fail if the output folder differs from what the build would write")
    .option("--ids <file>", "the service accounts' unique IDs for the JSON trust policies: terraform output -json of aws/terraform, or {\"EMAIL\": \"UNIQUE_ID\"}")
    .action((intentFile: string | undefined, options: { out: string; check?: boolean; ids?: string }) => {
      const file = intentFile ?? DEFAULT_INTENT;
      if (!intentFile && !fs.existsSync(pathIn(io, file))) throw new UserError(`no intent file given and no ${DEFAULT_INTENT} here; create one with apigee-aws init (apigee-aws init --list shows the templates), or pass the intent file to build`);
      const plan = planIntentFile(file, { cwd: io.cwd, uniqueIds: options.ids === undefined ? {} : readUniqueIds(pathIn(io, options.ids)) });
      printWarnings(plan, io);
      const intent = plan.intent;
      // Long builds only: a small one finishes before a counter could be read.
      const progress = terminalProgress(io, (done, total) => `building proxy ${done + 1} of ${total}`, 50);
      let output;
      try {
        output = buildOutput(plan, (done, total) => progress.update(done, total));
      } finally {
        progress.clear();
      }
      if (options.check) {
        const drift = compareOutputFolder(pathIn(io, options.out), output);
        const lines = [...drift.missing.map((f) => `  missing  ${f}`), ...drift.changed.map((f) => `  changed  ${f}`), ...drift.extra.map((f) => `  extra    ${f}`)];
        if (lines.length) {
          io.stderr(`apigee-aws: ${options.out} is not what ${file} builds (${lines.length} files differ); run apigee-aws build ${file} --out ${options.out}:\n${lines.join("\n")}\n`);
          throw new CheckFailed();
        }
        io.stdout(`${options.out} is up to date with ${file} (${output.size} files)\n`);
        return;
      }
      writeBuildFolder(options.out, output, file, io.cwd);
      const proxies = intent.proxies.map((p) => p.name).join(", ");
      io.stdout(`built ${file} into ${options.out}: ${intent.proxies.length} proxies (${proxies}), ${intent.environments.length} environments, ${output.size} files\n`);
      const projects = accountsPerProject(plan.serviceAccounts.filter((a) => a.managed));
      if (projects.length) io.stdout(`service accounts to create (aws/terraform): ${projects.map(([project, n]) => `${n} in ${project}`).join(", ")}\n`);
      printNotes(plan, io);
    });
}

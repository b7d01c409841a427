// `apigee-aws build [intent] [--out dist] [--check]`: the intent file into
// proxy bundles, shared flows, environment property sets and the AWS side.

import { Command } from "commander";
import * as fs from "node:fs";
import { buildOutput } from "../../build/build-output";
import { compareOutputFolder, writeOutputFolder } from "../../build/output-folder";
import { UserError } from "../../common/user-error";
import { GeneratorError } from "../../generator";
import { loadIntentFile } from "../../intent";

const DEFAULT_INTENT = "apigee-aws.yaml";

export function buildCommand(): Command {
  return new Command("build")
    .description("build the intent file into Apigee bundles (dist/proxies, dist/sharedflows), property sets (dist/env) and IAM documents (dist/aws)")
    .argument("[intent]", `the intent file (default ${DEFAULT_INTENT})`)
    .option("--out <dir>", "output folder", "dist")
    .option("--check", "write nothing; fail if the output folder differs from what the build would write")
    .action((intentFile: string | undefined, options: { out: string; check?: boolean }) => {
      const file = intentFile ?? DEFAULT_INTENT;
      if (!intentFile && !fs.existsSync(file)) throw new UserError(`no intent file given and no ${DEFAULT_INTENT} here; pass one, e.g. apigee-aws build templates/s3-read.yaml`);
      const intent = loadIntentFile(file);
      let output;
      try {
        output = buildOutput(intent, progressLine());
      } catch (e) {
        clearProgress();
        if (e instanceof GeneratorError) throw new UserError(e.message);
        throw e;
      }
      if (options.check) {
        const drift = compareOutputFolder(options.out, output);
        const lines = [...drift.missing.map((f) => `  missing  ${f}`), ...drift.changed.map((f) => `  changed  ${f}`), ...drift.extra.map((f) => `  extra    ${f}`)];
        if (lines.length) throw new UserError(`${options.out} is not what ${file} builds (${lines.length} files differ); run apigee-aws build ${file} --out ${options.out}:\n${lines.join("\n")}`);
        process.stdout.write(`${options.out} is up to date with ${file} (${output.size} files)\n`);
        return;
      }
      clearProgress();
      writeOutputFolder(options.out, output);
      const proxies = intent.proxies.map((p) => p.name).join(", ");
      process.stdout.write(`built ${file} into ${options.out}: ${intent.proxies.length} proxies (${proxies}), ${intent.environments.length} environments, ${output.size} files\n`);
    });
}

/** Progress for people watching a terminal; CI logs and pipes get none. */
function showsProgress(): boolean {
  return Boolean(process.stderr.isTTY) && !process.env.CI;
}

function progressLine(): ((done: number, total: number) => void) | undefined {
  if (!showsProgress()) return undefined;
  let last = 0;
  return (done, total) => {
    const now = Date.now();
    if (total < 50 || now - last < 100) return;
    last = now;
    process.stderr.write(`\rbuilding proxy ${done + 1} of ${total}`);
  };
}

function clearProgress(): void {
  if (showsProgress()) process.stderr.write("\r\x1b[K");
}

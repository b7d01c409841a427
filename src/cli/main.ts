// apigee-aws command line. Exit statuses are in exit-status.ts. Errors caused
// by input or environment print one clear message; anything else is a bug,
// reported as such, with the stack only when APIGEE_AWS_DEBUG is set.
// bin/apigee-aws.js calls run(); tests call main() in-process.

import { Command, CommanderError } from "commander";
import * as fs from "node:fs";
import * as path from "node:path";
import { packageRoot } from "../common/paths";
import { UserError } from "../common/user-error";
import { CheckFailed, EXIT_CANNOT_RUN, EXIT_CHECK_FAILED, EXIT_OK } from "./exit-status";
import { buildCommand } from "./commands/build";
import { deployCommand } from "./commands/deploy";
import { devCommand } from "./commands/dev";
import { explainCommand } from "./commands/explain";
import { initCommand } from "./commands/init";
import { lintCommand } from "./commands/lint";
import { signCommand } from "./commands/sign";

function version(): string {
  return JSON.parse(fs.readFileSync(path.join(packageRoot(), "package.json"), "utf8")).version;
}

export function createProgram(): Command {
  const program = new Command("apigee-aws")
    .description("Key-free Apigee X to AWS: web-identity credentials, SigV4 and SSM in shared flows")
    .version(version())
    .showSuggestionAfterError(true)
    .exitOverride();
  program.addCommand(initCommand().exitOverride());
  program.addCommand(buildCommand().exitOverride());
  program.addCommand(explainCommand().exitOverride());
  program.addCommand(lintCommand().exitOverride());
  program.addCommand(deployCommand().exitOverride());
  program.addCommand(signCommand().exitOverride());
  program.addCommand(devCommand().exitOverride());
  return program;
}

/** Runs one command line and resolves with its exit status; never throws. */
export async function main(argv: string[]): Promise<number> {
  try {
    await createProgram().parseAsync(argv, { from: "user" });
    return EXIT_OK;
  } catch (e) {
    return exitStatusOf(e);
  }
}

function exitStatusOf(e: unknown): number {
  if (e instanceof CheckFailed) return EXIT_CHECK_FAILED;
  // Commander has printed its message (unknown option, --help, --version).
  if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT_OK : EXIT_CANNOT_RUN;
  if (e instanceof UserError) {
    process.stderr.write(`apigee-aws: ${e.message}\n`);
    return EXIT_CANNOT_RUN;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  process.stderr.write(`apigee-aws: unexpected error: ${err.message}\n`);
  if (process.env.APIGEE_AWS_DEBUG) process.stderr.write(`${err.stack}\n`);
  else process.stderr.write("Set APIGEE_AWS_DEBUG=1 for details, and please report this as a bug.\n");
  return EXIT_CANNOT_RUN;
}

/** The command-line entry point: bin/apigee-aws.js calls it, however the bin was reached (symlink, npx, global install). */
export function run(argv: string[] = process.argv.slice(2)): void {
  main(argv).then((code) => {
    process.exitCode = code;
  });
}

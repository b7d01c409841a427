// apigee-aws command line. Exit statuses are in exit-status.ts. Errors caused
// by input or environment print one clear message; anything else is a bug,
// reported as such, with the stack only when APIGEE_AWS_DEBUG is set.
// bin/apigee-aws.js calls run(); tests call main() in-process, each run with
// its own CliIo (output, working directory, environment: see io.ts).

import { Command, CommanderError } from "commander";
import * as fs from "node:fs";
import * as path from "node:path";
import { packageRoot } from "../common/paths";
import { UserError } from "../common/user-error";
import { CheckFailed, EXIT_CANNOT_RUN, EXIT_CHECK_FAILED, EXIT_OK } from "./exit-status";
import { processIo, type CliIo } from "./io";
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

/** Commander writes help, versions and usage errors through `io` too, and throws instead of exiting. */
function wired(command: Command, io: CliIo): Command {
  return command.exitOverride().configureOutput({
    writeOut: io.stdout,
    writeErr: io.stderr,
    getOutHelpWidth: () => io.columns ?? 80,
    getErrHelpWidth: () => io.columns ?? 80,
    getOutHasColors: () => io.stdoutIsTty,
    getErrHasColors: () => io.stderrIsTty
  });
}

export function createProgram(io: CliIo): Command {
  const program = wired(
    new Command("apigee-aws")
      .description("Key-free Apigee X to AWS: web-identity credentials, SigV4 and SSM in shared flows")
      .version(version())
      .showSuggestionAfterError(true),
    io
  );
  for (const command of [initCommand, buildCommand, explainCommand, lintCommand, deployCommand, signCommand, devCommand]) {
    program.addCommand(wired(command(io), io));
  }
  return program;
}

/** Runs one command line with `io` and resolves with its exit status; never throws. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    await createProgram(io).parseAsync(argv, { from: "user" });
    return EXIT_OK;
  } catch (e) {
    return exitStatusOf(e, io);
  }
}

function exitStatusOf(e: unknown, io: CliIo): number {
  if (e instanceof CheckFailed) return EXIT_CHECK_FAILED;
  // Commander has printed its message (unknown option, --help, --version).
  if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT_OK : EXIT_CANNOT_RUN;
  if (e instanceof UserError) {
    io.stderr(`apigee-aws: ${e.message}\n`);
    return EXIT_CANNOT_RUN;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  io.stderr(`apigee-aws: unexpected error: ${err.message}\n`);
  if (io.env.APIGEE_AWS_DEBUG) io.stderr(`${err.stack}\n`);
  else io.stderr("Set APIGEE_AWS_DEBUG=1 for details, and please report this as a bug.\n");
  return EXIT_CANNOT_RUN;
}

/** The command-line entry point: bin/apigee-aws.js calls it, however the bin was reached (symlink, npx, global install). */
export function run(argv: string[] = process.argv.slice(2)): void {
  quietOnClosedPipe();
  main(argv, processIo()).then((code) => {
    process.exitCode = code;
  });
}

/** `apigee-aws lint | head`: a reader that stops early is not an error worth a stack trace. */
function quietOnClosedPipe(): void {
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code !== "EPIPE") throw e;
  });
}

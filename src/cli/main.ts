// apigee-aws command line. Errors caused by input or environment print one
// clear message and exit 2; anything else is a bug and exits 1, with the stack
// only when APIGEE_AWS_DEBUG is set.

import { Command, CommanderError } from "commander";
import * as fs from "node:fs";
import * as path from "node:path";
import { packageRoot } from "../common/paths";
import { UserError } from "../common/user-error";
import { buildCommand } from "./commands/build";
import { deployCommand } from "./commands/deploy";
import { devCommand } from "./commands/dev";
import { explainCommand } from "./commands/explain";
import { initCommand } from "./commands/init";
import { lintCommand } from "./commands/lint";
import { signCommand } from "./commands/sign";

const EXIT_USAGE = 2;

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

export async function main(argv: string[]): Promise<number> {
  try {
    await createProgram().parseAsync(argv, { from: "user" });
    // A command that completed but failed its check (lint findings) sets the status itself.
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : EXIT_USAGE;
    if (e instanceof UserError) {
      process.stderr.write(`apigee-aws: ${e.message}\n`);
      return EXIT_USAGE;
    }
    const err = e as Error;
    process.stderr.write(`apigee-aws: unexpected error: ${err.message}\n`);
    if (process.env.APIGEE_AWS_DEBUG) process.stderr.write(`${err.stack}\n`);
    else process.stderr.write("Set APIGEE_AWS_DEBUG=1 for details, and please report this as a bug.\n");
    return 1;
  }
}

if (require.main === module || process.argv[1]?.endsWith(path.join("bin", "apigee-aws.js"))) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

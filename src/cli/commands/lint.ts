// `apigee-aws lint`: placeholder until the command lands.

import { Command } from "commander";
import { UserError } from "../../common/user-error";

export function lintCommand(): Command {
  return new Command("lint").description("(not yet available)").action(() => {
    throw new UserError("lint is not available yet");
  });
}

// `apigee-aws init`: placeholder until the command lands.

import { Command } from "commander";
import { UserError } from "../../common/user-error";

export function initCommand(): Command {
  return new Command("init").description("(not yet available)").action(() => {
    throw new UserError("init is not available yet");
  });
}

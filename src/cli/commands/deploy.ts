// `apigee-aws deploy`: placeholder until the command lands.

import { Command } from "commander";
import { UserError } from "../../common/user-error";

export function deployCommand(): Command {
  return new Command("deploy").description("(not yet available)").action(() => {
    throw new UserError("deploy is not available yet");
  });
}

// `apigee-aws explain`: placeholder until the command lands.

import { Command } from "commander";
import { UserError } from "../../common/user-error";

export function explainCommand(): Command {
  return new Command("explain").description("(not yet available)").action(() => {
    throw new UserError("explain is not available yet");
  });
}

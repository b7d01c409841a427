// The generator cannot run: its fixed policies or built callouts are missing
// or broken (an incomplete package, a checkout without `npm run build`). An
// intent it cannot turn into a bundle never gets here: the planner refuses it.

import { UserError } from "../common/user-error";

export class GeneratorError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = "GeneratorError";
  }
}

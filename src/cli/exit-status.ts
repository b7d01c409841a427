// The one exit-status scheme of every command (README, "Exit status"):
//   0  done, and any check passed
//   1  a check failed: lint findings, `build --check` drift; the report says which
//   2  the command could not do its job: bad input or usage, an unusable
//      environment (a port in use, no token), or an internal error
// Like ESLint's, a failure to run is 2, so CI can tell "the code has
// findings" (1) from "the check did not run" (2).

export const EXIT_OK = 0;
export const EXIT_CHECK_FAILED = 1;
export const EXIT_CANNOT_RUN = 2;

/**
 * Thrown by a command that ran to the end and printed its report, but whose
 * check failed. Carries no message: the report already said what failed.
 */
export class CheckFailed extends Error {
  constructor() {
    super("check failed");
    this.name = "CheckFailed";
  }
}

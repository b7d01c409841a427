/**
 * An error caused by the user's input or environment. The CLI prints its
 * message (which says what was wrong and how to fix it) without a stack trace.
 */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UserError";
  }
}

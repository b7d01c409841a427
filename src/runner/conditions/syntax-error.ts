// The one error a condition's text can raise while it is being read.

/** A condition the runner cannot read; `column` is 1-based in the condition text. */
export class ConditionSyntaxError extends Error {
  readonly column: number;

  constructor(message: string, column: number) {
    super(message);
    this.name = "ConditionSyntaxError";
    this.column = column;
  }
}

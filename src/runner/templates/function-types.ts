// What a message template function is to the parser and renderer.

/** An argument's value: text, or null for a variable that is not set. */
export type ArgumentValue = string | null;

export interface TemplateFunction {
  readonly name: string;
  /** The documented call form, for error messages. */
  readonly signature: string;
  readonly minArgs: number;
  readonly maxArgs: number;
  /**
   * True when unset variables are passed in as null (firstnonnull). Otherwise
   * an unset argument makes the whole call unresolved and `call` never sees it.
   */
  readonly acceptsUnresolved?: boolean;
  /** Checks an argument written as a literal, at parse time: a problem, or null. */
  checkLiteral?(index: number, value: string): string | null;
  /** The result; null means "no value" and renders as an unresolved reference. */
  call(args: readonly ArgumentValue[]): string | null;
}

/** The argument as text; unset and absent both read as "". */
export function textArg(args: readonly ArgumentValue[], index: number): string {
  return args[index] ?? "";
}

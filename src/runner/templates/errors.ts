// The three ways a message template fails: it cannot be parsed (a bundle
// problem, found at load time), a variable it reads is unset while unresolved
// variables are not ignored (Apigee's steps.*.UnresolvedVariable), or a
// function rejects its input at run time (a bad hex key, a time that is not a
// number).

/** Where in the template text a problem is: 1-based line and column. */
export interface TextPosition {
  line: number;
  column: number;
}

export function positionAt(text: string, offset: number): TextPosition {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

export class TemplateSyntaxError extends Error {
  readonly line: number;
  readonly column: number;

  constructor(problem: string, text: string, offset: number) {
    const at = positionAt(text, offset);
    super(`${problem} (${at.line > 1 ? `line ${at.line}, ` : ""}column ${at.column})`);
    this.name = "TemplateSyntaxError";
    this.line = at.line;
    this.column = at.column;
  }
}

export class UnresolvedVariableError extends Error {
  constructor(readonly variable: string) {
    // Apigee's own wording, so fault messages match what clients see there.
    super(`Unresolved variable : ${variable}`);
    this.name = "UnresolvedVariableError";
  }
}

/** A template function given input it cannot work with, found while rendering. */
export class TemplateFunctionError extends Error {
  constructor(readonly functionName: string, problem: string) {
    super(`${functionName}(): ${problem}`);
    this.name = "TemplateFunctionError";
  }
}

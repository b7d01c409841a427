// What a rule reports, before apigeelint or the lint command formats it.

export interface RuleFinding {
  ruleId: string;
  /** Absolute path of the file the finding is in. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  message: string;
  /** Overrides the rule's severity for this finding (1 warning, 2 error). */
  severity?: 1 | 2;
}

export interface TextPosition {
  line: number;
  column: number;
}

/** 1-based line and column of a character offset. */
export function positionAt(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

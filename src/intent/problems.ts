// Problems found in an intent file. Validation collects every problem and
// throws once at the end, so one run shows the user everything to fix.

import { UserError } from "../common/user-error";

export interface IntentProblem {
  file: string;
  /** 1-based; 0 when the problem concerns the whole file (e.g. it cannot be read). */
  line: number;
  /** 1-based; 0 when line is 0. */
  column: number;
  /** Where in the intent, e.g. "proxies.reports.quota"; "" for the file itself. */
  path: string;
  /** What was wrong, what was expected, and how to fix it. */
  message: string;
}

/** A field path: keys and sequence indexes from the document root. */
export type FieldPath = readonly (string | number)[];

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** "proxies.reports.quota", "environments[1]", `proxies["v1.files"].access`. */
export function formatPath(path: FieldPath): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) text += text === "" ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

export function formatProblem(problem: IntentProblem): string {
  const where = problem.line > 0 ? `${problem.file}:${problem.line}:${problem.column}` : problem.file;
  return problem.path === "" ? `${where}: ${problem.message}` : `${where}: ${problem.path}: ${problem.message}`;
}

/**
 * Thrown by parseIntent and loadIntentFile with every problem found. A
 * UserError, so the CLI prints the message (one line per problem) without a
 * stack trace.
 */
export class IntentError extends UserError {
  readonly problems: IntentProblem[];

  constructor(problems: IntentProblem[]) {
    super(problems.map(formatProblem).join("\n"));
    this.name = "IntentError";
    this.problems = problems;
  }
}

/** Collects problems in file order. */
export class ProblemList {
  private readonly items: IntentProblem[] = [];

  add(problem: IntentProblem): void {
    this.items.push(problem);
  }

  get count(): number {
    return this.items.length;
  }

  /** In file order (line, then column), keeping the order found for ties. */
  sorted(): IntentProblem[] {
    return this.items
      .map((problem, index) => ({ problem, index }))
      .sort((a, b) => a.problem.line - b.problem.line || a.problem.column - b.problem.column || a.index - b.index)
      .map((entry) => entry.problem);
  }
}

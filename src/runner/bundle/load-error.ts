/** A problem in a bundle, at a file and line. */
export interface LoadProblem {
  file: string;
  line: number;
  message: string;
}

/** Everything wrong with a bundle, found in one pass, reported together. */
export class BundleLoadError extends Error {
  constructor(readonly problems: LoadProblem[]) {
    super(problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join("\n"));
    this.name = "BundleLoadError";
  }
}

/** Collects problems while a bundle loads; `check()` throws them all at the end. */
export class ProblemList {
  readonly problems: LoadProblem[] = [];

  add(file: string, line: number, message: string): void {
    this.problems.push({ file, line, message });
  }

  check(): void {
    if (this.problems.length) throw new BundleLoadError(this.problems);
  }
}

/** A problem found in a callout, located in the TypeScript source where possible. */
export interface Finding {
  file: string;
  line: number;
  column: number;
  message: string;
}

export function formatFinding(f: Finding): string {
  return `${f.file}:${f.line}:${f.column}: error: ${f.message}`;
}

export class CalloutBuildError extends Error {
  constructor(readonly findings: Finding[]) {
    super(findings.map(formatFinding).join("\n"));
    this.name = "CalloutBuildError";
  }
}

import * as fs from "node:fs";
import * as path from "node:path";
import { parse, ParseError, printParseErrorCode } from "jsonc-parser";
import { UserError } from "./user-error";

/** Where a command line's files come from: its working directory, and its standard input for "-" (default: the process's). */
export interface FileSource {
  cwd: string;
  readStdin?(): string;
}

/**
 * Reads and parses a JSON file ("-" for stdin), with errors naming file, line
 * and column as given; relative to `from.cwd` when given.
 */
export function readJsonFile(file: string, from?: FileSource): unknown {
  let text: string;
  try {
    if (file === "-") text = from?.readStdin ? from.readStdin() : fs.readFileSync(0, "utf8");
    else text = fs.readFileSync(from ? path.resolve(from.cwd, file) : file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(`cannot read ${file}: ${code === "ENOENT" ? "no such file" : (e as Error).message}`);
  }
  const errors: ParseError[] = [];
  const value = parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length) {
    const first = errors[0];
    throw new UserError(`${file}${lineAndColumn(text, first.offset)}: not valid JSON: ${describe(printParseErrorCode(first.error))}`);
  }
  return value;
}

/** "PropertyNameExpected" -> "property name expected". */
function describe(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split("\n");
  return `:${before.length}:${before[before.length - 1].length + 1}`;
}

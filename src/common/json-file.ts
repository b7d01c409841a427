import * as fs from "node:fs";
import { parse, ParseError, printParseErrorCode } from "jsonc-parser";
import { UserError } from "./user-error";

/** Reads and parses a JSON file ("-" for stdin), with errors naming file, line and column. */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file === "-" ? 0 : file, "utf8");
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

// The command line takes its output, working directory, environment,
// terminal flags, standard input and Ctrl-C from the CliIo it is given
// (src/cli/io.ts), so that tests can run every command in-process, several at
// once. Only processIo() and run(), what bin/apigee-aws.js calls, touch the
// process.

import * as fs from "node:fs";
import * as path from "node:path";
import { packageRoot } from "../../src/common/paths";

const CLI = path.join(packageRoot(), "src/cli");
const PROCESS = /\bprocess\.(stdout|stderr|stdin|cwd|env|on|once|off|exit|exitCode|argv|chdir)\b/g;

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : []));
}

/** The code of `file` that may use the process: processIo() in io.ts, run() and what follows it in main.ts. */
function allowed(file: string, text: string): string {
  const rel = path.relative(CLI, file);
  if (rel === "io.ts") return text.slice(text.indexOf("export function processIo("), text.indexOf("export function pathIn("));
  if (rel === "main.ts") return text.slice(text.indexOf("export function run("));
  return "";
}

test("no command reaches for the process's streams, directory or environment", () => {
  const uses = files(CLI).flatMap((file) => {
    const text = fs.readFileSync(file, "utf8");
    const rest = text.replace(allowed(file, text), "").replace(/^\s*\/\/.*$/gm, "");
    return [...rest.matchAll(PROCESS)].map((m) => `${path.relative(packageRoot(), file)}: ${m[0]}`);
  });
  expect(uses).toEqual([]);
});

// Type-checks a Rhino-side TypeScript project (lib: ES5 plus Apigee's globals),
// so a built-in that Apigee's Rhino lacks fails the build with the file, line
// and name: "Property 'padStart' does not exist on type ...".

import { spawnSync } from "node:child_process";
import * as path from "node:path";

/** tsc's diagnostics for the project, or [] when it type-checks. */
export function typecheckProject(root: string, tsconfig: string): string[] {
  const tsc = path.join(root, "node_modules/.bin/tsc");
  const run = spawnSync(tsc, ["-p", tsconfig, "--pretty", "false"], { cwd: root, encoding: "utf8" });
  if (run.error) throw run.error;
  if (run.status === 0) return [];
  return `${run.stdout}${run.stderr}`.split("\n").filter((line) => line.trim() !== "");
}

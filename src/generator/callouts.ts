// The built callouts a bundle carries in resources/jsc/: `npm run build`
// writes them to lib/callouts/ from src/callouts/.

import * as fs from "node:fs";
import * as path from "node:path";
import { libDir } from "../common/paths";
import { GeneratorError } from "./errors";

/** File name ("s3-key.js") → built JavaScript. */
export type BuiltCallouts = { [name: string]: string };

/** Every built callout in `dir` (default lib/callouts). */
export function readBuiltCallouts(dir: string = path.join(libDir(), "callouts")): BuiltCallouts {
  if (!fs.existsSync(dir)) throw new GeneratorError(`${dir} does not exist: run \`npm run build\` to build the callouts`);
  const out: BuiltCallouts = {};
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith(".js")).sort()) out[f] = fs.readFileSync(path.join(dir, f), "utf8");
  return out;
}

export function calloutSource(callouts: BuiltCallouts, name: string): string {
  const source = Object.prototype.hasOwnProperty.call(callouts, name) ? callouts[name] : undefined;
  if (source === undefined) {
    throw new GeneratorError(`the callout ${name} was not provided: run \`npm run build\` and pass lib/callouts/*.js (have: ${Object.keys(callouts).sort().join(", ") || "none"})`);
  }
  return source;
}

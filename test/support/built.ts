import * as fs from "node:fs";
import * as path from "node:path";
import { libDir } from "../../src/common/paths";

/** Tests that run built scripts need `npm run build` first (npm test does it). */
export function requireBuilt(...names: string[]): void {
  for (const name of names) {
    const file = path.join(libDir(), name);
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first (npm test does)`);
  }
}

import * as fs from "node:fs";
import * as path from "node:path";

/** The apigee-aws checkout or installed package: the folder holding its package.json. */
export function packageRoot(): string {
  let dir = __dirname;
  for (;;) {
    const manifest = path.join(dir, "package.json");
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, "utf8")).name === "apigee-aws") return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`apigee-aws: cannot find the package root above ${__dirname}`);
    dir = parent;
  }
}

/** Build output that is not kept in git: the CLI, the Rhino host, callouts for tests. */
export function libDir(): string {
  return path.join(packageRoot(), "lib");
}

// Where the built apigeelint plugins live and what their files are called.
// apigeelint loads external plugins named EX-<id>-<name>.js from the folder
// given to -x, and skips files that start with "_", which is where the rules
// themselves go (one library every plugin requires), and the worker process
// that runs apigeelint's linter with them (apigeelint-worker.ts).

import * as fs from "node:fs";
import * as path from "node:path";
import { libDir } from "../../common/paths";
import { PROJECT_RULES } from "./index";
import type { LintRule } from "./rule";

/** The folder under lib/ that `npm run build` writes the plugins to. */
export const PLUGINS_FOLDER = "apigeelint-plugins";

/** Every rule with its dependencies, bundled once (apigeelint-plugin.ts). */
export const LIBRARY_FILE = "_apigee-aws-rules.js";

/** The apigeelint worker `apigee-aws lint` forks (src/lint/apigeelint-worker.ts), built beside the plugins it loads. */
export const WORKER_FILE = "_apigeelint-worker.js";

/** apigeelint loads only external plugin files named like this (bundleLinter.js, externalPluginFileRe). */
export function pluginFileName(rule: Pick<LintRule, "id" | "name">): string {
  return `EX-${rule.id}-${rule.name}.js`;
}

/** The folder of built CommonJS plugins to pass to `apigeelint -x`. */
export function apigeelintPluginsDir(): string {
  return path.join(libDir(), PLUGINS_FOLDER);
}

/** The built worker, lib/apigeelint-plugins/_apigeelint-worker.js. */
export function apigeelintWorkerFile(): string {
  return path.join(apigeelintPluginsDir(), WORKER_FILE);
}

/**
 * The plugins once `npm run build` has built them. While the project has no
 * rules the folder may be absent; once it has rules, a missing folder means
 * a broken install, not a clean bundle.
 */
export function projectPluginsDir(): string | undefined {
  const dir = apigeelintPluginsDir();
  if (fs.existsSync(dir)) return dir;
  if (PROJECT_RULES.length > 0) throw new Error(`the project's apigeelint plugins are missing (${dir}); run \`npm run build\` in the apigee-aws package`);
  return undefined;
}

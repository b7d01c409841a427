// `npm run example`, the README's main job: builds the starter intent
// (templates/s3-read.yaml) into dist/ and lints every bundle it wrote with
// the pinned apigeelint (profile apigeex). TD002 (use a TargetServer) and
// TD007 (no TrustStore) are left out: a generated target is the bucket's own
// AWS endpoint, whose certificate chains to public roots (see
// src/generator/README.md).

import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { packageRoot } from "../common/paths";
import { runApigeelint } from "../lint/apigeelint";

const root = packageRoot();
const build = spawnSync(process.execPath, [path.join(root, "bin/apigee-aws.js"), "build", path.join(root, "templates/s3-read.yaml"), "--out", "dist"], { stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);

const bundles = ["proxies", "sharedflows"].flatMap((kind) =>
  fs
    .readdirSync(path.join("dist", kind), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => path.join("dist", kind, e.name, kind === "proxies" ? "apiproxy" : "sharedflowbundle"))
);
let findings = 0;
for (const bundle of bundles) {
  const messages = runApigeelint(bundle, ["-e", "TD002,TD007"]);
  findings += messages.length;
  process.stdout.write(`apigeelint ${bundle}: ${messages.length ? `${messages.length} findings` : "clean"}\n`);
  for (const m of messages) process.stdout.write(`  ${path.relative(process.cwd(), m.file)}:${m.line}:${m.column} ${m.ruleId} ${m.message}\n`);
}
process.exit(findings ? 1 : 0);

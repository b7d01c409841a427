#!/usr/bin/env node
// The CLI is TypeScript built into lib/cli.js by `npm run build` (run by `npm ci`).
const path = require("node:path");
const fs = require("node:fs");
const cli = path.join(__dirname, "..", "lib", "cli.js");
if (!fs.existsSync(cli)) {
  process.stderr.write("apigee-aws: lib/cli.js is missing; run `npm run build` in " + path.dirname(__dirname) + "\n");
  process.exit(1);
}
require(cli);

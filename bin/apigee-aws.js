#!/usr/bin/env node
// The apigee-aws command. npm links it as node_modules/.bin/apigee-aws (a
// symlink, or a shim on Windows), so it runs the CLI unconditionally rather
// than guessing from process.argv[1] whether it was invoked as a program.
// Anything that stops the CLI from starting exits 2 with one line saying why.
"use strict";

const path = require("node:path");

function cannotStart(message) {
  process.stderr.write(`apigee-aws: ${message}\n`);
  process.exit(2);
}

const major = Number(process.versions.node.split(".")[0]);
if (major < 20) cannotStart(`needs Node.js 20 or later; this is Node.js ${process.versions.node}.`);

const cliFile = path.join(__dirname, "..", "lib", "cli.js");
let cli;
try {
  if (process.env.APIGEE_AWS_DEBUG) process.setSourceMapsEnabled(true);
  cli = require(cliFile);
} catch (e) {
  // "Cannot find module 'X'" names what is missing: the CLI itself, or a dependency it requires.
  const missing = e && e.code === "MODULE_NOT_FOUND" ? /Cannot find module '([^']+)'/.exec(String(e.message)) : null;
  if (missing && path.resolve(missing[1]) === cliFile) {
    cannotStart(`${cliFile} is missing. In a checkout, run \`npm ci\` (or \`npm run build\`); an installed package always has it, so reinstall it.`);
  }
  if (missing) cannotStart(`cannot load ${missing[1]}, which it needs; reinstall apigee-aws (npm i apigee-aws) so its dependencies are installed.`);
  cannotStart(`cannot start: ${e && e.message ? e.message : e}`);
}
cli.run(process.argv.slice(2));

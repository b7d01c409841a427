// `apigee-aws sign --request FILE [--engine node|rhino]`: the canonical request,
// string to sign and signature for requests that AWS rejected with
// SignatureDoesNotMatch, computed by the same code that runs in Apigee.

import { Command, Option } from "commander";
import { UserError } from "../../common/user-error";
import { signInNode } from "../../sign/node-engine";
import { signInRhino } from "../../sign/rhino-engine";
import { parseSignRequests, SignSpecError } from "../../sign/sign-spec";
import { readJsonFile } from "../../common/json-file";
import type { CliIo } from "../io";

export function signCommand(io: CliIo): Command {
  return new Command("sign")
    .description("show how SigV4 signs one request or an array of them (JSON in, JSON out)")
    .requiredOption("--request <file>", 'request file: {method, url, headers, body?, service, region, credentials, date, presign?}, or an array; "-" for stdin')
    .addOption(new Option("--engine <engine>", "sign in Node, or run the shipped callout in Rhino as Apigee would").choices(["node", "rhino"]).default("node"))
    .addHelpText("after", "\nExample request file:\n" + EXAMPLE)
    .action(async (options: { request: string; engine: "node" | "rhino" }) => {
      let parsed;
      try {
        parsed = parseSignRequests(readJsonFile(options.request, io));
      } catch (e) {
        if (e instanceof SignSpecError) throw new UserError(`${options.request}: invalid request:\n  ${e.problems.join("\n  ")}`);
        throw e;
      }
      const outputs = options.engine === "rhino" ? await signInRhino(parsed.specs, "compiled", io.env) : parsed.specs.map(signInNode);
      io.stdout(JSON.stringify(parsed.isArray ? outputs : outputs[0], null, 2) + "\n");
    });
}

const EXAMPLE = `  {
    "method": "GET",
    "url": "https://acme-artifacts.s3.us-east-1.amazonaws.com/builds/app%201.zip",
    "headers": {"host": "acme-artifacts.s3.us-east-1.amazonaws.com"},
    "service": "s3",
    "region": "us-east-1",
    "credentials": {"accessKeyId": "ASIA...", "secretAccessKey": "...", "sessionToken": "..."},
    "date": "2026-11-23T10:00:00Z"
  }`;

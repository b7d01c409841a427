// `apigee-aws explain [intent] [--proxy NAME] [--env NAME] [--format text|json]`:
// the whole request path of each proxy in plain words, from the caller to
// AWS, with the AWS side read from the documents `apigee-aws build` writes.

import { Command, Option } from "commander";
import * as fs from "node:fs";
import { UserError } from "../../common/user-error";
import { emittedDocuments } from "../../explain/emitted";
import { explainPlan } from "../../explain/facts";
import { renderJson } from "../../explain/render-json";
import { renderText } from "../../explain/render-text";
import { planIntentFile } from "../../plan";
import { readUniqueIds } from "../../plan/unique-ids";
import { pathIn, type CliIo } from "../io";
import { printWarnings } from "../warnings";

const DEFAULT_INTENT = "apigee-aws.yaml";

interface ExplainOptions {
  proxy?: string;
  env?: string;
  format: "text" | "json";
  ids?: string;
}

export function explainCommand(io: CliIo): Command {
  return new Command("explain")
    .description("say in plain words who may call each proxy, how, within which limits, and which AWS role, trust conditions and permissions it uses per environment")
    .argument("[intent]", `the intent file (default ${DEFAULT_INTENT})`)
    .option("--proxy <name>", "explain only this proxy")
    .option("--env <name>", "explain only this environment")
    .addOption(new Option("--format <format>", "text for people, json for tools").choices(["text", "json"]).default("text"))
    .option("--ids <file>", "the service accounts' unique IDs, as build --ids takes them")
    .action((intentFile: string | undefined, options: ExplainOptions) => {
      const file = intentFile ?? DEFAULT_INTENT;
      if (!intentFile && !fs.existsSync(pathIn(io, file))) throw new UserError(`no intent file given and no ${DEFAULT_INTENT} here; create one with apigee-aws init (apigee-aws init --list shows the templates), or pass the intent file to explain`);
      const plan = planIntentFile(file, { cwd: io.cwd, uniqueIds: options.ids === undefined ? {} : readUniqueIds(pathIn(io, options.ids)) });
      printWarnings(plan, io);
      const explanation = explainPlan(plan, emittedDocuments(plan), { proxy: options.proxy, env: options.env });
      io.stdout(options.format === "json" ? renderJson(explanation) : renderText(explanation));
    });
}

// `apigee-aws init [--template NAME] [--out FILE] [--force] [--list]`: a
// starter intent from the package's templates/, with its schema line
// pointing at the package's schema from wherever the file is written.

import { Command } from "commander";
import * as fs from "node:fs";
import * as path from "node:path";
import { writeFileAtomic } from "../../common/atomic-write";
import { packageRoot } from "../../common/paths";
import { UserError } from "../../common/user-error";
import { didYouMean } from "../../intent/did-you-mean";
import { pathIn, type CliIo } from "../io";

const DEFAULT_TEMPLATE = "s3-read";
/** `apigee-aws build` and `explain` read this file when given none. */
const DEFAULT_OUT = "apigee-aws.yaml";
const SCHEMA_LINE = /^# yaml-language-server: \$schema=.*$/m;
/** The templates tell a reader to repoint the schema line by hand; init does that, so the advice goes. */
const SCHEMA_ADVICE = /^# \(In a project that installs apigee-aws[^)]*\)[^\n]*\n/m;
const CHANGE_MARK = /#\s*CHANGE\b/;

interface InitOptions {
  template: string;
  out: string;
  force?: boolean;
  list?: boolean;
}

interface Template {
  name: string;
  description: string;
  file: string;
}

export function initCommand(io: CliIo): Command {
  return new Command("init")
    .description(`write a starter intent file from a template (default ${DEFAULT_TEMPLATE}) to edit, explain and build`)
    .option("--template <name>", "the template to start from (--list shows them)", DEFAULT_TEMPLATE)
    .option("--out <file>", "where to write the intent", DEFAULT_OUT)
    .option("--force", "overwrite the file if it exists")
    .option("--list", "list the templates and write nothing")
    .action((options: InitOptions) => {
      const templates = readTemplates();
      if (options.list) {
        io.stdout(listing(templates));
        return;
      }
      const template = findTemplate(templates, options.template);
      const out = pathIn(io, options.out);
      checkWritable(out, options.out, options.force === true);
      const text = withSchemaLine(fs.readFileSync(template.file, "utf8"), out);
      writeFileAtomic(out, text);
      io.stdout(nextSteps(template, options.out, text));
    });
}

function templatesDir(): string {
  return path.join(packageRoot(), "templates");
}

function readTemplates(): Template[] {
  return fs
    .readdirSync(templatesDir())
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => {
      const file = path.join(templatesDir(), f);
      return { name: f.slice(0, -".yaml".length), description: description(fs.readFileSync(file, "utf8")), file };
    });
}

/** The first comment line that says something: not the schema line, not an empty "#". */
function description(text: string): string {
  for (const line of text.split("\n")) {
    if (!line.startsWith("#")) continue;
    const words = line.replace(/^#\s*/, "").trim();
    if (words !== "" && !SCHEMA_LINE.test(line)) return words;
  }
  return "";
}

function listing(templates: Template[]): string {
  const width = Math.max(...templates.map((t) => t.name.length));
  const lines = templates.map((t) => `${t.name.padEnd(width)}  ${t.description}${t.name === DEFAULT_TEMPLATE ? " (default)" : ""}`);
  return `${lines.join("\n")}\n`;
}

function findTemplate(templates: Template[], written: string): Template {
  const name = written.replace(/\.yaml$/, "");
  const template = templates.find((t) => t.name === name);
  if (template) return template;
  const names = templates.map((t) => t.name);
  throw new UserError(`there is no template "${written}".${didYouMean(name, names)} Templates: ${names.join(", ")} (apigee-aws init --list describes them).`);
}

/** `file` is where to write; `out` the --out the user gave, for messages. */
function checkWritable(file: string, out: string, force: boolean): void {
  if (!fs.existsSync(file)) return;
  if (fs.statSync(file).isDirectory()) throw new UserError(`${out} is a folder; give --out a file name, e.g. --out ${path.join(out, DEFAULT_OUT)}`);
  if (!force) throw new UserError(`${out} already exists; not overwriting it. Pass --force to replace it, or --out to write somewhere else.`);
}

/** The schema line with a path from the output file's folder to the package's schema, which is what the YAML language server resolves. */
function withSchemaLine(text: string, file: string): string {
  const schema = path.join(packageRoot(), "schema", "intent.schema.json");
  const relative = path.relative(path.dirname(file), schema).split(path.sep).join("/");
  const line = `# yaml-language-server: $schema=${relative}`;
  const body = text.replace(SCHEMA_ADVICE, "");
  return SCHEMA_LINE.test(body) ? body.replace(SCHEMA_LINE, line) : `${line}\n${body}`;
}

function nextSteps(template: Template, out: string, text: string): string {
  const changes = text.split("\n").filter((l) => CHANGE_MARK.test(l)).length;
  const file = out === DEFAULT_OUT ? "" : ` ${out}`;
  const edit =
    changes > 0
      ? `Edit the ${changes} lines marked CHANGE in ${out}: your AWS account and region, the bucket, the Apigee runtime service account and the JWT issuer.`
      : `Edit ${out}: put in your own values and delete the proxies and options you do not need.`;
  return [
    `wrote ${out} from template ${template.name}: ${template.description}`,
    "Next:",
    `  1. ${edit}`,
    `  2. apigee-aws explain${file}   says who may call each proxy and what its AWS roles allow`,
    `  3. apigee-aws build${file}     writes the bundles, property sets and IAM documents to dist/`,
    ""
  ].join("\n");
}

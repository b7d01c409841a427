// Everything the generator and the shared flows emit is documented for Apigee
// X: each element path, attribute, template function and transport property
// in fresh builds of the starter intents, in sharedflows/, policies/ and
// apiproxy/ has a row in docs/runner.md's table, with its Apigee X source. The
// inventory is computed here on every run, so a new emission fails until it
// is documented (or stopped).

import * as fs from "node:fs";
import * as path from "node:path";
import { packageRoot } from "../../src/common/paths";
import { buildOutput } from "../../src/output/build-output";
import { planIntentFile } from "../../src/plan";
import { bundleXmlUnder, Emissions, inventory, isBundleXml } from "../support/emissions";

const ROOT = packageRoot();
const DOC = "docs/runner.md";
const SECTION = "## What the generator and shared flows emit, and where Apigee X documents it";
const KINDS = ["element", "function", "property"] as const;
const STATUSES = ["X doc", "X doc (scraped)", "SECONDARY"];
const ADVICE = "document it in docs/runner.md with its Apigee X source or stop emitting it";

type Kind = (typeof KINDS)[number];

interface Row {
  kind: Kind;
  name: string;
  attributes: string[];
  status: string;
  source: string;
  line: number;
}

/** The table's rows, and what is wrong with any of them. */
export function readTable(markdown: string): { rows: Row[]; problems: string[] } {
  const lines = markdown.split("\n");
  const start = lines.indexOf(SECTION);
  if (start < 0) return { rows: [], problems: [`${DOC} has no section "${SECTION.slice(3)}"`] };
  const rows: Row[] = [];
  const problems: string[] = [];
  for (let i = start + 1; i < lines.length && !lines[i].startsWith("## "); i++) {
    const line = lines[i];
    if (!/^\| (element|function|property) \|/.test(line)) continue;
    const cells = line.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim());
    const at = `${DOC}:${i + 1}`;
    if (cells.length !== 5) {
      problems.push(`${at}: a row has ${cells.length} cells, not 5 (kind, emitted, attributes, status, source)`);
      continue;
    }
    const [kind, emitted, attributes, status, source] = cells;
    const name = /^`([^`]+)`$/.exec(emitted)?.[1];
    if (!name) problems.push(`${at}: the emitted cell must be one \`code\` span, not ${emitted}`);
    if (!STATUSES.includes(status)) problems.push(`${at}: status "${status}" is not one of ${STATUSES.join(", ")}`);
    if (!/\]\(https:\/\/[^)]+\)|^as `[^`]+`/.test(source)) problems.push(`${at}: the source names no page ([title](https://...)) and refers to no other row (as \`...\`)`);
    rows.push({ kind: kind as Kind, name: name ?? emitted, attributes: [...attributes.matchAll(/`([^`]+)`/g)].map((m) => m[1]), status, source, line: i + 1 });
  }
  const seen = new Set<string>();
  for (const row of rows) {
    const key = `${row.kind} ${row.name}`;
    if (seen.has(key)) problems.push(`${DOC}:${row.line}: ${key} has a second row`);
    seen.add(key);
    const ref = /^as `([^`]+)`/.exec(row.source)?.[1];
    if (ref && !rows.some((r) => r.name === ref || r.name.endsWith(`/${ref}`))) problems.push(`${DOC}:${row.line}: its source refers to \`${ref}\`, which has no row`);
  }
  if (!rows.length) problems.push(`${DOC}: the section "${SECTION.slice(3)}" has no table rows`);
  return { rows, problems };
}

const where = (files: Set<string>) => {
  const list = [...files];
  return list.slice(0, 3).join(", ") + (list.length > 3 ? ` and ${list.length - 3} more` : "");
};

/** One message per emission the table does not document. */
export function undocumented(emissions: Emissions, rows: Row[]): string[] {
  const row = (kind: Kind, name: string) => rows.find((r) => r.kind === kind && r.name === name);
  const missing = (what: string, files: Set<string>) => `${what} (emitted in ${where(files)}) is not in ${DOC}'s table "${SECTION.slice(3)}": ${ADVICE}`;
  const out: string[] = [];
  for (const [name, entry] of emissions.elements) {
    const r = row("element", name);
    if (!r) {
      out.push(missing(`element ${name}`, entry.where));
      continue;
    }
    for (const [attribute, files] of entry.attributes) if (!r.attributes.includes(attribute)) out.push(missing(`attribute ${attribute} of element ${name}`, files));
  }
  for (const [name, files] of emissions.functions) if (!row("function", name)) out.push(missing(`template function ${name}()`, files));
  for (const [name, files] of emissions.properties) if (!row("property", name)) out.push(missing(`transport property ${name}`, files));
  return out;
}

function emitted(): Emissions {
  const files: [string, string][] = [];
  for (const template of ["full", "s3-read"]) {
    for (const [rel, content] of buildOutput(planIntentFile(path.join(ROOT, "templates", `${template}.yaml`)))) {
      if (isBundleXml(rel)) files.push([`templates/${template}.yaml → ${rel}`, content.toString("utf8")]);
    }
  }
  for (const folder of ["sharedflows", "policies", "apiproxy"]) files.push(...bundleXmlUnder(ROOT, folder));
  return inventory(files);
}

const table = readTable(fs.readFileSync(path.join(ROOT, DOC), "utf8"));
const emissions = emitted();

test(`the table in ${DOC} is well-formed: kind, one emitted name, attributes, a known status, a source`, () => {
  expect(table.problems).toEqual([]);
});

test("every element path and attribute, template function and transport property emitted has a row with its Apigee X source", () => {
  expect(emissions.elements.size).toBeGreaterThan(100);
  expect([...emissions.functions.keys()].sort()).toEqual(expect.arrayContaining(["hmacSha256", "replaceFirst"]));
  expect(undocumented(emissions, table.rows)).toEqual([]);
});

test("every template that calls a function parses with the runner's parser: documented functions, documented literal arguments", () => {
  expect(emissions.templateProblems).toEqual([]);
});

test("no string literal in a template function holds a character the template reference says to avoid (':', '/', '\\', ' ')", () => {
  // "Avoid special characters, such as ':', '/', '\', ' ', in string literals. ... If a string
  // literal requires special characters, assign the value to a variable" (message-template-intro).
  const offending = [...emissions.literals].filter(([literal]) => /[:/\\ ]/.test(literal)).map(([literal, files]) => `'${literal}' in ${where(files)}`);
  expect(offending).toEqual([]);
});

describe("the check itself", () => {
  const fixture: [string, string][] = [
    [
      "policies/AM-Test.xml",
      `<AssignMessage name="AM-Test" colour="red"><Set><Bogus/><Payload contentType="text/plain">{sha1Hex(a)}</Payload></Set></AssignMessage>`
    ],
    ["apiproxy/targets/t.xml", `<TargetEndpoint name="t"><HTTPTargetConnection><Properties><Property name="made.up">1</Property></Properties></HTTPTargetConnection></TargetEndpoint>`]
  ];

  test("names each undocumented element, attribute, function and property, where it is emitted, and what to do", () => {
    const messages = undocumented(inventory(fixture), table.rows);
    const tail = `is not in ${DOC}'s table "What the generator and shared flows emit, and where Apigee X documents it": ${ADVICE}`;
    expect(messages).toEqual(
      expect.arrayContaining([
        `attribute colour of element AssignMessage (emitted in policies/AM-Test.xml) ${tail}`,
        `element AssignMessage/Set/Bogus (emitted in policies/AM-Test.xml) ${tail}`,
        `template function sha1Hex() (emitted in policies/AM-Test.xml <AssignMessage/Set/Payload>) ${tail}`,
        `transport property TargetEndpoint: made.up (emitted in apiproxy/targets/t.xml) ${tail}`
      ])
    );
    expect(messages).toHaveLength(4);
  });

  test("a template the runner refuses, such as an hmac key encoding Apigee does not document, is reported", () => {
    const found = inventory([["policies/AM-H.xml", `<AssignMessage name="AM-H"><AssignVariable><Name>k</Name><Template>{hmacSha256(key,msg,'utf8','hex')}</Template></AssignVariable></AssignMessage>`]]);
    expect(found.templateProblems).toEqual([
      expect.stringContaining(`policies/AM-H.xml <AssignMessage/AssignVariable/Template>: hmacSha256(): key encoding "utf8" is not one Apigee documents: hex, base16, base64, utf-8`)
    ]);
  });

  test("a malformed row is reported with its line", () => {
    const md = `${SECTION}\n\n| kind | emitted | attributes | status | Apigee X source |\n| --- | --- | --- | --- | --- |\n| element | \`A\` | — | maybe | somewhere |\n`;
    expect(readTable(md).problems).toEqual([
      `${DOC}:5: status "maybe" is not one of X doc, X doc (scraped), SECONDARY`,
      `${DOC}:5: the source names no page ([title](https://...)) and refers to no other row (as \`...\`)`
    ]);
  });
});

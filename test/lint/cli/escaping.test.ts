// Paths and messages with characters that mean something in a format:
// GitHub workflow commands (%, CR, LF; and , : in properties), XML (& < >),
// URIs (SARIF). Through the CLI with a folder named to break each, and the
// annotation encoder on its own for CR and LF, which no path holds.

import * as fs from "node:fs";
import * as path from "node:path";
import { annotation } from "../../../src/lint/formats/github";
import { requireBuilt } from "../../support/built";
import { junitDocument, parseAnnotations, SarifLog, sarifSchemaErrors } from "./formats-read";
import { copyFixture, runCliIn, tempDir } from "./support";

const ODD = "we,ird:dir%&<x>";

test("an annotation escapes % CR LF in the message, and , : as well in properties", () => {
  const line = annotation({ ruleId: "AA-INTENT", severity: "error", message: "100% sure:\r\nline two, really", file: "a,b:c%/x.yaml", line: 3, column: 7, bundle: "" });
  expect(line).toBe("::error file=a%2Cb%3Ac%25/x.yaml,line=3,col=7,title=AA-INTENT::100%25 sure:%0D%0Aline two, really (AA-INTENT)");
  expect(parseAnnotations(line)).toEqual([{ level: "error", props: { file: "a,b:c%/x.yaml", line: "3", col: "7", title: "AA-INTENT" }, message: "100% sure:\r\nline two, really (AA-INTENT)" }]);
});

describe("a bundle in a folder named " + JSON.stringify(ODD), () => {
  let dir: string;
  let stdout: string;
  const target = `${ODD}/apiproxy/targets/default.xml`;

  beforeAll(async () => {
    requireBuilt("cli.js");
    dir = tempDir("escaping");
    copyFixture("clean", path.join(dir, ODD));
    const run = await runCliIn(dir, ["lint", ODD, "--include-all", "--format", "github", "--report", "junit=lint.xml", "--report", "sarif=lint.sarif"]);
    expect(run.status).toBe(0);
    stdout = run.stdout;
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("github: the file property is escaped and reads back as the path", () => {
    expect(stdout).toContain("::warning file=we%2Cird%3Adir%25&<x>/apiproxy/targets/default.xml,line=");
    const annotations = parseAnnotations(stdout);
    expect(annotations.map((a) => a.props.file)).toEqual([target, target]);
    expect(annotations.find((a) => a.props.title === "TD002")?.message).toMatch(/^TargetEndpoint \(default\) is using URL \(https:\/\/example\.com\/\), using a Target Server/);
  });

  test("junit: still well-formed XML, with the path intact", () => {
    const doc = junitDocument(fs.readFileSync(path.join(dir, "lint.xml"), "utf8"));
    expect(Array.from(doc.getElementsByTagName("testsuite")).map((s) => s.getAttribute("name"))).toEqual([`${ODD}/apiproxy`]);
    expect(Array.from(doc.getElementsByTagName("testcase")).map((c) => c.getAttribute("classname"))).toEqual([target, target]);
  });

  test("sarif: the URI is percent-encoded, valid, and decodes to the path", () => {
    const log = JSON.parse(fs.readFileSync(path.join(dir, "lint.sarif"), "utf8")) as SarifLog;
    expect(sarifSchemaErrors(log)).toEqual([]);
    const uris = log.runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri);
    expect(uris[0]).toBe("we%2Cird%3Adir%25%26%3Cx%3E/apiproxy/targets/default.xml");
    expect(uris.map(decodeURIComponent)).toEqual([target, target]);
  });
});

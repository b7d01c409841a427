// policies/ holds the policies that are the same in every bundle. Each file is
// in the form the generator writes, so a bundle's copy is byte for byte the
// file; every file is used; and a broken or misnamed file is refused with its path.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { buildOutput } from "../../src/output/build-output";
import { GeneratorError } from "../../src/generator/errors";
import { fixedPoliciesDir, fixedPolicy, loadFixedPolicy, parsePolicyXml } from "../../src/generator/fixed-policies";
import { renderXml } from "../../src/generator/xml";
import { planIntentFile } from "../../src/plan";
import { packageRoot } from "../../src/common/paths";

const names = fs
  .readdirSync(fixedPoliciesDir())
  .filter((f) => f.endsWith(".xml"))
  .map((f) => f.slice(0, -4))
  .sort();
const full = buildOutput(planIntentFile(path.join(packageRoot(), "templates/full.yaml")));

test("policies/ holds the twelve fixed policies", () => {
  expect(names).toEqual([
    "AM-CallerToken",
    "AM-Problem-TooManyRequests",
    "AM-Problem-Unexpected",
    "AM-S3-Problem",
    "AM-S3-RequestId",
    "AM-S3-RetryAfter",
    "AM-S3-TargetUrl",
    "AM-SecurityHeaders",
    "JS-S3-Error",
    "JS-S3-StripResponseHeaders",
    "RF-S3-InvalidRequest",
    "SC-AwsCredentials-GenerateIdToken"
  ]);
});

test.each(names)("%s is in the generator's written form, so the bundles' copies equal the file", (name) => {
  const text = fs.readFileSync(path.join(fixedPoliciesDir(), `${name}.xml`), "utf8");
  expect(renderXml(fixedPolicy(name).element)).toBe(text);
  const copies = [...full].filter(([rel]) => rel.endsWith(`/apiproxy/policies/${name}.xml`));
  expect(copies.length).toBeGreaterThan(0);
  for (const [rel, content] of copies) expect([rel, content.toString("utf8")]).toEqual([rel, text]);
});

test("a JavaScript policy's script is known from its ResourceURL", () => {
  expect(fixedPolicy("JS-S3-Error").scripts).toEqual(["s3-error.js"]);
  expect(fixedPolicy("AM-S3-Problem").scripts).toEqual([]);
});

describe("refusals name the file", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "apigee-aws-fixed-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("a missing file", () => {
    expect(() => loadFixedPolicy(dir, "AM-Nothing")).toThrow(GeneratorError);
    expect(() => loadFixedPolicy(dir, "AM-Nothing")).toThrow(`${path.join(dir, "AM-Nothing.xml")} is missing`);
  });

  test("a name attribute that is not the file's name", () => {
    fs.writeFileSync(path.join(dir, "AM-A.xml"), '<AssignMessage name="AM-B"/>');
    expect(() => loadFixedPolicy(dir, "AM-A")).toThrow(/AM-A.xml: the policy's name attribute is "AM-B"; it must be "AM-A"/);
  });

  test("XML that is not well-formed", () => {
    expect(() => parsePolicyXml("<AssignMessage name='x'><Set></AssignMessage>", "p.xml")).toThrow(/p.xml: not well-formed XML/);
  });
});

// What the runner refuses to load: every problem, with file and line, at once.

import * as fs from "node:fs";
import * as path from "node:path";
import { zipSync } from "fflate";
import { writeProxy, writeSharedFlow } from "../support/bundle-fixtures";
import { Runner } from "../../src/runner/runner";
import { BundleLoadError } from "../../src/runner/bundle/load-error";

const start = (bundles: string[]) => Runner.start({ bundles, environment: { name: "test" } });

async function problemsOf(bundles: string[]): Promise<string[]> {
  try {
    const r = await start(bundles);
    await r.close();
  } catch (e) {
    if (e instanceof BundleLoadError) return e.problems.map((p) => `${path.basename(p.file)}:${p.line}: ${p.message}`);
    throw e;
  }
  throw new Error("expected the bundles to be rejected");
}

test("an unknown policy type, element or attribute is a load error naming file and line", async () => {
  const proxy = writeProxy("bad", {
    basePath: "/bad",
    policies: {
      Weird: `<OAuthV2 name="Weird"/>`,
      Assign: `<AssignMessage name="Assign">\n  <Set>\n    <Bogus/>\n  </Set>\n</AssignMessage>`,
      Js: `<Javascript name="Js" timeLimit="100" colour="red"><ResourceURL>jsc://a.js</ResourceURL></Javascript>`
    },
    scripts: { "a.js": "1;" },
    request: ["Weird", "Assign", "Js"]
  });
  const problems = await problemsOf([proxy]);
  expect(problems).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^Weird\.xml:1: policy type <OAuthV2> is not supported by the runner \(supported: .*AssignMessage/),
      expect.stringMatching(/^Assign\.xml:3: <Set> has an element <Bogus> the runner does not support/),
      expect.stringMatching(/^Js\.xml:1: <Javascript> has an attribute colour="\.\.\." the runner does not support/)
    ])
  );
});

test("a bad condition is a load error with the condition text", async () => {
  const proxy = writeProxy("badcond", {
    basePath: "/badcond",
    policies: { A: `<AssignMessage name="A"/>` },
    request: ["<Step><Name>A</Name><Condition>request.verb = = \"GET\"</Condition></Step>"]
  });
  const problems = await problemsOf([proxy]);
  expect(problems.some((p) => /^default\.xml:\d+: invalid condition "request\.verb = = \\?"GET\\?""/.test(p))).toBe(true);
});

test("broken references: a step without a policy, a route to a missing target, a missing script, a missing shared flow", async () => {
  const proxy = writeProxy("refs", {
    basePath: "/refs",
    targetUrl: "http://127.0.0.1:9",
    policies: {
      Js: `<Javascript name="Js" timeLimit="100"><ResourceURL>jsc://missing.js</ResourceURL></Javascript>`,
      Call: `<FlowCallout name="Call"><SharedFlowBundle>nowhere</SharedFlowBundle></FlowCallout>`
    },
    request: ["Js", "Ghost"]
  });
  const xml = fs.readFileSync(`${proxy}/proxies/default.xml`, "utf8");
  fs.writeFileSync(`${proxy}/proxies/default.xml`, xml.replace("<TargetEndpoint>default</TargetEndpoint>", "<TargetEndpoint>elsewhere</TargetEndpoint>"));
  const problems = await problemsOf([proxy]);
  expect(problems).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^default\.xml:\d+: step "Ghost" names no policy in policies\/ \(known: Call, Js\)/),
      expect.stringMatching(/^default\.xml:\d+: RouteRule "default" names TargetEndpoint "elsewhere", which is not in targets\//),
      expect.stringMatching(/^Js\.xml:1: resource jsc:\/\/missing\.js is not in resources\/jsc\//)
    ])
  );
  fs.writeFileSync(`${proxy}/proxies/default.xml`, xml.replace("<Step><Name>Ghost</Name></Step>", ""));
  fs.rmSync(`${proxy}/policies/Js.xml`);
  fs.writeFileSync(`${proxy}/proxies/default.xml`, fs.readFileSync(`${proxy}/proxies/default.xml`, "utf8").replace("<Step><Name>Js</Name></Step>", ""));
  expect(await problemsOf([proxy])).toEqual([expect.stringMatching(/^Call\.xml:1: FlowCallout calls shared flow "nowhere", which is not among the loaded bundles/)]);
});

test("two proxies with one base path cannot be deployed together", async () => {
  const a = writeProxy("a", { basePath: "/same" });
  const b = writeProxy("b", { basePath: "/same" });
  expect(await problemsOf([a, b])).toEqual([expect.stringMatching(/^default\.xml:1: BasePath \/same is also used by/)]);
});

test("malformed XML names the file and line", async () => {
  const proxy = writeProxy("malformed", { basePath: "/m", policies: { A: `<AssignMessage name="A">\n<Set>\n</AssignMessage>` } });
  expect((await problemsOf([proxy]))[0]).toMatch(/^A\.xml:\d+: not well-formed XML/);
});

test("bundles load from zips too, and a policy name must match its file", async () => {
  const shared = writeSharedFlow("zipped", ["Mismatch"], { Mismatch: `<AssignMessage name="Other"/>` });
  const files: Record<string, Uint8Array> = {};
  const walk = (dir: string, prefix: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(dir, e.name), `${prefix}${e.name}/`);
      else files[`${prefix}${e.name}`] = fs.readFileSync(path.join(dir, e.name));
    }
  };
  walk(shared, "sharedflowbundle/");
  const zip = path.join(path.dirname(shared), "zipped.zip");
  fs.writeFileSync(zip, zipSync(files));
  const problems = await problemsOf([zip]);
  expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/^Mismatch\.xml:1: policy name "Other" does not match its file name/)]));
});

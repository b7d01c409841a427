// src/bundle: bundle XML with line numbers, a bundle's files from a folder or
// zip, and the facts its readers share.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { flowCalloutTarget, jscResources, readDescriptor, usesGoogleAuthentication } from "../../src/bundle/facts";
import { belowRoot, descriptorPaths, entriesOutside, readBundleFiles, withRoot } from "../../src/bundle/files";
import { attribute, childAt, childElements, childText, contentPosition, descendants, firstChild, lineOf, ownText, parseXml, positionOf, trimmedOwnText, type Element } from "../../src/bundle/xml";
import { zipBundle } from "../../src/common/bundle-zip";
import { writeFileTree } from "../../src/common/file-tree";

function root(xml: string): Element {
  const parsed = parseXml(xml);
  if (!parsed.root) throw new Error(parsed.problem.message);
  return parsed.root;
}

describe("bundle XML", () => {
  test("elements keep their line; children, descendants, attributes and text by name", () => {
    const policy = root(`<FlowCallout name="FC">\n  <Parameters>\n    <Parameter name="a">1</Parameter>\n    <Parameter name="b" ref="x"/>\n  </Parameters>\n  <SharedFlowBundle> flow </SharedFlowBundle>\n</FlowCallout>`);
    expect(childElements(policy).map((e) => e.tagName)).toEqual(["Parameters", "SharedFlowBundle"]);
    const parameters = descendants(policy, "Parameter");
    expect(parameters.map(lineOf)).toEqual([3, 4]);
    expect(parameters.map((p) => attribute(p, "ref"))).toEqual([null, "x"]);
    expect(childText(policy, "SharedFlowBundle")).toBe("flow");
    expect(childText(policy, "Missing")).toBeNull();
  });

  test("positions: an element at its <, character content where it starts (inside a CDATA section)", () => {
    const policy = root(`<Javascript name="JS">\n  <Source>  a()</Source>\n  <Source><![CDATA[b()]]></Source>\n  <Source/>\n</Javascript>`);
    const [text, cdata, empty] = childElements(policy, "Source");
    expect(positionOf(text)).toEqual({ line: 2, column: 3 });
    expect(contentPosition(text)).toEqual({ line: 2, column: 11 });
    expect(contentPosition(cdata)).toEqual({ line: 3, column: 20 });
    expect(contentPosition(empty)).toEqual({ line: 4, column: 3 });
  });

  test("own text joins text and CDATA children, leaves out nested elements' and comments; a path of children", () => {
    const el = root("<Name> my<!-- c -->.secret<b>nested</b><![CDATA[Token ]]></Name>");
    expect(ownText(el)).toBe(" my.secretToken ");
    expect(trimmedOwnText(el)).toBe("my.secretToken");
    expect(trimmedOwnText(null)).toBe("");
    const target = root("<TargetEndpoint><HTTPTargetConnection><URL> https://x </URL></HTTPTargetConnection></TargetEndpoint>");
    expect(trimmedOwnText(childAt(target, ["HTTPTargetConnection", "URL"]))).toBe("https://x");
    expect(childAt(target, ["HTTPTargetConnection", "SSLInfo", "Enabled"])).toBeNull();
    expect(firstChild(null, "URL")).toBeNull();
  });

  test("text that is not well-formed XML is a problem at its line (the unclosed <Set>), not an exception", () => {
    expect(parseXml("<AssignMessage>\n<Set>\n</AssignMessage>")).toEqual({ problem: { message: expect.stringContaining("mismatch"), line: 2 } });
    expect(parseXml("").problem).toBeDefined();
  });
});

describe("bundle files", () => {
  const files = new Map([
    ["apiproxy/p.xml", Buffer.from('<APIProxy name="p"/>')],
    ["apiproxy/policies/A.xml", Buffer.from("<AssignMessage/>")]
  ]);

  test("a folder, the folder holding it, or a zip give the same files below the root", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bundle-files-"));
    writeFileTree(dir, files);
    const zip = path.join(dir, "p.zip");
    fs.writeFileSync(zip, zipBundle(files));
    for (const location of [path.join(dir, "apiproxy"), dir, zip]) {
      const bundle = readBundleFiles(location);
      expect([bundle.root, [...bundle.files.keys()]]).toEqual(["apiproxy", ["p.xml", "policies/A.xml"]]);
      expect(withRoot(bundle)).toEqual(files);
      expect(descriptorPaths(bundle)).toEqual(["p.xml"]);
    }
  });

  test("zip entries outside the root are named; below the root they lose it", () => {
    const mixed = new Map([...files, ["sharedflowbundle/s.xml", Buffer.from("<SharedFlowBundle/>")]]);
    expect(entriesOutside(mixed.keys(), "apiproxy")).toEqual(["sharedflowbundle/s.xml"]);
    expect([...belowRoot(mixed, "apiproxy").keys()]).toEqual(["p.xml", "policies/A.xml"]);
  });
});

describe("bundle facts", () => {
  test("the descriptor: root element, name, description as written, policies in order", () => {
    const descriptor = readDescriptor(root('<APIProxy name="p">\n  <Description>a &amp; b</Description>\n  <Policies>\n    <Policy>B</Policy>\n    <Policy>A</Policy>\n  </Policies>\n</APIProxy>'));
    expect(descriptor).toEqual({ element: "APIProxy", name: "p", description: "a & b", policies: ["B", "A"] });
    expect(readDescriptor(root("<SharedFlowBundle/>"))).toEqual({ element: "SharedFlowBundle", name: null, description: "", policies: [] });
  });

  test("a FlowCallout's shared flow; other policies call none", () => {
    expect(flowCalloutTarget(root("<FlowCallout><SharedFlowBundle>aws-sigv4</SharedFlowBundle></FlowCallout>"))).toBe("aws-sigv4");
    expect(flowCalloutTarget(root("<FlowCallout><SharedFlowBundle/></FlowCallout>"))).toBeNull();
    expect(flowCalloutTarget(root("<ServiceCallout><SharedFlowBundle>x</SharedFlowBundle></ServiceCallout>"))).toBeNull();
  });

  test("jsc:// resources and Google authentication", () => {
    expect(jscResources(root("<Javascript><IncludeURL>jsc://lib.js</IncludeURL><ResourceURL>jsc://main.js</ResourceURL></Javascript>"))).toEqual(["lib.js", "main.js"]);
    expect(jscResources(root("<Javascript><ResourceURL>py://main.py</ResourceURL></Javascript>"))).toEqual([]);
    expect(usesGoogleAuthentication(root("<TargetEndpoint><HTTPTargetConnection><Authentication><GoogleIDToken/></Authentication></HTTPTargetConnection></TargetEndpoint>"))).toBe(true);
    expect(usesGoogleAuthentication(root("<Authentication/>"))).toBe(true);
    expect(usesGoogleAuthentication(root("<TargetEndpoint/>"))).toBe(false);
  });
});

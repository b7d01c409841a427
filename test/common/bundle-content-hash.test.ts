// The content hash a deploy recognises revisions by: stable under file order,
// sensitive to every byte and path, blind to its own marker; and the marker
// edit, which must keep every other byte of the descriptor.

import fc from "fast-check";
import * as path from "node:path";
import { readFileTree } from "../../src/common/file-tree";
import { bundleContentHash, canonicalDescriptor, contentHashMarker, recordedContentHash, withContentHash } from "../../src/common/bundle-content-hash";
import { buildDist } from "../deploy/support/dist-fixture";

const H1 = "a".repeat(64);
const H2 = "0123456789abcdef".repeat(4);

const descriptor = (description: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<APIProxy name="p">\n  <DisplayName>p</DisplayName>\n  ${description}\n  <Policies/>\n</APIProxy>\n`;

function bundle(desc = "<Description>reads s3</Description>"): Map<string, Buffer> {
  return new Map([
    ["apiproxy/p.xml", Buffer.from(descriptor(desc))],
    ["apiproxy/policies/A.xml", Buffer.from("<AssignMessage name='A'/>")],
    ["apiproxy/resources/jsc/a.js", Buffer.from("var a = 1;")]
  ]);
}

let dist: string;
beforeAll(() => {
  dist = buildDist();
});

describe("bundleContentHash", () => {
  test("is a sha256 hex digest that does not depend on the order files are listed in", () => {
    const files = bundle();
    const reversed = new Map([...files].reverse());
    expect(bundleContentHash(files)).toMatch(/^[0-9a-f]{64}$/);
    expect(bundleContentHash(reversed)).toBe(bundleContentHash(files));
  });

  test("changes with any byte, any path, and when content moves from one file to the next", () => {
    const base = bundleContentHash(bundle());
    const byte = bundle();
    byte.set("apiproxy/resources/jsc/a.js", Buffer.from("var a = 2;"));
    const renamed = bundle();
    renamed.set("apiproxy/resources/jsc/b.js", renamed.get("apiproxy/resources/jsc/a.js")!);
    renamed.delete("apiproxy/resources/jsc/a.js");
    const added = bundle();
    added.set("apiproxy/resources/jsc/extra.js", Buffer.alloc(0));
    // Same concatenated bytes, split differently between two files: the lengths keep them apart.
    const split = (a: string, b: string) => new Map([["apiproxy/x", Buffer.from(a)], ["apiproxy/y", Buffer.from(b)]]);
    for (const other of [byte, renamed, added]) expect(bundleContentHash(other)).not.toBe(base);
    expect(bundleContentHash(split("ab", "c"))).not.toBe(bundleContentHash(split("a", "bc")));
  });

  test("a description edit changes the hash; recording the hash in it does not", () => {
    const base = bundle();
    const hash = bundleContentHash(base);
    const stamped = new Map(base);
    stamped.set("apiproxy/p.xml", Buffer.from(withContentHash(base.get("apiproxy/p.xml")!.toString(), hash)));
    expect(bundleContentHash(stamped)).toBe(hash);
    expect(bundleContentHash(bundle("<Description>reads s4</Description>"))).not.toBe(hash);
  });

  test("the marker is ignored only in the descriptor, not in other files", () => {
    const base = bundle();
    const withMarkerInPolicy = new Map(base);
    withMarkerInPolicy.set("apiproxy/policies/A.xml", Buffer.from(`<AssignMessage name='A'/> ${contentHashMarker(H1)}`));
    expect(bundleContentHash(withMarkerInPolicy)).not.toBe(bundleContentHash(base));
  });

  test("stamping every bundle that build writes keeps its hash", () => {
    for (const [folder, root] of [["proxies/artifacts", "apiproxy"], ["sharedflows/aws-credentials", "sharedflowbundle"], ["sharedflows/aws-sigv4", "sharedflowbundle"]]) {
      const files = new Map([...readFileTree(path.join(dist, folder, root))].map(([rel, c]) => [`${root}/${rel}`, c]));
      const name = path.basename(folder);
      const hash = bundleContentHash(files);
      const stamped = new Map(files);
      stamped.set(`${root}/${name}.xml`, Buffer.from(withContentHash(files.get(`${root}/${name}.xml`)!.toString(), hash)));
      expect(recordedContentHash(stamped.get(`${root}/${name}.xml`)!.toString())).toBe(hash);
      expect(bundleContentHash(stamped)).toBe(hash);
    }
  });
});

describe("withContentHash and recordedContentHash", () => {
  test("append the marker to the description and keep every other byte", () => {
    const xml = descriptor("<Description>reads s3</Description>");
    const stamped = withContentHash(xml, H1);
    expect(stamped).toBe(xml.replace("reads s3</Description>", `reads s3 [apigee-aws content sha256:${H1}]</Description>`));
    expect(recordedContentHash(stamped)).toBe(H1);
    expect(recordedContentHash(xml)).toBeUndefined();
  });

  test("replace an earlier marker instead of adding a second", () => {
    const twice = withContentHash(withContentHash(descriptor("<Description>x</Description>"), H1), H2);
    expect(recordedContentHash(twice)).toBe(H2);
    expect(twice.match(/apigee-aws content/g)).toHaveLength(1);
  });

  test("fill an empty or self-closing Description and add one where there is none", () => {
    expect(withContentHash(descriptor("<Description></Description>"), H1)).toContain(`<Description>${contentHashMarker(H1)}</Description>`);
    expect(withContentHash(descriptor("<Description/>"), H1)).toContain(`<Description>${contentHashMarker(H1)}</Description>`);
    const none = `<SharedFlowBundle revision="1" name="sf">\n  <DisplayName>sf</DisplayName>\n</SharedFlowBundle>`;
    const added = withContentHash(none, H1);
    expect(added).toBe(`<SharedFlowBundle revision="1" name="sf">\n  <Description>${contentHashMarker(H1)}</Description>\n  <DisplayName>sf</DisplayName>\n</SharedFlowBundle>`);
    for (const original of [descriptor("<Description></Description>"), descriptor("<Description/>"), none]) {
      expect(canonicalDescriptor(withContentHash(original, H1))).toBe(canonicalDescriptor(original));
    }
  });

  test("refuse what is not a descriptor or not a digest", () => {
    expect(() => withContentHash("<Policy/>", H1)).toThrow(/not an APIProxy or SharedFlowBundle descriptor/);
    expect(() => withContentHash(descriptor("<Description>x</Description>"), "abc")).toThrow(/not a sha256/);
  });

  test("for any description text, stamping round-trips and never changes the canonical form", () => {
    const text = fc.string({ maxLength: 40 }).filter((s) => !/[<>&\r]/.test(s) && !s.includes("[apigee-aws"));
    const hex = fc.stringMatching(/^[0-9a-f]{64}$/);
    fc.assert(
      fc.property(text, hex, hex, (description, h, h2) => {
        const xml = descriptor(`<Description>${description}</Description>`);
        const stamped = withContentHash(xml, h);
        expect(recordedContentHash(stamped)).toBe(h);
        expect(canonicalDescriptor(stamped)).toBe(canonicalDescriptor(xml));
        expect(recordedContentHash(withContentHash(stamped, h2))).toBe(h2);
      }),
      { numRuns: 200 }
    );
  });
});

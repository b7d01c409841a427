// The same suites, signed by the shipped signing callouts running in Rhino at
// language version 0, interpreted and compiled.

import { RHINO_MODES } from "../../src/rhino/rhino-host";
import { RhinoSigner, startRhinoSigner } from "../../src/sign/rhino-engine";
import { requireBuilt } from "../support/built";
import { awsCAuthCases, botocoreCases, s3Examples } from "../support/vectors";

const cases = [
  ...botocoreCases().map((c) => ({ ...c, name: `botocore ${c.name}` })),
  ...awsCAuthCases().map((c) => ({ ...c, name: `aws-c-auth ${c.name}` })),
  ...s3Examples().map((c) => ({ ...c, name: `s3 ${c.name}` }))
];

describe.each(RHINO_MODES)("Rhino %s", (mode) => {
  let signer: RhinoSigner;
  beforeAll(async () => {
    requireBuilt("callouts/sigv4-sign.js", "callouts/sigv4-presign.js", "rhino-host.js");
    signer = await startRhinoSigner(mode);
  });
  afterAll(() => signer?.close());

  it("covers every case", () => expect(cases).toHaveLength(34 + 76 + 6));

  it.each(cases.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const out = await signer.sign(c.spec);
    expect(out.canonicalRequest).toBe(c.expected.canonicalRequest);
    expect(out.stringToSign).toBe(c.expected.stringToSign);
    expect(out.signature).toBe(c.expected.signature);
    if (c.expected.authorization) expect(out.headers!.authorization).toBe(c.expected.authorization);
    if (c.expected.url) expect(out.url).toBe(c.expected.url);
  });
});

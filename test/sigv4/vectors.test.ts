// AWS's own SigV4 suites and the S3 documentation examples, signed in Node by
// the code the callouts are built from.

import { deriveSigningKey } from "../../src/sigv4/signing-key";
import { chunkSignature } from "../../src/sigv4/chunk-signature";
import { credentialScope } from "../../src/sigv4/sign-request";
import { signInNode } from "../../src/sign/node-engine";
import { awsCAuthCases, botocoreCases, s3Examples, VectorCase } from "../support/vectors";

function expectMatches(c: VectorCase): void {
  const out = signInNode(c.spec);
  expect(out.canonicalRequest).toBe(c.expected.canonicalRequest);
  expect(out.stringToSign).toBe(c.expected.stringToSign);
  expect(out.signature).toBe(c.expected.signature);
  if (c.expected.authorization) expect(out.headers!.authorization).toBe(c.expected.authorization);
}

describe("AWS SigV4 test suite (botocore copy)", () => {
  const cases = botocoreCases();
  it("has all 34 cases", () => expect(cases).toHaveLength(34));
  it.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => expectMatches(c));
});

describe("aws-c-auth signing suite, header and presigned forms", () => {
  const cases = awsCAuthCases();
  it("has 38 cases in two forms", () => expect(cases).toHaveLength(76));
  it.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => expectMatches(c));
});

describe("S3 API Reference examples", () => {
  const examples = s3Examples();
  it("has all 6 examples", () => expect(examples).toHaveLength(6));
  it.each(examples.map((e) => [e.name, e] as const))("%s", (_name, e) => {
    const out = signInNode(e.spec);
    expect(out.canonicalRequest).toBe(e.expected.canonicalRequest);
    expect(out.stringToSign).toBe(e.expected.stringToSign);
    expect(out.signature).toBe(e.expected.signature);
    if (e.expected.url) expect(out.url).toBe(e.expected.url);
  });

  it("chains the aws-chunked upload's chunk signatures from the seed", () => {
    const e = examples.find((x) => x.chunks)!;
    const key = deriveSigningKey(e.spec.credentials.secretAccessKey, e.spec.amzDate.slice(0, 8), e.spec.region, e.spec.service);
    const scope = credentialScope(e.spec.amzDate, e.spec.region, e.spec.service);
    let previous = signInNode(e.spec).signature;
    const signatures = e.chunks!.map((chunk) => (previous = chunkSignature(key, e.spec.amzDate, scope, previous, chunk)));
    expect(signatures).toEqual(e.expected.chunkSignatures);
  });
});

// The repository's apiproxy/ is the bundle the README's example intent
// generates for its one-line S3 proxy, byte for byte. After changing the
// generator, the callouts or the README's intent, run `npm run sync-apiproxy`.

import { compareOutputFolder } from "../../src/output/output-folder";
import { parseIntent } from "../../src/intent";
import { exampleProxyDir, exampleProxyFiles, readmeIntentText } from "../../src/toolchain/example-proxy";
import { requireBuilt } from "../support/built";

beforeAll(() => requireBuilt("callouts/s3-key.js"));

test("the README's intent builds, with its three one-line proxies", () => {
  const intent = parseIntent(readmeIntentText(), "README.md");
  expect(intent.proxies.map((p) => `${p.name} ${p.target.kind === "s3" ? `s3://${p.target.bucket}/${p.target.prefix}` : ""} ${p.access}`)).toEqual([
    "artifacts s3://acme-artifacts/builds/ read",
    "uploads s3://acme-uploads/incoming/ write",
    "reports s3://acme-reports/ read-write"
  ]);
});

test("apiproxy/ is what the README's intent builds for proxies/artifacts (run npm run sync-apiproxy if not)", () => {
  const files = exampleProxyFiles();
  expect(files.has("artifacts.xml")).toBe(true);
  expect(files.has("resources/jsc/s3-key.js")).toBe(true);
  expect(compareOutputFolder(exampleProxyDir(), files)).toEqual({ missing: [], changed: [], extra: [] });
});

// The repository's apiproxy/ is the bundle the README's intent generates for
// its one-line S3 proxy, byte for byte. After changing the generator, the
// callouts or templates/s3-read.yaml, run `npm run sync-apiproxy`.

import { compareOutputFolder } from "../../src/build/output-folder";
import { exampleProxyDir, exampleProxyFiles } from "../../src/toolchain/example-proxy";
import { requireBuilt } from "../support/built";

beforeAll(() => requireBuilt("callouts/s3-key.js"));

test("apiproxy/ is what templates/s3-read.yaml builds for proxies/artifacts (run npm run sync-apiproxy if not)", () => {
  const files = exampleProxyFiles();
  expect(files.has("artifacts.xml")).toBe(true);
  expect(files.has("resources/jsc/s3-key.js")).toBe(true);
  expect(compareOutputFolder(exampleProxyDir(), files)).toEqual({ missing: [], changed: [], extra: [] });
});

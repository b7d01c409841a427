// The whole output for one small intent, compared byte for byte with the
// files committed under test/iam/golden/ (the same relative paths).
// After an intended change, regenerate them and review the diff:
//   UPDATE_GOLDEN=1 npx jest test/iam/golden.test.ts

import * as fs from "node:fs";
import * as path from "node:path";
import { readFileTree, writeFileTree } from "../../src/common/file-tree";
import { awsDocuments, smallIntent } from "./fixtures";

const GOLDEN = path.join(__dirname, "golden");
const REGENERATE = "UPDATE_GOLDEN=1 npx jest test/iam/golden.test.ts";

function goldenFiles(): Map<string, string> {
  return new Map([...readFileTree(GOLDEN)].map(([rel, content]) => [rel, content.toString("utf8")]));
}

function writeGolden(files: Map<string, string>): void {
  fs.rmSync(GOLDEN, { recursive: true, force: true });
  writeFileTree(GOLDEN, files);
}

/** The first differing line of each file that differs, with the regenerate command. */
function differences(expected: Map<string, string>, actual: Map<string, string>): string[] {
  const problems: string[] = [];
  for (const file of [...new Set([...expected.keys(), ...actual.keys()])].sort()) {
    const want = expected.get(file);
    const got = actual.get(file);
    if (want === undefined) problems.push(`${file}: generated but not in golden/`);
    else if (got === undefined) problems.push(`${file}: in golden/ but no longer generated`);
    else if (want !== got) {
      const a = want.split("\n");
      const b = got.split("\n");
      const line = a.findIndex((l, i) => l !== b[i]);
      const at = line < 0 ? b.length : line;
      problems.push(`${file}:${at + 1}: golden ${JSON.stringify(a[at])}, generated ${JSON.stringify(b[at])}`);
    }
  }
  return problems;
}

test("the small intent's documents match test/iam/golden/ byte for byte", () => {
  const actual = awsDocuments(smallIntent());
  if (process.env.UPDATE_GOLDEN === "1") writeGolden(actual);
  const problems = differences(goldenFiles(), actual);
  if (problems.length > 0) {
    throw new Error(`The generated AWS documents differ from the golden files:\n  ${problems.join("\n  ")}\nIf the change is intended, regenerate them with\n  ${REGENERATE}\nand review the diff of test/iam/golden/ before committing.`);
  }
  expect(goldenFiles().size).toBe(actual.size);
});

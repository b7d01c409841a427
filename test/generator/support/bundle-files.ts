// Writing a generated bundle to a temporary folder, for the runner and apigeelint.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** Writes the files under a new temporary folder; returns the apiproxy/ folder. */
export function writeGenerated(files: Map<string, Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "apigee-aws-generated-"));
  for (const [rel, content] of files) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  return path.join(dir, "apiproxy");
}

/** Java .properties text → key/value pairs (the subset environmentPropertySet writes: comments, key=value, backslash escapes). */
export function parseProperties(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const unescape = (s: string) =>
    s.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_m, e: string) => (e.length === 5 ? String.fromCharCode(parseInt(e.slice(1), 16)) : ({ n: "\n", r: "\r", t: "\t" } as Record<string, string>)[e] ?? e));
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#") || line.startsWith("!")) continue;
    const at = line.search(/(^|[^\\])=/);
    const split = at < 0 ? -1 : line[at] === "=" ? at : at + 1;
    if (split < 0) throw new Error(`not a key=value line: ${line}`);
    out[unescape(line.slice(0, split))] = unescape(line.slice(split + 1));
  }
  return out;
}

// Java .properties text, as Apigee property-set files hold it: `key=value`
// lines, `#`/`!` comments, backslash escapes. Read by `apigee-aws dev` for the
// property sets `apigee-aws build` writes.

import { UserError } from "./user-error";

const ESCAPES: Record<string, string> = { n: "\n", r: "\r", t: "\t" };

function unescape(s: string): string {
  return s.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_m, e: string) => (e.length === 5 ? String.fromCharCode(parseInt(e.slice(1), 16)) : ESCAPES[e] ?? e));
}

/** Key → value; a line that is not `key=value` is an error naming `file` and the line. */
export function parseProperties(text: string, file = "properties"): Record<string, string> {
  const out: Record<string, string> = {};
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/^\s+/, "");
    if (line === "" || line.startsWith("#") || line.startsWith("!")) return;
    // The first "=" that is not escaped separates key and value.
    const at = line.search(/(^|[^\\])=/);
    const split = at < 0 ? -1 : line[at] === "=" ? at : at + 1;
    if (split < 0) throw new UserError(`${file}:${i + 1}: expected key=value, got "${raw}"`);
    out[unescape(line.slice(0, split).trim())] = unescape(line.slice(split + 1).trim());
  });
  return out;
}

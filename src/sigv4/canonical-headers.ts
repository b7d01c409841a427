// Canonical headers: names lowercased and sorted; values trimmed with inner
// whitespace runs (including folded lines) collapsed to one space; repeated
// names joined with "," in arrival order.

import type { HeaderList } from "../flow/message";

export interface CanonicalHeaders {
  /** Sorted lowercase names, joined with ";" for SignedHeaders. */
  signedHeaders: string;
  /** "name:value\n" per header. */
  block: string;
}

// Most values (dates, hashes, session tokens) need no change. indexOf runs
// natively in Rhino; a regular expression over a 1 KB session token does not.
function isCanonical(value: string): boolean {
  var last = value.length - 1;
  return (
    value.indexOf("  ") < 0 &&
    value.indexOf("\t") < 0 &&
    value.indexOf("\n") < 0 &&
    value.indexOf("\r") < 0 &&
    (last < 0 || (value.charAt(0) !== " " && value.charAt(last) !== " "))
  );
}

export function canonicalHeaderValue(value: string): string {
  if (isCanonical(value)) return value;
  return value.replace(/[\r\n]+/g, " ").replace(/[ \t]+/g, " ").replace(/^ | $/g, "");
}

export function canonicalHeaders(headers: HeaderList, include: (lowerName: string) => boolean): CanonicalHeaders {
  var values: { [name: string]: string[] } = {};
  var names: string[] = [];
  for (var i = 0; i < headers.length; i++) {
    var name = headers[i][0].toLowerCase();
    if (!include(name)) continue;
    if (!Object.prototype.hasOwnProperty.call(values, name)) {
      values[name] = [];
      names.push(name);
    }
    values[name].push(canonicalHeaderValue(headers[i][1]));
  }
  names.sort();
  var block = "";
  for (i = 0; i < names.length; i++) block += names[i] + ":" + values[names[i]].join(",") + "\n";
  return { signedHeaders: names.join(";"), block: block };
}

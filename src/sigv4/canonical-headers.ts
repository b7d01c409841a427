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

export function canonicalHeaderValue(value: string): string {
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

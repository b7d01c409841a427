// Escaping functions. Apigee documents escapeXML11's ranges in the words of
// Apache Commons Text's StringEscapeUtils, so these follow that library's
// escapeJson, escapeXml10, escapeXml11 and escapeHtml4.

import { TemplateFunction, textArg } from "./function-types";
import { HTML4_ENTITIES } from "./html-entities";

const BASIC_XML: { [ch: string]: string } = { '"': "&quot;", "&": "&amp;", "<": "&lt;", ">": "&gt;" };
const JSON_ESCAPES: { [ch: string]: string } = { '"': '\\"', "\\": "\\\\", "/": "\\/", "\b": "\\b", "\n": "\\n", "\t": "\\t", "\f": "\\f", "\r": "\\r" };

const hex4 = (code: number) => code.toString(16).toUpperCase().padStart(4, "0");

/** Quotes, backslash, slash and control characters; everything outside ASCII 32-126 as \uXXXX. */
export function escapeJson(text: string): string {
  let out = "";
  for (const ch of text) {
    if (JSON_ESCAPES[ch]) out += JSON_ESCAPES[ch];
    else if (ch.length === 2) out += `\\u${hex4(ch.charCodeAt(0))}\\u${hex4(ch.charCodeAt(1))}`;
    else {
      const code = ch.charCodeAt(0);
      out += code < 32 || code > 0x7e ? `\\u${hex4(code)}` : ch;
    }
  }
  return out;
}

const isLoneSurrogate = (ch: string) => ch.length === 1 && ch.charCodeAt(0) >= 0xd800 && ch.charCodeAt(0) <= 0xdfff;

function escapeXml(text: string, version: "1.0" | "1.1"): string {
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (BASIC_XML[ch]) out += BASIC_XML[ch];
    else if (ch === "'") out += "&apos;";
    else if (code === 0 || code === 0xfffe || code === 0xffff || isLoneSurrogate(ch)) continue;
    else if (code < 0x20 && code !== 0x9 && code !== 0xa && code !== 0xd) {
      // XML 1.0 cannot carry these at all; XML 1.1 can as character references.
      if (version === "1.1") out += `&#${code};`;
    } else if ((code >= 0x7f && code <= 0x84) || (code >= 0x86 && code <= 0x9f)) out += `&#${code};`;
    else out += ch;
  }
  return out;
}

/** escapeHtml4: the four basic entities and every HTML 4.0 named entity. */
export function escapeHtml(text: string): string {
  let out = "";
  for (const ch of text) out += BASIC_XML[ch] ?? HTML4_ENTITIES.get(ch) ?? ch;
  return out;
}

function oneArgument(name: string, apply: (text: string) => string): TemplateFunction {
  return { name, signature: `${name}(string)`, minArgs: 1, maxArgs: 1, call: (args) => apply(textArg(args, 0)) };
}

export const ESCAPE_FUNCTIONS: TemplateFunction[] = [
  oneArgument("escapeJSON", escapeJson),
  oneArgument("escapeXML", (s) => escapeXml(s, "1.0")),
  oneArgument("escapeXML11", (s) => escapeXml(s, "1.1")),
  // The function table names it encodeHTML and the example escapeHTML; accept both.
  oneArgument("escapeHTML", escapeHtml),
  oneArgument("encodeHTML", escapeHtml)
];

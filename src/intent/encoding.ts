// An intent file is UTF-8 (YAML 1.2 allows UTF-16 and UTF-32, but names and
// ARNs written from any other encoding would silently carry U+FFFD). A UTF-8
// byte-order mark is accepted and dropped; UTF-16 and UTF-32 files, with or
// without a mark, and invalid UTF-8 are refused at their first byte's line
// and column, with how to fix it.

import { IntentError } from "./problems";

const SAVE_AS_UTF8 = "save the file as UTF-8 (in most editors: File > Save with Encoding > UTF-8)";

function refuse(file: string, line: number, column: number, message: string): never {
  throw new IntentError([{ file, line, column, path: "", message }]);
}

/** The encoding a byte-order mark or a NUL pattern shows, or null when the bytes may be UTF-8. */
function wideEncoding(bytes: Buffer): string | null {
  const b = (i: number) => (i < bytes.length ? bytes[i] : -1);
  if (b(0) === 0x00 && b(1) === 0x00 && b(2) === 0xfe && b(3) === 0xff) return "UTF-32 (big-endian)";
  if (b(0) === 0xff && b(1) === 0xfe && b(2) === 0x00 && b(3) === 0x00) return "UTF-32 (little-endian)";
  if (b(0) === 0xfe && b(1) === 0xff) return "UTF-16 (big-endian)";
  if (b(0) === 0xff && b(1) === 0xfe) return "UTF-16 (little-endian)";
  // Without a mark, YAML's own rule: an ASCII first character leaves NULs next to it.
  if (b(0) === 0x00 && b(1) !== 0x00) return "UTF-16 (big-endian)";
  if (b(0) !== 0x00 && b(0) !== -1 && b(1) === 0x00) return b(2) === 0x00 ? "UTF-32 (little-endian)" : "UTF-16 (little-endian)";
  return null;
}

/** Line and column (1-based, in characters) of the byte at `offset` in valid UTF-8 before it. */
function positionOf(bytes: Buffer, offset: number): { line: number; column: number } {
  const before = bytes.subarray(0, offset).toString("utf8");
  const lineStart = before.lastIndexOf("\n") + 1;
  return { line: before.split("\n").length, column: [...before.slice(lineStart)].length + 1 };
}

/** Offset of the first byte that starts an invalid UTF-8 sequence (RFC 3629: no overlongs, no surrogates, at most U+10FFFF), or -1. */
function firstInvalidByte(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i];
    const [length, min, max] = lead < 0x80 ? [1, 0, 0] : lead >= 0xc2 && lead <= 0xdf ? [2, 0x80, 0xbf] : lead === 0xe0 ? [3, 0xa0, 0xbf] : lead === 0xed ? [3, 0x80, 0x9f] : lead >= 0xe1 && lead <= 0xef ? [3, 0x80, 0xbf] : lead === 0xf0 ? [4, 0x90, 0xbf] : lead === 0xf4 ? [4, 0x80, 0x8f] : lead >= 0xf1 && lead <= 0xf3 ? [4, 0x80, 0xbf] : [0, 0, 0];
    if (length === 0 || i + length > bytes.length) return i;
    // The second byte's range excludes overlongs and surrogates; the rest are plain continuation bytes.
    if (length > 1 && (bytes[i + 1] < min || bytes[i + 1] > max)) return i;
    for (let k = 2; k < length; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    i += length;
  }
  return -1;
}

/** The file's text, or an IntentError at the first byte that is not UTF-8. */
export function checkEncoding(bytes: Buffer, file: string): string {
  const wide = wideEncoding(bytes);
  if (wide) refuse(file, 1, 1, `the file is encoded as ${wide}; apigee-aws reads UTF-8 intents only: ${SAVE_AS_UTF8}`);
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  const offset = firstInvalidByte(body);
  if (offset < 0) return body.toString("utf8");
  const { line, column } = positionOf(body, offset);
  return refuse(file, line, column, `byte 0x${body[offset].toString(16).padStart(2, "0")} is not UTF-8 (a file saved as Latin-1 or Windows-1252?); apigee-aws reads UTF-8 intents only: ${SAVE_AS_UTF8}`);
}

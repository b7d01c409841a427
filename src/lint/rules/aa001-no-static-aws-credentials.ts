// AA001: AWS credentials written into a bundle. Three shapes:
// - access key IDs: AKIA (long-term) or ASIA (temporary) and 16 more of A-Z0-9;
// - secret access keys: exactly 40 characters of base64 next to a name that
//   says secret, with upper case, lower case and a digit or +/ (so a 40-digit
//   hex SHA-1 never matches);
// - session tokens: 100+ base64 characters next to a session/security token name.
// AWS's documentation placeholders (AKIAIOSFODNN7EXAMPLE) are reported too: a
// bundle with a place for a static key is the problem, whatever the key.

import * as fs from "node:fs";
import type { BundleModel } from "./model/bundle";
import { positionAt } from "./model/text-position";
import { defineRule, RuleFinding } from "./rule";

export type CredentialKind = "access-key-id" | "secret-access-key" | "session-token";

export interface CredentialMatch {
  kind: CredentialKind;
  /** Offset of the value in the text. */
  offset: number;
  value: string;
}

const ACCESS_KEY_ID = /(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])/g;
/** Between a name and its value: quotes, = : >, spaces, commas, and XML tags such as `</Name><Value>`. */
const SEPARATOR = String.raw`(?:[\s"'=:>,]|<\/?[A-Za-z][\w.-]*>){1,12}`;
const SECRET_NAME = String.raw`[A-Za-z0-9_.-]*secret[A-Za-z0-9_.-]*`;
const SECRET_VALUE = new RegExp(String.raw`(${SECRET_NAME})${SEPARATOR}([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])`, "gi");
const TOKEN_VALUE = new RegExp(
  String.raw`([A-Za-z0-9_.-]*(?:session|security)[_.-]?token[A-Za-z0-9_.-]*)${SEPARATOR}([A-Za-z0-9/+]{100,}={0,2})(?![A-Za-z0-9/+=])`,
  "gi"
);

function looksRandom(value: string): boolean {
  return /[A-Z]/.test(value) && /[a-z]/.test(value) && /[0-9+/]/.test(value);
}

/** Every credential-shaped value in a text, in order of offset. */
export function findCredentials(text: string): CredentialMatch[] {
  const out: CredentialMatch[] = [];
  for (const m of text.matchAll(ACCESS_KEY_ID)) {
    out.push({ kind: "access-key-id", offset: m.index!, value: m[0] });
  }
  for (const m of text.matchAll(SECRET_VALUE)) {
    const value = m[2];
    if (looksRandom(value)) out.push({ kind: "secret-access-key", offset: m.index! + m[0].length - value.length, value });
  }
  for (const m of text.matchAll(TOKEN_VALUE)) {
    const value = m[2];
    if (looksRandom(value)) out.push({ kind: "session-token", offset: m.index! + m[0].length - value.length, value });
  }
  return out.sort((a, b) => a.offset - b.offset);
}

const DESCRIPTION: Record<CredentialKind, string> = {
  "access-key-id": "an AWS access key ID",
  "secret-access-key": "what looks like an AWS secret access key",
  "session-token": "what looks like an AWS session token"
};

function redact(value: string): string {
  return value.length <= 8 ? value : `${value.slice(0, 4)}…${value.slice(-4)}`;
}

/** A file that holds a NUL byte in its first 8 KiB is binary (a JAR, an image) and is not scanned. */
function isBinary(buffer: Buffer): boolean {
  return buffer.subarray(0, 8192).includes(0);
}

export function findStaticCredentials(bundle: BundleModel, readFile: (file: string) => Buffer): RuleFinding[] {
  return bundle.files.flatMap((file) => {
    const buffer = readFile(file);
    if (isBinary(buffer)) return [];
    const text = buffer.toString("utf8");
    return findCredentials(text).map((m) => ({
      ruleId: "AA001",
      file,
      ...positionAt(text, m.offset),
      message:
        `This file holds ${DESCRIPTION[m.kind]} (${redact(m.value)}). Static AWS keys in a bundle are readable by anyone who can export it: ` +
        "delete it, deactivate the key in IAM, and get temporary credentials at runtime from the aws-credentials shared flow."
    }));
  });
}

export const rule = defineRule({
  id: "AA001",
  name: "no-static-aws-credentials",
  severity: 2,
  summary: "No AWS access key ID, secret access key or session token is written into any file of a bundle.",
  fix: "Delete the key from the bundle and deactivate it in IAM; get temporary credentials at runtime from the aws-credentials shared flow.",
  checkBundle: (bundle) => findStaticCredentials(bundle, (file) => fs.readFileSync(file))
});

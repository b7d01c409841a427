// Hash and HMAC template functions. Text is hashed as its UTF-8 bytes, as
// Apigee does; hex output is lowercase (the SigV4 chain compares it as text).

import { createHash, createHmac } from "node:crypto";
import { TemplateFunctionError } from "./errors";
import { TemplateFunction, textArg } from "./function-types";

type Digest = "md5" | "sha1" | "sha224" | "sha256" | "sha384" | "sha512";

function hashFunction(name: string, digest: Digest, output: "hex" | "base64"): TemplateFunction {
  return {
    name,
    signature: `${name}(string)`,
    minArgs: 1,
    maxArgs: 1,
    call: (args) => createHash(digest).update(textArg(args, 0), "utf8").digest(output)
  };
}

// The values Apigee documents, exactly as written: "keyencoding ... Valid values:
// hex, base16, base64, utf-8" and, for the output only, "The values are case
// insensitive" (message-template-intro, HMAC calculation functions). The key
// encodings carry no such note, so "utf8", "UTF-8" or "HEX" are refused rather
// than guessed at.
export const KEY_ENCODINGS: readonly string[] = ["hex", "base16", "base64", "utf-8"];
export const OUTPUT_ENCODINGS: readonly string[] = ["hex", "base16", "base64"];

function keyEncodingProblem(value: string): string | null {
  if (KEY_ENCODINGS.includes(value)) return null;
  const hint = KEY_ENCODINGS.includes(value.toLowerCase()) ? ` (Apigee documents only the output encoding as case-insensitive: write "${value.toLowerCase()}")` : "";
  return `key encoding "${value}" is not one Apigee documents: ${KEY_ENCODINGS.join(", ")}${hint}`;
}

function outputEncodingProblem(value: string): string | null {
  return OUTPUT_ENCODINGS.includes(value.toLowerCase()) ? null : `output encoding "${value}" is not one Apigee documents: ${OUTPUT_ENCODINGS.join(", ")} (in any case)`;
}

function decodeKey(fn: string, key: string, encoding: string): Buffer {
  switch (encoding) {
    case "hex":
    case "base16":
      if (key.length % 2 !== 0 || /[^0-9a-fA-F]/.test(key)) {
        throw new TemplateFunctionError(fn, `the key is not hex (even number of 0-9a-f characters), but the key encoding says "${encoding}"`);
      }
      return Buffer.from(key, "hex");
    case "base64":
      if (!isStrictBase64(key)) throw new TemplateFunctionError(fn, `the key is not base64, but the key encoding says "${encoding}"`);
      return Buffer.from(key, "base64");
    default:
      return Buffer.from(key, "utf8");
  }
}

/** Standard-alphabet base64; padding optional, as Java's decoder allows. */
export function isStrictBase64(text: string): boolean {
  const parts = /^([A-Za-z0-9+/]*)(=*)$/.exec(text);
  if (!parts) return false;
  const body = parts[1].length;
  const padding = parts[2].length;
  if (padding > 2 || body % 4 === 1) return false;
  return padding === 0 || (body + padding) % 4 === 0;
}

function hmacFunction(name: string, digest: Digest): TemplateFunction {
  return {
    name,
    signature: `${name}(key,valueToSign[,keyencoding[,outputencoding]])`,
    minArgs: 2,
    maxArgs: 4,
    checkLiteral: (index, value) => (index === 2 ? keyEncodingProblem(value) : index === 3 ? outputEncodingProblem(value) : null),
    call: (args) => {
      const keyEncoding = args[2] ?? "utf-8";
      const outputEncoding = args[3] ?? "base64";
      const problem = keyEncodingProblem(keyEncoding) ?? outputEncodingProblem(outputEncoding);
      if (problem) throw new TemplateFunctionError(name, problem);
      const key = decodeKey(name, textArg(args, 0), keyEncoding);
      // Java's SecretKeySpec, which Apigee's HMAC sits on, refuses an empty key.
      if (key.length === 0) throw new TemplateFunctionError(name, "the key is empty; HMAC needs at least one key byte");
      const mac = createHmac(digest, key).update(textArg(args, 1), "utf8").digest();
      return mac.toString(outputEncoding.toLowerCase() === "base64" ? "base64" : "hex");
    }
  };
}

export const HASH_FUNCTIONS: TemplateFunction[] = [
  hashFunction("md5Hex", "md5", "hex"),
  hashFunction("sha1Hex", "sha1", "hex"),
  hashFunction("sha256Hex", "sha256", "hex"),
  hashFunction("sha384Hex", "sha384", "hex"),
  hashFunction("sha512Hex", "sha512", "hex"),
  hashFunction("md5Base64", "md5", "base64"),
  hashFunction("sha1Base64", "sha1", "base64"),
  hashFunction("sha256Base64", "sha256", "base64"),
  hashFunction("sha384Base64", "sha384", "base64"),
  hashFunction("sha512Base64", "sha512", "base64"),
  hmacFunction("hmacMd5", "md5"),
  hmacFunction("hmacSha1", "sha1"),
  hmacFunction("hmacSha224", "sha224"),
  hmacFunction("hmacSha256", "sha256"),
  hmacFunction("hmacSha384", "sha384"),
  hmacFunction("hmacSha512", "sha512")
];

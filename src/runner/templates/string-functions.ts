// String, encoding, null-coalescing and random-value template functions.

import { randomBytes, randomUUID } from "node:crypto";
import { TemplateFunctionError } from "./errors";
import { isStrictBase64 } from "./hash-functions";
import { TemplateFunction, textArg } from "./function-types";
import { javaFindRegExp } from "../java-regex/pattern";
import { javaReplace } from "../java-regex/replacement";

function oneArgument(name: string, apply: (text: string) => string): TemplateFunction {
  return { name, signature: `${name}(string)`, minArgs: 1, maxArgs: 1, call: (args) => apply(textArg(args, 0)) };
}

function integerArg(fn: string, what: string, value: string): number {
  if (!/^-?\d+$/.test(value)) throw new TemplateFunctionError(fn, `${what} must be a whole number, got "${value}"`);
  return Number(value);
}

function integerLiteralProblem(what: string, value: string): string | null {
  return /^-?\d+$/.test(value) ? null : `${what} must be a whole number, got '${value}'`;
}

/**
 * Apigee's documented results (negative indexes count from the end, ranges are
 * clipped to the string) are those of commons-lang3 StringUtils.substring.
 */
export function javaSubstring(text: string, start: number, end?: number): string {
  const len = text.length;
  let from = start < 0 ? len + start : start;
  let to = end === undefined ? len : end < 0 ? len + end : end;
  if (to > len) to = len;
  if (from < 0) from = 0;
  if (to < 0) to = 0;
  return from >= to ? "" : text.substring(from, to);
}

const substring: TemplateFunction = {
  name: "substring",
  signature: "substring(str,start_index[,end_index])",
  minArgs: 2,
  maxArgs: 3,
  checkLiteral: (index, value) => (index === 1 ? integerLiteralProblem("start_index", value) : index === 2 ? integerLiteralProblem("end_index", value) : null),
  call: (args) => {
    const start = integerArg("substring", "start_index", textArg(args, 1));
    const end = args.length > 2 ? integerArg("substring", "end_index", textArg(args, 2)) : undefined;
    return javaSubstring(textArg(args, 0), start, end);
  }
};

function replaceFunction(name: string, global: boolean): TemplateFunction {
  return {
    name,
    signature: `${name}(string,regex,value)`,
    minArgs: 3,
    maxArgs: 3,
    checkLiteral: (index, value) => {
      if (index !== 1) return null;
      try {
        javaFindRegExp(value, global);
        return null;
      } catch (e) {
        return `invalid regex '${value}': ${(e as Error).message}`;
      }
    },
    call: (args) => {
      try {
        return javaReplace(textArg(args, 0), javaFindRegExp(textArg(args, 1), global), textArg(args, 2));
      } catch (e) {
        throw new TemplateFunctionError(name, (e as Error).message);
      }
    }
  };
}

/** Invalid base64 (base64url included, as Apigee documents) decodes to "". */
function decodeBase64(text: string): string {
  return isStrictBase64(text) ? Buffer.from(text, "base64").toString("utf8") : "";
}

const firstnonnull: TemplateFunction = {
  name: "firstnonnull",
  signature: "firstnonnull(var1,...,varN)",
  minArgs: 1,
  maxArgs: Number.POSITIVE_INFINITY,
  acceptsUnresolved: true,
  call: (args) => args.find((a) => a !== null) ?? null
};

const createUuid: TemplateFunction = { name: "createUuid", signature: "createUuid()", minArgs: 0, maxArgs: 0, call: () => randomUUID() };

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

function randomBigInt(below: bigint): bigint {
  // Rejection sampling over 64 random bits keeps the result uniform.
  const limit = 2n ** 64n - (2n ** 64n % below);
  for (;;) {
    const r = randomBytes(8).readBigUInt64BE();
    if (r < limit) return r % below;
  }
}

function longArg(value: string, what: string): bigint {
  if (!/^-?\d+$/.test(value)) throw new TemplateFunctionError("randomLong", `${what} must be a whole number, got "${value}"`);
  const n = BigInt(value);
  if (n < LONG_MIN || n > LONG_MAX) throw new TemplateFunctionError("randomLong", `${what} ${value} does not fit in a Java long`);
  return n;
}

/** No bounds: any long. min: min <= r < Long.MAX_VALUE. min, max: min <= r < max. */
const randomLong: TemplateFunction = {
  name: "randomLong",
  signature: "randomLong([min[,max]])",
  minArgs: 0,
  maxArgs: 2,
  checkLiteral: (index, value) => integerLiteralProblem(index === 0 ? "min" : "max", value),
  call: (args) => {
    if (args.length === 0) return randomBytes(8).readBigInt64BE().toString();
    const min = longArg(textArg(args, 0), "min");
    const max = args.length > 1 ? longArg(textArg(args, 1), "max") : LONG_MAX;
    if (max <= min) throw new TemplateFunctionError("randomLong", `max (${max}) must be greater than min (${min})`);
    return (min + randomBigInt(max - min)).toString();
  }
};

export const STRING_FUNCTIONS: TemplateFunction[] = [
  oneArgument("toLowerCase", (s) => s.toLowerCase()),
  oneArgument("toUpperCase", (s) => s.toUpperCase()),
  substring,
  replaceFunction("replaceAll", true),
  replaceFunction("replaceFirst", false),
  oneArgument("encodeBase64", (s) => Buffer.from(s, "utf8").toString("base64")),
  oneArgument("decodeBase64", decodeBase64),
  firstnonnull,
  createUuid,
  randomLong
];

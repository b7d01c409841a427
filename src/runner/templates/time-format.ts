// Java SimpleDateFormat patterns, in UTC and English, for the timeFormat*
// functions. Apigee formats all four functions in UTC (timeFormat and
// timeFormatMs used the local zone once; that is documented as deprecated).

import { TemplateFunctionError } from "./errors";
import { TemplateFunction, textArg } from "./function-types";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** Letters SimpleDateFormat knows but this formatter does not (locale week rules). */
const UNSUPPORTED_LETTERS = "YwW";
const SUPPORTED_LETTERS = "GyMLdHkKhmsSEuaDFzZX";

type Field = { kind: "literal"; text: string } | { kind: "field"; letter: string; count: number };

/** Splits a pattern into fields and literal text, or throws what is wrong with it. */
export function compileDatePattern(pattern: string): Field[] {
  const fields: Field[] = [];
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i];
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        fields.push({ kind: "literal", text: "'" });
        i += 2;
        continue;
      }
      let text = "";
      let j = i + 1;
      for (;;) {
        if (j >= pattern.length) throw new Error(`unterminated quote in date pattern "${pattern}"`);
        if (pattern[j] === "'") {
          if (pattern[j + 1] === "'") {
            text += "'";
            j += 2;
            continue;
          }
          break;
        }
        text += pattern[j++];
      }
      fields.push({ kind: "literal", text });
      i = j + 1;
    } else if (/[A-Za-z]/.test(c)) {
      let count = 1;
      while (pattern[i + count] === c) count++;
      if (UNSUPPORTED_LETTERS.includes(c)) throw new Error(`pattern letter '${c}' (week-based fields) is not supported by the local runner`);
      if (!SUPPORTED_LETTERS.includes(c)) throw new Error(`illegal pattern character '${c}' in date pattern "${pattern}"; quote literal letters, as in 'T'`);
      if (c === "X" && count > 3) throw new Error(`invalid ISO 8601 zone pattern "${c.repeat(count)}"; use X, XX or XXX`);
      fields.push({ kind: "field", letter: c, count });
      i += count;
    } else {
      fields.push({ kind: "literal", text: c });
      i++;
    }
  }
  return fields;
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

function text(full: string, count: number): string {
  return count >= 4 ? full : full.slice(0, 3);
}

function dayOfYear(d: Date): number {
  return Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86400000) + 1;
}

function formatField(d: Date, letter: string, count: number): string {
  const hour = d.getUTCHours();
  switch (letter) {
    case "G":
      return d.getUTCFullYear() > 0 ? "AD" : "BC";
    case "y": {
      const year = d.getUTCFullYear();
      return count === 2 ? pad(year % 100, 2) : pad(year, count);
    }
    case "M":
    case "L":
      return count >= 3 ? text(MONTHS[d.getUTCMonth()], count) : pad(d.getUTCMonth() + 1, count);
    case "d":
      return pad(d.getUTCDate(), count);
    case "H":
      return pad(hour, count);
    case "k":
      return pad(hour === 0 ? 24 : hour, count);
    case "K":
      return pad(hour % 12, count);
    case "h":
      return pad(hour % 12 === 0 ? 12 : hour % 12, count);
    case "m":
      return pad(d.getUTCMinutes(), count);
    case "s":
      return pad(d.getUTCSeconds(), count);
    case "S":
      return pad(d.getUTCMilliseconds(), count);
    case "E":
      return text(DAYS[d.getUTCDay()], count);
    case "u":
      return pad(d.getUTCDay() === 0 ? 7 : d.getUTCDay(), count);
    case "a":
      return hour < 12 ? "AM" : "PM";
    case "D":
      return pad(dayOfYear(d), count);
    case "F":
      return pad(Math.floor((d.getUTCDate() - 1) / 7) + 1, count);
    case "z":
      return count >= 4 ? "Coordinated Universal Time" : "UTC";
    case "Z":
      return "+0000";
    default:
      return "Z"; // X, X X, XXX: ISO 8601 writes a zero offset as Z
  }
}

export function formatJavaDate(pattern: string, epochMs: number): string {
  const d = new Date(epochMs);
  if (Number.isNaN(d.getTime())) throw new Error(`time ${epochMs} ms is out of range`);
  return compileDatePattern(pattern)
    .map((f) => (f.kind === "literal" ? f.text : formatField(d, f.letter, f.count)))
    .join("");
}

function timeFunction(name: string, unitMs: number): TemplateFunction {
  return {
    name,
    signature: `${name}(format,str)`,
    minArgs: 2,
    maxArgs: 2,
    checkLiteral: (index, value) => {
      if (index === 1) return /^-?\d+$/.test(value) ? null : `the time must be a whole number of ${unitMs === 1 ? "milliseconds" : "seconds"} since the epoch, got '${value}'`;
      try {
        compileDatePattern(value);
        return null;
      } catch (e) {
        return (e as Error).message;
      }
    },
    call: (args) => {
      const time = textArg(args, 1);
      if (!/^-?\d+$/.test(time)) {
        throw new TemplateFunctionError(name, `the time must be a whole number of ${unitMs === 1 ? "milliseconds" : "seconds"} since the epoch, got "${time}"`);
      }
      try {
        return formatJavaDate(textArg(args, 0), Number(time) * unitMs);
      } catch (e) {
        throw new TemplateFunctionError(name, (e as Error).message);
      }
    }
  };
}

export const TIME_FUNCTIONS: TemplateFunction[] = [
  timeFunction("timeFormat", 1000),
  timeFunction("timeFormatMs", 1),
  timeFunction("timeFormatUTC", 1000),
  timeFunction("timeFormatUTCMs", 1)
];

// Typed reading of YAML nodes. Each reader reports what it found wrong (with
// the field path and position) and returns undefined, so the caller carries
// on and the user sees every problem in one run.

import { isMap, isScalar, isSeq, Node, Scalar, YAMLMap, YAMLSeq } from "yaml";
import { closestMatch, didYouMean } from "./did-you-mean";
import { FieldPath } from "./problems";
import { YamlSource } from "./yaml-source";

/** One key of a mapping and its value (aliases resolved; null for a missing value). */
export interface Field {
  name: string;
  key: Node;
  value: Node | null;
  path: FieldPath;
}

/** Where to point for a problem with a field's value: the value, or the key when there is no value. */
export function valueAnchor(field: Field): Node {
  return field.value?.range ? field.value : field.key;
}

/**
 * A mapping's fields, first occurrence of each key. Reports duplicate keys,
 * and, when `allowed` is given, keys not allowed there (with "did you mean").
 */
export class MapView {
  private readonly fields = new Map<string, Field>();
  /** Allowed keys some misspelt key was taken for: not reported again as missing. */
  private readonly misspelt = new Set<string>();

  constructor(
    private readonly src: YamlSource,
    readonly node: YAMLMap,
    readonly path: FieldPath,
    allowed: readonly string[] | null,
    /** Extra advice for keys that are wrong here but right elsewhere. */
    advice: Readonly<Record<string, string>> = {}
  ) {
    const firstLines = new Map<string, number>();
    for (const pair of node.items) {
      const key = pair.key as Node;
      const name = isScalar(key) ? String(key.value) : "";
      const fieldPath = [...path, name];
      const line = src.position(key).line;
      const first = firstLines.get(name);
      if (first !== undefined) {
        src.report(key, fieldPath, `duplicate key '${name}' (first at line ${first}): each key may appear once in a mapping; remove or rename one of them`);
        continue;
      }
      firstLines.set(name, line);
      if (allowed !== null && !allowed.includes(name)) {
        this.reportUnknown(key, fieldPath, name, allowed, advice);
        continue;
      }
      this.fields.set(name, { name, key, value: src.resolve(pair.value), path: fieldPath });
    }
  }

  get(name: string): Field | undefined {
    return this.fields.get(name);
  }

  /** The field, or a "missing" problem (unless a misspelling of it was already reported). */
  require(name: string, expected: string): Field | undefined {
    const field = this.fields.get(name);
    if (field === undefined && !this.misspelt.has(name)) {
      this.src.report(this.node, [...this.path, name], `missing '${name}': expected ${expected}`);
    }
    return field;
  }

  entries(): Field[] {
    return [...this.fields.values()];
  }

  private reportUnknown(key: Node, path: FieldPath, name: string, allowed: readonly string[], advice: Readonly<Record<string, string>>): void {
    const match = closestMatch(name, allowed);
    if (match !== null) this.misspelt.add(match);
    const suggestion = match === null ? "" : ` Did you mean '${match}'?`;
    const extra = advice[name] === undefined ? "" : ` ${advice[name]}`;
    this.src.report(key, path, `unknown key '${name}'.${suggestion}${extra} Allowed here: ${allowed.join(", ")}`);
  }
}

export function describeNode(node: Node | null): string {
  if (node === null || (isScalar(node) && node.value === null)) return "nothing";
  if (isMap(node)) return "a mapping";
  if (isSeq(node)) return "a list";
  if (isScalar(node)) {
    if (typeof node.value === "string") return `'${node.value}'`;
    return `${typeof node.value} ${node.source ?? String(node.value)}`;
  }
  return "an unsupported YAML node";
}

/**
 * A scalar's text. Numbers and booleans are taken as written, so an account
 * ID such as 012345678901 keeps its leading zero and a 21-digit unique ID
 * keeps every digit (as a number it would be rounded).
 */
export function scalarText(node: Node | null): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  if (typeof node.value === "string") return node.value;
  if (node.type === Scalar.PLAIN && node.source !== undefined) return node.source;
  return String(node.value);
}

export function readString(src: YamlSource, field: Field, expected: string): string | undefined {
  const text = scalarText(field.value);
  if (text === undefined) src.report(valueAnchor(field), field.path, `expected ${expected}, found ${describeNode(field.value)}`);
  return text;
}

export function readBoolean(src: YamlSource, field: Field, meaning: string): boolean | undefined {
  if (isScalar(field.value) && typeof field.value.value === "boolean") return field.value.value;
  src.report(valueAnchor(field), field.path, `expected true or false (${meaning}), found ${describeNode(field.value)}; write it unquoted (YAML 1.2: yes/no/on/off are strings)`);
  return undefined;
}

export function readMap(src: YamlSource, field: Field, expected: string): YAMLMap | undefined {
  if (isMap(field.value)) return field.value;
  src.report(valueAnchor(field), field.path, `expected ${expected}, found ${describeNode(field.value)}`);
  return undefined;
}

export function readList(src: YamlSource, field: Field, expected: string): YAMLSeq | undefined {
  if (isSeq(field.value)) return field.value;
  src.report(valueAnchor(field), field.path, `expected ${expected}, found ${describeNode(field.value)}`);
  return undefined;
}

/** The source offset of character `index` of a scalar's value, exact for plain and unescaped quoted scalars. */
export function offsetInScalar(node: Node, index: number): number {
  const start = node.range ? node.range[0] : 0;
  if (!isScalar(node)) return start;
  if (node.type === Scalar.PLAIN) return start + index;
  if (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE) return start + 1 + index;
  return start;
}

/** Null when `text` is one of `choices`, else what was expected (with "did you mean"). */
export function choiceProblem(text: string, choices: readonly string[], what: string): string | null {
  if (choices.includes(text)) return null;
  return `unknown ${what} '${text}'.${didYouMean(text, choices)} Expected one of: ${choices.join(", ")}`;
}

/** A string field that `problemOf` accepts (null) or explains. */
export function readChecked(src: YamlSource, field: Field, expected: string, problemOf: (text: string) => string | null): string | undefined {
  const text = readString(src, field, expected);
  if (text === undefined) return undefined;
  const problem = problemOf(text);
  if (problem !== null) src.report(valueAnchor(field), field.path, problem);
  return problem === null ? text : undefined;
}

/** A string field that `parse` turns into a value, or explains with a problem string. */
export function readParsed<T extends object>(src: YamlSource, field: Field, expected: string, parse: (text: string) => T | string): T | undefined {
  const text = readString(src, field, expected);
  if (text === undefined) return undefined;
  const result = parse(text);
  if (typeof result !== "string") return result;
  src.report(valueAnchor(field), field.path, result);
  return undefined;
}

// A parsed message template: renders against flow variables.

import type { FlowValue } from "../../flow/flow-variables";
import { UnresolvedVariableError } from "./errors";
import type { ArgumentValue } from "./function-types";
import type { Argument, Part } from "./parser";

export type Lookup = (name: string) => FlowValue | string[];

export interface RenderOptions {
  lookup: Lookup;
  /** Unset variables render "" instead of throwing UnresolvedVariableError. */
  ignoreUnresolved: boolean;
  /** The runtime's clock, epoch milliseconds. */
  now: () => number;
}

export interface Template {
  /** Throws UnresolvedVariableError for an unset variable unless ignoreUnresolved. */
  render(options: RenderOptions): string;
  /** Every variable the template reads, function arguments included, in order. */
  variables(): string[];
  readonly source: string;
}

/** A variable as text: multi-value headers comma-joined, null when unset. */
function resolve(lookup: Lookup, name: string): string | null {
  const value = lookup(name);
  if (value === null || value === undefined) return null;
  return Array.isArray(value) ? value.join(",") : String(value);
}

class Unresolved {
  constructor(readonly variable: string) {}
}

export class ParsedTemplate implements Template {
  constructor(
    readonly source: string,
    private readonly parts: readonly Part[]
  ) {}

  render(options: RenderOptions): string {
    let out = "";
    for (const part of this.parts) {
      const value = this.renderPart(part, options.lookup);
      if (value instanceof Unresolved) {
        if (!options.ignoreUnresolved) throw new UnresolvedVariableError(value.variable);
      } else out += value;
    }
    return out;
  }

  variables(): string[] {
    const names: string[] = [];
    const add = (name: string) => {
      if (!names.includes(name)) names.push(name);
    };
    for (const part of this.parts) {
      if (part.kind === "variable") add(part.name);
      else if (part.kind === "call") for (const arg of part.args) if (arg.kind === "variable") add(arg.name);
    }
    return names;
  }

  private renderPart(part: Part, lookup: Lookup): string | Unresolved {
    switch (part.kind) {
      case "text":
        return part.text;
      case "variable":
        return resolve(lookup, part.name) ?? part.fallback ?? new Unresolved(part.name);
      case "call": {
        const values: ArgumentValue[] = part.args.map((arg) => argumentValue(arg, lookup));
        const unset = part.args.find((arg, i) => values[i] === null);
        if (unset && !part.fn.acceptsUnresolved) return new Unresolved(nameOf(unset));
        const result = part.fn.call(values);
        if (result !== null) return result;
        const firstVariable = part.args.find((arg) => arg.kind === "variable");
        return new Unresolved(firstVariable ? nameOf(firstVariable) : `${part.fn.name}()`);
      }
    }
  }
}

function argumentValue(arg: Argument, lookup: Lookup): ArgumentValue {
  if (arg.kind === "literal") return arg.value;
  return resolve(lookup, arg.name) ?? arg.fallback;
}

function nameOf(arg: Argument): string {
  return arg.kind === "variable" ? arg.name : arg.value;
}

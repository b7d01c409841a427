// Boolean laws over random conditions and random variable values: the
// connectives and parentheses behave as Boolean algebra, whatever the leaves.

import fc from "fast-check";
import { parseCondition } from "../../../src/runner/conditions";
import type { FlowValue } from "../../../src/runner/conditions";

const NAMES = ["a", "b.c", "d-e"];

const leaf = fc.oneof(
  fc.constantFrom(...NAMES),
  fc.tuple(fc.constantFrom(...NAMES), fc.constantFrom("=", "!=", ">", "<=", ":=", "=|", "~"), fc.constantFrom('"x"', '"1"', "1", "null", "true")).map(
    ([name, op, value]) => `${name} ${op} ${value}`
  )
);

/** Fully parenthesised, so the text's structure is the generated one. */
const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf.map((l) => `(${l})`),
    tie("e").map((x) => `(not ${x})`),
    fc.tuple(tie("e"), fc.constantFrom("and", "or", "&&", "||"), tie("e")).map(([l, op, r]) => `(${l} ${op} ${r})`)
  )
})).e;

const values = fc.record(
  Object.fromEntries(NAMES.map((n) => [n, fc.constantFrom<FlowValue>(null, "x", "X", "1", 1, 2, "true", true, false)]))
) as fc.Arbitrary<Record<string, FlowValue>>;

const truth = (text: string, vars: Record<string, FlowValue>) => parseCondition(text).evaluate((n) => vars[n] ?? null);

test("not not X is X", () => {
  fc.assert(fc.property(expr, values, (x, vars) => truth(`not not ${x}`, vars) === truth(x, vars)));
});

test("De Morgan: not (X and Y) is (not X) or (not Y)", () => {
  fc.assert(fc.property(expr, expr, values, (x, y, vars) => truth(`not (${x} and ${y})`, vars) === truth(`(not ${x}) or (not ${y})`, vars)));
});

test("and binds tighter than or: X or Y and Z is X or (Y and Z)", () => {
  fc.assert(fc.property(expr, expr, expr, values, (x, y, z, vars) => truth(`${x} or ${y} and ${z}`, vars) === truth(`${x} or (${y} and ${z})`, vars)));
});

test("every variable a condition reads is listed by variables()", () => {
  fc.assert(
    fc.property(expr, values, (x, vars) => {
      const read = new Set<string>();
      parseCondition(x).evaluate((n) => {
        read.add(n);
        return vars[n] ?? null;
      });
      const listed = parseCondition(x).variables();
      return [...read].every((n) => listed.includes(n));
    })
  );
});

// Building Apigee conditions. The runner refuses `not x = "a"` as ambiguous,
// so a negation always parenthesizes what it negates.

export function not(condition: string): string {
  return `not (${condition})`;
}

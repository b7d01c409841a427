// Reading Node HTTP messages the way the runner and the stand-ins need them:
// headers as received (order, case, repeats), and the whole body.

export { buffer as readWholeBody } from "node:stream/consumers";

/** Node's rawHeaders [name, value, name, value, ...] as pairs, in the order received. */
export function headerPairs(rawHeaders: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) out.push([rawHeaders[i], rawHeaders[i + 1]]);
  return out;
}

// The condition operators as the runner applies them to real requests: each
// row is a step condition, and the response says which steps ran.

import { writeProxy } from "../support/bundle-fixtures";
import { closeRunners, startRunner, TestRunner } from "../support/runner";

const ROWS: [string, boolean][] = [
  ['request.verb = "POST"', true],
  ['request.verb == "GET"', false],
  ['request.verb != "GET"', true],
  ['request.header.x-count > 9', true],
  ["request.header.x-count >= 10", true],
  ["request.header.x-count < 10", false],
  ["request.header.x-count <= 10", true],
  ['request.header.x-name := "ALICE"', true],
  ['request.header.x-name EqualsCaseInsensitive "alice"', true],
  ['proxy.pathsuffix Matches "/items/*"', true],
  ['proxy.pathsuffix ~ "/things/*"', false],
  ['proxy.pathsuffix MatchesPath "/items/*"', false],
  ['proxy.pathsuffix ~/ "/items/**"', true],
  ['proxy.pathsuffix JavaRegex "/items/[0-9]+/.*"', true],
  ['proxy.pathsuffix ~~ "/items/[a-z]+/.*"', false],
  ['proxy.pathsuffix StartsWith "/items"', true],
  ['request.verb = "POST" and request.header.x-name = "alice"', true],
  ['request.verb = "GET" or request.header.x-name = "alice"', true],
  ['not (request.verb = "POST")', false],
  ['!(request.header.x-missing = null)', false],
  ["request.header.x-missing = null", true],
  ['request.header.x-missing = "x"', false],
  ['(request.verb = "GET" or request.verb = "POST") and not (proxy.pathsuffix ~/ "/admin/**")', true]
];

let t: TestRunner;
beforeAll(async () => {
  const policies: Record<string, string> = {};
  const steps = ROWS.map(([condition], i) => {
    policies[`Row${i}`] = `<AssignMessage name="Row${i}"><AssignTo type="response">response</AssignTo><Add><Headers><Header name="x-ran">${i}</Header></Headers></Add></AssignMessage>`;
    const escaped = condition.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    return `<Step><Name>Row${i}</Name><Condition>${escaped}</Condition></Step>`;
  });
  t = await startRunner([writeProxy("conditions", { basePath: "/c", policies, request: steps })]);
});
afterAll(closeRunners);

test.each(ROWS.map(([c, expected], i) => [c, expected, i] as const))("%s → %s", async (_condition, expected, i) => {
  const r = await t.fetch("/c/items/42/detail", { method: "POST", headers: { "x-count": "10", "x-name": "alice" } });
  const ran = (r.headers.get("x-ran") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  expect(ran.includes(String(i))).toBe(expected);
});

// Helpers for the intent tests: a valid header to build intents on, and the
// problems parseIntent reports for a text.

import { IntentError, IntentProblem, parseIntent } from "../../src/intent/index";

/** aws, identity, auth and environments, valid; append a `proxies:` block. */
export const HEADER = `aws:
  account: "123456789012"
  region: us-east-1
identity:
  project: acme-apis
auth:
  jwt:
    issuer: https://auth.acme.example/
    audience: acme-apis
    jwksUri: https://auth.acme.example/.well-known/jwks.json
environments: [test, prod]
`;

/** Line number of the first line after HEADER. */
export const FIRST_LINE_AFTER_HEADER = HEADER.split("\n").length;

/** HEADER with `proxies:` and the given (already indented) proxy lines. */
export function withProxies(lines: string): string {
  return `${HEADER}proxies:\n${lines}`;
}

/** The problems parseIntent throws; fails the test if it accepts the text. */
export function problemsOf(text: string, file = "intent.yaml"): IntentProblem[] {
  try {
    parseIntent(text, file);
  } catch (error) {
    if (error instanceof IntentError) return error.problems;
    throw error;
  }
  throw new Error(`parseIntent accepted:\n${text}`);
}

/** The one problem reported; fails when there are none or several. */
export function onlyProblem(text: string): IntentProblem {
  const problems = problemsOf(text);
  if (problems.length !== 1) throw new Error(`expected one problem, got ${problems.length}:\n${problems.map((p) => `${p.line}:${p.column} ${p.path}: ${p.message}`).join("\n")}`);
  return problems[0];
}

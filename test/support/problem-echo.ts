// Problems as the tests read them. The caller's answer carries only a
// problem's type, title, status and Apigee's message ID; the full problem
// (detail, role ARN, upstream codes) is in a flow variable for the audit
// record. A test proxy echoes that variable in a response header from its
// DefaultFaultRule, so tests check both: the full problem, and that the
// caller saw nothing more than the four public members.

export const PROBLEM_DETAIL_HEADER = "x-problem-detail";

/** A policy and the DefaultFaultRule XML (for writeProxy's proxyExtra) that echo `variable` on every fault answer. */
export function problemDetailEcho(variable: string): { policies: Record<string, string>; proxyExtra: string } {
  return {
    policies: {
      "AM-EchoProblemDetail": `<AssignMessage name="AM-EchoProblemDetail"><AssignTo createNew="false" type="response">response</AssignTo><Set><Headers><Header name="${PROBLEM_DETAIL_HEADER}">{${variable}}</Header></Headers></Set><IgnoreUnresolvedVariables>true</IgnoreUnresolvedVariables></AssignMessage>`
    },
    proxyExtra: `<DefaultFaultRule name="echo-problem-detail"><AlwaysEnforce>true</AlwaysEnforce><Step><Name>AM-EchoProblemDetail</Name></Step></DefaultFaultRule>`
  };
}

/**
 * The full problem behind an answer, after checking that the caller's body
 * holds exactly type, title, status and the same message ID: nothing of the
 * detail or the extension members.
 */
export function fullProblem(body: string, detailHeader: string | null, about: "proxy" | "caller's request" = "proxy"): Record<string, unknown> {
  const client = JSON.parse(body) as Record<string, unknown>;
  if (detailHeader === null) throw new Error(`no ${PROBLEM_DETAIL_HEADER} header: does the test proxy echo the problem's detail variable?`);
  const full = JSON.parse(detailHeader) as Record<string, unknown>;
  // A problem with the caller's own request shows the caller its detail; no other problem does.
  const publicPart = { type: full.type, title: full.title, status: full.status, ...(about === "caller's request" ? { detail: full.detail } : {}), messageId: full.messageId };
  expect(client).toEqual(publicPart);
  expect(typeof full.messageId === "string" && (full.messageId as string).length > 0).toBe(true);
  const { messageId: _messageId, ...rest } = full;
  return rest;
}

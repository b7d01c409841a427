// RFC 9457 problem details, as the shared flows and generated proxies answer
// with them. The caller gets a stable type, the title, the status and
// Apigee's message ID, and the detail only when it speaks of the caller's own
// request (a bad key, a missing Content-Length): role ARNs, account IDs,
// service accounts and upstream messages stay inside, in the full problem the
// audit record and Debug read, joined to the answer by the message ID. Pure,
// so Node tests build bodies too; problem-flow.ts puts a problem in the flow.

export interface Problem {
  /** Appended to the type URN prefix: misconfigured, not-found, ... */
  kind: string;
  status: number;
  title: string;
  detail: string;
  /** Extension members: roleArn, s3ErrorCode, parameter, ... */
  members: { [name: string]: string | number };
  /** Seconds; 0 for none. */
  retryAfter: number;
  /** Whether the detail speaks of the caller's own request, so the caller may read it. */
  callerDetail: boolean;
}

export function problem(kind: string, status: number, title: string, detail: string): Problem {
  return { kind: kind, status: status, title: title, detail: detail, members: {}, retryAfter: 0, callerDetail: false };
}

/** A problem about the caller's own request: its detail is shown to the caller. */
export function callerProblem(kind: string, status: number, title: string, detail: string): Problem {
  var p = problem(kind, status, title, detail);
  p.callerDetail = true;
  return p;
}

/** Everything known about the problem, extension members included: for the audit record and Debug, never for the caller. */
export function problemBody(typePrefix: string, p: Problem, messageId?: string): string {
  var body: { [name: string]: string | number } = { type: typePrefix + p.kind, title: p.title, status: p.status, detail: p.detail };
  for (var name in p.members) {
    if (Object.prototype.hasOwnProperty.call(p.members, name)) body[name] = p.members[name];
  }
  if (messageId) body.messageId = messageId;
  return JSON.stringify(body);
}

/** What the caller reads: type, title, status, the message ID that finds the full problem in the audit record, and a detail about its own request. */
export function clientProblemBody(typePrefix: string, p: Problem, messageId: string): string {
  var body: { [name: string]: string | number } = { type: typePrefix + p.kind, title: p.title, status: p.status };
  if (p.callerDetail) body.detail = p.detail;
  if (messageId) body.messageId = messageId;
  return JSON.stringify(body);
}

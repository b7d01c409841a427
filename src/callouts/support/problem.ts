// RFC 9457 problem details, as the shared flows and generated proxies answer
// with them. Pure, so Node tests build bodies too; problem-flow.ts puts a
// problem in the flow for the answering policy.

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
}

export function problem(kind: string, status: number, title: string, detail: string): Problem {
  return { kind: kind, status: status, title: title, detail: detail, members: {}, retryAfter: 0 };
}

export function problemBody(typePrefix: string, p: Problem): string {
  var body: { [name: string]: string | number } = { type: typePrefix + p.kind, title: p.title, status: p.status, detail: p.detail };
  for (var name in p.members) {
    if (Object.prototype.hasOwnProperty.call(p.members, name)) body[name] = p.members[name];
  }
  return JSON.stringify(body);
}

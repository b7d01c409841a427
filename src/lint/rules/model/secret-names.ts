// Which flow variables hold secrets, and where a secret may be written.
// A name is judged by its last dot-separated segment, lower-cased without
// - and _: "private.aws.credentials.secretAccessKey" → "secretaccesskey".

/** Endings that name a secret. */
const SECRET_ENDINGS = [
  "secret",
  "secretkey",
  "secretaccesskey",
  "password",
  "passwd",
  "passphrase",
  "token",
  "accesskeyid",
  "privatekey",
  "authorization",
  "credentials",
  "credential"
];

/** Names that end like a secret but are not one (pagination cursors, idempotency keys, token metadata). */
const NOT_SECRET = ["continuationtoken", "nextcontinuationtoken", "nexttoken", "pagetoken", "nextpagetoken", "paginationtoken", "synctoken", "idempotencytoken", "clienttoken", "csrftoken", "xsrftoken"];

export function normalizedSegment(name: string): string {
  const segments = name.split(".");
  return segments[segments.length - 1].toLowerCase().replace(/[-_]/g, "");
}

/** Does this variable (or field) name say it holds a secret? */
export function isSecretName(name: string): boolean {
  const last = normalizedSegment(name);
  if (NOT_SECRET.indexOf(last) >= 0) return false;
  return SECRET_ENDINGS.some((ending) => last.endsWith(ending));
}

export function isPrivateName(name: string): boolean {
  return /^private\./.test(name.trim());
}

/** Where a value written to a variable goes. */
export type Destination = "private" | "outgoing-message" | "response" | "flow-variable";

/**
 * `private.*` is masked in Debug. Parts of the request or a request message
 * (`request.header.x`, `myRequest.header.x`, `request.content`, ...) are how
 * credentials reach AWS, so a secret may go there. Parts of the response go
 * to the client. Anything else is a plain flow variable, visible in Debug.
 */
export function destinationOf(name: string): Destination {
  const trimmed = name.trim();
  if (isPrivateName(trimmed)) return "private";
  const first = trimmed.split(".")[0].toLowerCase();
  const isMessagePart = /\.(header|headers|queryparam|queryparams|formparam|formparams)\.|\.(content|payload|verb|path|querystring|uri)$/i.test(trimmed);
  if (first === "response" || first === "error") return "response";
  if (isMessagePart || /^request\./i.test(trimmed)) return "outgoing-message";
  if (/^target\.url$/i.test(trimmed)) return "outgoing-message";
  return "flow-variable";
}

/** The variables a message template refers to: `{a.b}`, `{fn(a.b,'lit')}`. */
export function templateVariables(template: string): string[] {
  const out: string[] = [];
  for (const braces of template.matchAll(/\{([^{}]*)\}/g)) {
    const inner = braces[1].replace(/'[^']*'/g, "").replace(/"[^"]*"/g, "");
    const call = /^\s*[A-Za-z_]\w*\s*\((.*)\)\s*$/s.exec(inner);
    const args = call ? call[1].split(",") : [inner];
    for (const arg of args) {
      const name = arg.trim();
      if (/^[A-Za-z_][\w.-]*$/.test(name) && !/^(true|false|null|\d+)$/.test(name)) out.push(name);
    }
  }
  return out;
}

/** Does a JSONPath or XPath pick a secret field (SecretAccessKey, SessionToken, id_token, an SSM Parameter's Value, ...)? */
export function isSecretPath(expression: string): boolean {
  const fields = expression
    .split(/[^A-Za-z0-9_-]+/)
    .filter((f) => f !== "" && f !== "text" && f !== "node" && !/^\d+$/.test(f));
  const last = fields[fields.length - 1];
  if (last === undefined) return false;
  if (isSecretName(last)) return true;
  // SSM GetParameter(s): $.Parameter.Value, $.Parameters[0].Value, //Parameter/Value.
  return last === "Value" && fields.some((f) => f === "Parameter" || f === "Parameters");
}

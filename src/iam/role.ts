// A role's settings besides its policies: its description and session limit,
// and where its documents go. The build writes, per proxy and environment
// (src/output/aws-files.ts):
//   aws/<env>/<proxy>/trust-policy.json        who may assume the role
//   aws/<env>/<proxy>/permissions-policy.json  what the role may do (absent
//                                              when the intent determines
//                                              nothing)
//   aws/<env>/<proxy>/role.json                {name, maxSessionDuration, description}
// and for a caller-mode proxy's secrets role (which reads its SSM headers
// with the gateway identity) the same three under aws/<env>/<proxy>/secrets/.
// One folder per environment matches `apigee-aws dev --aws aws/<env>`, which
// reads <proxy>/trust-policy.json, permissions-policy.json and role.json.

/** AWS's default MaxSessionDuration, and the session aws-credentials asks for by default. */
export const MAX_SESSION_DURATION_SECONDS = 3600;
const DESCRIPTION_LIMIT = 1000;

/** The folder of a role's documents, relative to aws/. */
export function roleFolder(role: { env: string; proxy: string; purpose: "access" | "secrets" }): string {
  return role.purpose === "secrets" ? `${role.env}/${role.proxy}/secrets` : `${role.env}/${role.proxy}`;
}

/** The description IAM shows for the role: what it is for and why it has (or lacks) permissions. */
export function roleDescription(proxy: string, env: string, who: string, gap: string | null): string {
  const text = `apigee-aws: Apigee proxy ${proxy} in environment ${env}, ${who}.${gap === null ? "" : ` ${gap}`}`;
  // IAM accepts tab, newline, carriage return and Latin-1 printable characters in a role description.
  return text.replace(/[^\t\n\r\u0020-\u007E\u00A1-\u00FF]/g, "?").slice(0, DESCRIPTION_LIMIT);
}

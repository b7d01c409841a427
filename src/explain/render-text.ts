// The explanation for people: one section per proxy (the request path from
// the caller to AWS), then one per environment (the role, its trust
// conditions and permissions), wrapped at 100 columns. No colour: the text
// is meant to be read in a terminal, a review comment or a ticket alike.

import type { EnvironmentFacts, Explanation, ProxyFacts, RequestFacts, RoleDocumentFacts } from "./model";
import { TEXT_WIDTH, wrap } from "./wrap";

const L1 = "  ";
const L2 = "    ";
const L3 = "      ";
const MEANING_COLUMN_LIMIT = 48;

export function renderText(explanation: Explanation): string {
  const { intent, aws, environments, proxies } = explanation;
  const lines = wrap(`${intent}: ${places(aws)}; environments ${environments.join(", ")}; ${proxies.length} ${proxies.length === 1 ? "proxy" : "proxies"}.`, "");
  for (const proxy of proxies) lines.push("", ...proxySection(proxy));
  return `${lines.join("\n")}\n`;
}

/** "AWS account A, region R" while the explained environments share them, else each environment's. */
function places(aws: Explanation["aws"]): string {
  const [first, ...rest] = aws.environments;
  if (!first || rest.every((e) => e.account === first.account && e.region === first.region)) return `AWS account ${first?.account ?? aws.account}, region ${first?.region ?? aws.region}`;
  return `AWS ${aws.environments.map((e) => `${e.name} in account ${e.account}, region ${e.region}`).join("; ")}`;
}

function proxySection(p: ProxyFacts): string[] {
  const t = p.target;
  const target =
    t.kind === "s3"
      ? `${t.access}${t.delete ? " and delete" : ""} access to ${t.location}`
      : `${t.service} at ${t.url} (${t.region}), signed with SigV4`;
  const lines = wrap(`Proxy ${p.name}: base path ${p.basePath}, ${target}`, "", L2);
  lines.push(`${L1}Who may call`, ...callers(p));
  lines.push(`${L1}Requests`, ...requests(p.requests));
  lines.push(`${L1}Limits`, ...limits(p));
  lines.push(`${L1}CORS`, ...wrap(sentence(p.cors ? p.cors.meaning : "none: browsers refuse its answers to pages on other origins"), L2));
  lines.push(`${L1}Headers on the way to AWS`, ...headers(p));
  lines.push(`${L1}Answers`, ...wrap(sentence(p.answers.meaning), L2));
  lines.push(`${L1}Identity Apigee presents to AWS: ${p.identity.mode}`, ...wrap(sentence(p.identity.meaning), L2), ...wrap(`Needs ${p.identity.requirement}.`, L2));
  if (p.identity.mode === "caller") {
    lines.push(...wrap(`Warning: ${sentence(p.identity.withoutApigee)}`, L2));
    if (p.identity.secrets) lines.push(...wrap(sentence(p.identity.secrets), L2));
  }
  for (const env of p.environments) lines.push("", ...environmentSection(p.name, env));
  return lines;
}

function callers(p: ProxyFacts): string[] {
  const c = p.callers;
  if (c.kind === "public") return wrap("Anyone: auth is public, no token is checked.", L2);
  return wrap(
    `Callers that send ${c.credential}: a token signed (${c.algorithm}) by a key published at ${c.jwksUri}, with issuer (iss) ${c.issuer} and audience (aud) ${c.audience}, not expired (${c.clockAllowance} clock allowance), with exp and iat at most ${c.maxLifespan} apart. Anyone else gets ${c.refusal}.`,
    L2
  );
}

function requests(r: RequestFacts): string[] {
  const methodWidth = Math.max(...r.forms.map((f) => f.method.length));
  const pathWidth = Math.max(...r.forms.map((f) => f.path.length));
  const lines = r.forms.flatMap((f) => {
    const head = `${L2}${f.method.padEnd(methodWidth)} ${f.path.padEnd(pathWidth)}  `;
    // A long path, or a URL in the meaning, would leave a ragged narrow column: put the meaning underneath instead.
    const longestWord = Math.max(...f.meaning.split(/\s+/).map((w) => w.length));
    if (head.length > MEANING_COLUMN_LIMIT || head.length + longestWord > TEXT_WIDTH) return [head.trimEnd(), ...wrap(f.meaning, L3)];
    return wrap(f.meaning, head, " ".repeat(head.length));
  });
  if (r.refused.length) lines.push(`${L2}Answered by the proxy without calling AWS:`, ...r.refused.flatMap((x) => wrap(x, `${L3}- `, `${L3}  `)));
  for (const note of r.notes) lines.push(...wrap(`Note: ${sentence(note)}`, L2));
  return lines;
}

function limits(p: ProxyFacts): string[] {
  const { spikeArrest, quota } = p.limits;
  if (!spikeArrest && !quota) return wrap("None: no spike arrest and no quota.", L2);
  const lines: string[] = [];
  if (spikeArrest) lines.push(...wrap(`Spike arrest ${spikeArrest.rate}: ${spikeArrest.meaning}.`, L2));
  if (quota) lines.push(...wrap(`Quota ${quota.count}/${quota.unit}: ${quota.meaning}.`, L2));
  return lines;
}

function headers(p: ProxyFacts): string[] {
  const lines = wrap(sentence(p.headers.removed), L2);
  if (!p.headers.added.length) lines.push(`${L2}No headers are added.`);
  for (const h of p.headers.added) {
    const text = h.source === "literal" ? `${h.name}: ${h.value} (a fixed value)` : `${h.name}: ${h.meaning}`;
    lines.push(...wrap(text, `${L2}+ `, `${L2}  `));
  }
  return lines;
}

function environmentSection(proxy: string, env: EnvironmentFacts): string[] {
  const { account, region, regionVariable } = env.aws;
  const regionFrom = regionVariable ? ` (the bundle reads it from ${regionVariable})` : "";
  const lines = [`${L1}${proxy} in environment ${env.name}`, ...wrap(`AWS account ${account}, region ${region}${regionFrom}.`, L2), ...roleSection(proxy, env.name, env, "Role")];
  if (env.secrets) lines.push(...roleSection(proxy, env.name, env.secrets, "Secrets role (reads the SSM headers)"));
  return lines;
}

function roleSection(proxy: string, envName: string, env: RoleDocumentFacts, title: string): string[] {
  const role = env.role;
  const lines: string[] = [];
  lines.push(
    ...wrap(
      `${title} ${role.arn} (max session ${role.maxSessionDurationSeconds} s). The bundle passes it to aws-credentials from ${role.propertySet.variable}: the environment's property set ${role.propertySet.name}, written to ${role.propertySet.file}.`,
      L2
    )
  );
  if (role.serviceAccount) {
    const sa = role.serviceAccount;
    const others = sa.mayAssume.filter((r) => !r.startsWith(`${proxy} in ${envName}`));
    lines.push(
      ...wrap(
        `Deployed here with ${sa.email} (project ${sa.project}, unique ID ${sa.uniqueId ?? "not known yet"}), the one account the role trusts; ${others.length === 0 ? "that account may assume no other role." : `that account may also assume the roles of ${others.join(", ")}.`}`,
        L2
      )
    );
  }
  lines.push(`${L2}Trust (${env.trust.file}):`);
  for (const s of env.trust.statements) {
    const who = `${s.effect} ${s.actions.join(", ")} with ${s.principals.map((p) => p.meaning).join(", or ")}`;
    lines.push(...wrap(`${who}${s.conditions.length ? " only when:" : ", whatever the token says."}`, L3));
    for (const c of s.conditions) lines.push(...wrap(`${c.key}: ${c.meaning}`, `${L3}- `, `${L3}  `));
    for (const n of s.notes) lines.push(...wrap(`Note: ${sentence(n)}`, L3));
  }
  if (env.permissions.file === null) {
    lines.push(`${L2}Permissions: none written by the build.`, ...wrap(`The proxy ${env.permissions.gap}`, L3));
  } else {
    lines.push(`${L2}Permissions (${env.permissions.file}):`);
    for (const s of env.permissions.statements) lines.push(...wrap(`${s.summary}${s.purpose ? `; used for ${s.purpose}` : ""}`, `${L3}- `, `${L3}  `));
  }
  return lines;
}

/** "none: ..." → "None: ....": facts are phrases that fit inside other text; here they stand alone. */
function sentence(phrase: string): string {
  const text = phrase.charAt(0).toUpperCase() + phrase.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

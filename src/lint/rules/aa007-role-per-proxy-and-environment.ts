// AA007: one IAM role, and one Google service account, per proxy and
// environment. A role shared between environments lets a test deployment act
// on production data; a role shared between proxies gives each the other's
// permissions, and its CloudTrail entries no longer say which proxy acted. A
// service account shared the same way does the same one step earlier: every
// role trusts the account, so any bundle deployed with it can assume them all.
// Read from:
// - property sets: keys <proxy>.roleArn and <proxy>.serviceAccount in
//   env/<env>/propertysets/*.properties; an account serving proxies in two
//   environments is an error at each of its entries, one serving several
//   proxies of one environment a warning (identity per: environment);
// - literal aws.credentials.roleArn FlowCallout parameters in bundles (no
//   environment: the literal is used in every environment the bundle is
//   deployed to, reported when the roots hold two or more environments);
// - FlowCallouts to aws-credentials with aws.credentials.mode caller: a
//   warning, since such a role trusts any token of the issuer and audience,
//   and its holders can assume it at STS without going through Apigee;
// - aws/<env>/<proxy>/role.json: maxSessionDuration within IAM's 3600..43200,
//   and no role name twice.

import * as fs from "node:fs";
import { flowCalloutTarget } from "../../bundle/facts";
import { firstChild, positionOf, trimmedOwnText } from "../../bundle/xml";
import { parseProperties } from "../../common/properties";
import { BundleModel, loadBundle, PolicyFile } from "./model/bundle";
import { asGiven, LintRootContents } from "./model/lint-roots";
import { flowCalloutParameters, Parameter } from "./model/policies";
import { readRoleDocuments, RoleDocument } from "./model/role-documents";
import { positionAt } from "./model/text-position";
import { defineRule, RuleFinding } from "./rule";

export interface RoleUse {
  arn: string;
  /** null for a literal ARN in a bundle, which serves every environment. */
  env: string | null;
  proxy: string;
  file: string;
  line: number;
  column: number;
}

/** A Google service account a proxy is deployed with in one environment (`<proxy>.serviceAccount`). */
export interface AccountUse {
  account: string;
  env: string;
  proxy: string;
  file: string;
  line: number;
  column: number;
}

export const IAM_MIN_SESSION = 3600;
export const IAM_MAX_SESSION = 43200;
const PROXY_KEY = /^(.+)\.(roleArn|serviceAccount)$/;

function finding(file: string, at: { line: number; column: number }, message: string, severity?: 1 | 2): RuleFinding {
  return { ruleId: "AA007", file, line: at.line, column: at.column, message, ...(severity ? { severity } : {}) };
}

/** The line defining a key (the last one: later definitions win), 1-based; 1 when not found. */
function lineOfKey(text: string, key: string): number {
  let found = 1;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/^\s+/, "");
    if (line.startsWith(key) && /^\s*=/.test(line.slice(key.length))) found = i + 1;
  });
  return found;
}

/** A `<proxy>.roleArn` or `<proxy>.serviceAccount` entry of an environment's property set, where it is written. */
interface PropertyEntry {
  key: "roleArn" | "serviceAccount";
  value: string;
  env: string;
  proxy: string;
  file: string;
  line: number;
  column: number;
}

function propertyEntries(contents: LintRootContents, problems: RuleFinding[]): PropertyEntry[] {
  return contents.propertySets.flatMap(({ file, env }) => {
    const text = fs.readFileSync(file, "utf8");
    let props: Record<string, string>;
    try {
      props = parseProperties(text, file);
    } catch (e) {
      problems.push(finding(file, { line: 1, column: 1 }, `cannot read the property set, so its roles and service accounts were not checked: ${(e as Error).message}`, 1));
      return [];
    }
    return Object.entries(props).flatMap(([key, value]) => {
      const match = PROXY_KEY.exec(key);
      if (!match || !value) return [];
      return [{ key: match[2] as PropertyEntry["key"], value, env, proxy: match[1], file, line: lineOfKey(text, key), column: 1 }];
    });
  });
}

function roleUsesFromProperties(entries: PropertyEntry[]): RoleUse[] {
  return entries.filter((e) => e.key === "roleArn").map(({ value, env, proxy, file, line, column }) => ({ arn: value, env, proxy, file, line, column }));
}

function accountUsesFromProperties(entries: PropertyEntry[]): AccountUse[] {
  return entries.filter((e) => e.key === "serviceAccount").map(({ value, env, proxy, file, line, column }) => ({ account: value, env, proxy, file, line, column }));
}

/** A FlowCallout of a bundle below the lint roots, with its parameters. */
interface Callout {
  /** The proxy's name, or "shared flow <name>". */
  owner: string;
  bundle: BundleModel;
  /** The policy file in the form its root was given. */
  file: string;
  target: string | null;
  parameters: Parameter[];
}

function calloutsOf(contents: LintRootContents): Callout[] {
  return contents.bundles.flatMap((dir) => {
    const bundle = loadBundle(dir);
    const owner = bundle.kind === "sharedflowbundle" ? `shared flow ${bundle.name}` : bundle.name;
    return [...bundle.policies.values()]
      .filter((policy) => policy.type === "FlowCallout")
      .map((policy) => ({ owner, bundle, file: asGiven(dir, bundle.dir, policy.file), target: flowCalloutTarget(policy.root), parameters: flowCalloutParameters(policy) }));
  });
}

function roleUsesFromBundles(callouts: Callout[]): RoleUse[] {
  return callouts.flatMap(({ owner, file, parameters }) =>
    parameters.filter((p) => p.name === "aws.credentials.roleArn" && p.value).map((p) => ({ arn: p.value!, env: null, proxy: owner, file, ...positionOf(p.element) }))
  );
}

function where(use: Pick<RoleUse, "proxy" | "env">): string {
  const owner = use.proxy.startsWith("shared flow ") ? use.proxy : `proxy ${use.proxy}`;
  return use.env ? `${owner} in environment ${use.env}` : owner;
}

function describe(use: RoleUse): string {
  return `${use.file}:${use.line}`;
}

/** Findings for roles shared between environments or proxies; `envs` are the environments the roots hold. */
export function sharedRoleFindings(uses: RoleUse[], envs: string[]): RuleFinding[] {
  const out: RuleFinding[] = [];
  const byArn = new Map<string, RoleUse[]>();
  for (const use of uses) byArn.set(use.arn, [...(byArn.get(use.arn) ?? []), use]);
  for (const [arn, list] of byArn) {
    const sorted = [...list].sort((a, b) => (a.env ?? "").localeCompare(b.env ?? "") || a.file.localeCompare(b.file) || a.line - b.line);
    sorted.forEach((use, i) => {
      const conflicts = (other: RoleUse) => (use.env !== null && other.env !== null && use.env !== other.env) || use.proxy !== other.proxy;
      const first = sorted.slice(0, i).find(conflicts);
      if (!first) return;
      const otherEnv = use.env !== null && first.env !== null && use.env !== first.env;
      const otherProxy = use.proxy !== first.proxy;
      const kinds = otherEnv && otherProxy ? "environments and proxies" : otherEnv ? "environments" : "proxies";
      out.push(
        finding(
          use.file,
          use,
          `${arn} is the role of ${where(use)} and also of ${where(first)} (${describe(first)}); a role shared between ${kinds} ` +
            "mixes their permissions and audit trail: give each proxy and environment its own role, e.g. apigee-<proxy>-<env>."
        )
      );
    });
  }
  for (const use of uses.filter((u) => u.env === null)) {
    if (envs.length < 2) continue;
    out.push(
      finding(
        use.file,
        use,
        `${where(use)} names its role literally (${use.arn}), so every environment (${envs.join(", ")}) would use it: ` +
          `read it from the environment's property set instead (ref="propertyset.apigeeaws.<proxy>.roleArn").`
      )
    );
  }
  return out;
}

const ACCOUNT_FIX =
  "give each proxy and environment its own account with identity: {project: GOOGLE_PROJECT} in the intent, " +
  "or, if the sharing is deliberate, accept it in a lint baseline (apigee-aws lint --baseline FILE).";

/**
 * Findings for service accounts that serve more than one proxy or
 * environment, one at each entry: an error when the account serves two
 * environments (code deployed in one can assume the other's roles), a
 * warning when it serves several proxies of one environment. The same proxy
 * and environment written twice is not sharing.
 */
export function sharedAccountFindings(uses: AccountUse[]): RuleFinding[] {
  const byAccount = new Map<string, AccountUse[]>();
  for (const use of uses) {
    const key = use.account.trim().toLowerCase();
    byAccount.set(key, [...(byAccount.get(key) ?? []), use]);
  }
  return [...byAccount.values()].flatMap((list) => {
    const served = new Map<string, Set<string>>();
    for (const use of list) served.set(use.env, (served.get(use.env) ?? new Set<string>()).add(use.proxy));
    const envs = [...served.keys()].sort();
    const proxiesIn = (env: string) => [...served.get(env)!].sort().join(", ");
    const count = envs.reduce((n, env) => n + served.get(env)!.size, 0);
    if (count < 2) return [];
    const account = list[0].account;
    const sorted = [...list].sort((a, b) => a.env.localeCompare(b.env) || a.file.localeCompare(b.file) || a.line - b.line);
    if (envs.length === 1) {
      const message = `service account ${account} serves ${count} proxies in environment ${envs[0]} (${proxiesIn(envs[0])}): any bundle deployed with it can assume all their roles; ${ACCOUNT_FIX}`;
      return sorted.map((use) => finding(use.file, use, message, 1));
    }
    const servedList = envs.map((env) => `${env}: ${proxiesIn(env)}`).join("; ");
    return sorted.map((use) => {
      const others = envs.filter((env) => env !== use.env).map((env) => `${env}'s`);
      return finding(
        use.file,
        use,
        `service account ${account} serves proxies in ${envs.length} environments (${servedList}): any bundle deployed with it can assume all their roles, ` +
          `so code deployed in ${use.env} can assume ${others.join(" and ")} roles; ${ACCOUNT_FIX}`,
        2
      );
    });
  });
}

/** A literal child element's text ("" when it is missing or reads a variable with ref=). */
function literalChild(policy: PolicyFile, name: string): string {
  const el = firstChild(policy.root, name);
  return el && !el.getAttribute("ref") ? trimmedOwnText(el) : "";
}

/** Who holds a token the bundle accepts: its VerifyJWT policies' issuer and audience, when they all name the same literal ones. */
function tokenHolders(bundle: BundleModel): string {
  const pinned = [...bundle.policies.values()]
    .filter((p) => p.type === "VerifyJWT")
    .map((p) => ({ issuer: literalChild(p, "Issuer"), audience: literalChild(p, "Audience") }));
  const one = pinned[0];
  if (one && one.issuer && one.audience && pinned.every((p) => p.issuer === one.issuer && p.audience === one.audience)) {
    return `anyone holding a valid token from ${one.issuer} for audience ${one.audience}`;
  }
  return "anyone holding a valid token of the proxy's issuer and audience";
}

/** A warning at each aws.credentials.mode caller parameter of a FlowCallout to aws-credentials. */
function callerModeFindings(callouts: Callout[]): RuleFinding[] {
  return callouts
    .filter((c) => c.target === "aws-credentials")
    .flatMap((callout) =>
      callout.parameters
        .filter((p) => p.name === "aws.credentials.mode" && p.value === "caller")
        .map((p) =>
          finding(
            callout.file,
            positionOf(p.element),
            `${where({ proxy: callout.owner, env: null })} exchanges the caller's token for its role (aws.credentials.mode caller): ${tokenHolders(callout.bundle)} ` +
              "can call STS AssumeRoleWithWebIdentity for that role directly, skipping the proxy's quota, method guard and key validation; " +
              "keep the role's permissions to what every such token holder may do, and pin more than aud (a sub condition) in its trust policy.",
            1
          )
        )
    );
}

function positionOfKey(text: string, key: string): { line: number; column: number } {
  const at = text.search(new RegExp(`"${key}"\\s*:`));
  return at < 0 ? { line: 1, column: 1 } : positionAt(text, at);
}

function roleDocumentFindings(docs: RoleDocument[]): RuleFinding[] {
  const out: RuleFinding[] = [];
  for (const doc of docs) {
    const value = doc.maxSessionDuration;
    if (value === undefined) continue;
    if (typeof value !== "number" || !Number.isInteger(value) || value < IAM_MIN_SESSION || value > IAM_MAX_SESSION) {
      out.push(
        finding(
          doc.role.file,
          positionOfKey(doc.text, "maxSessionDuration"),
          `maxSessionDuration ${JSON.stringify(value)} is outside IAM's ${IAM_MIN_SESSION}..${IAM_MAX_SESSION} seconds: IAM refuses to create the role. Set it within that range.`
        )
      );
    }
  }
  const byName = new Map<string, RoleDocument>();
  for (const doc of [...docs].sort((a, b) => a.role.file.localeCompare(b.role.file))) {
    if (!doc.name) continue;
    const first = byName.get(doc.name);
    if (!first) {
      byName.set(doc.name, doc);
      continue;
    }
    if (first.role.env === doc.role.env && first.role.proxy === doc.role.proxy) continue;
    out.push(
      finding(
        doc.role.file,
        positionOfKey(doc.text, "name"),
        `role ${doc.name} (environment ${doc.role.env}, proxy ${doc.role.proxy}) is also the role of environment ${first.role.env}, proxy ${first.role.proxy} (${first.role.file}): ` +
          "give each proxy and environment its own role."
      )
    );
  }
  return out;
}

/** Read problems first (property sets, then role.json files), as a warning each: the rest of the check goes on without them. */
function checkRoles(contents: LintRootContents): RuleFinding[] {
  const problems: RuleFinding[] = [];
  const entries = propertyEntries(contents, problems);
  const callouts = calloutsOf(contents);
  const uses = [...roleUsesFromProperties(entries), ...roleUsesFromBundles(callouts)];
  const envs = [...new Set(contents.propertySets.map((p) => p.env))].sort();
  const roles = readRoleDocuments(contents.roles);
  for (const { role, reason } of roles.unreadable) problems.push(finding(role.file, { line: 1, column: 1 }, `is not JSON, so the role was not checked: ${reason}`, 1));
  return [
    ...problems,
    ...sharedRoleFindings(uses, envs),
    ...sharedAccountFindings(accountUsesFromProperties(entries)),
    ...callerModeFindings(callouts),
    ...roleDocumentFindings(roles.documents)
  ];
}

export const rule = defineRule({
  id: "AA007",
  name: "role-per-proxy-and-environment",
  severity: 2,
  severityNote: "warning for an account shared within one environment and for caller-mode roles",
  summary:
    "Each IAM role and each Google service account serves one proxy in one environment, role.json keeps maxSessionDuration within IAM's 3600..43200, " +
    "and caller-mode roles, which token holders can assume without Apigee, are pointed out.",
  fix:
    "Give each proxy and environment its own role (apigee-<proxy>-<env>) and service account (identity: {project: GOOGLE_PROJECT}) in the environment's property set, " +
    "set maxSessionDuration to 3600..43200, and keep a caller-mode role's permissions to what any token holder may do.",
  checkProject: checkRoles
});

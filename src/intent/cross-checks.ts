// Checks across proxies: what no single proxy can see.

import { isMap, isScalar, type Node } from "yaml";
import { didYouMean } from "./did-you-mean";
import type { Intent } from "./model";
import type { Field } from "./reader";
import { ProxyDraft } from "./proxy";
import { YamlSource } from "./yaml-source";

export function checkAcrossProxies(src: YamlSource, drafts: readonly ProxyDraft[]): void {
  checkProxyNamesDifferInMoreThanCase(src, drafts);
  checkBasePathsUnique(src, drafts);
  warnNestedBasePaths(src, drafts);
  checkRoleNamesUnique(src, drafts);
}

/** Segments of a base path: "/" has none, "/a/b" has a and b. */
function segments(basePath: string): string[] {
  return basePath.split("/").filter((s) => s !== "");
}

/** Whether every request to `inner` also falls under `outer` (segment by segment; Apigee's "*" matches any one segment). */
function isWithin(inner: string[], outer: string[]): boolean {
  return outer.length < inner.length && outer.every((s, i) => s === "*" || s === inner[i]);
}

/**
 * Apigee routes each request to the longest matching base path, so with /a
 * and /a/b the paths under /a/b never reach the proxy on /a: for an S3 proxy
 * on /a, every key under b/ is out of reach. Allowed, but rarely meant.
 */
function warnNestedBasePaths(src: YamlSource, drafts: readonly ProxyDraft[]): void {
  const placed = drafts.filter((d): d is ProxyDraft & { basePath: NonNullable<ProxyDraft["basePath"]> } => d.basePath !== undefined);
  for (const inner of placed) {
    for (const outer of placed) {
      if (inner === outer || !isWithin(segments(inner.basePath.value), segments(outer.basePath.value))) continue;
      src.warn(
        inner.basePath.anchor,
        [...inner.path, "basePath"],
        `base path ${inner.basePath.value} is inside proxy '${outer.name}''s base path ${outer.basePath.value} (line ${src.position(outer.basePath.anchor).line}); Apigee sends every request under ${inner.basePath.value} to '${inner.name}', so '${outer.name}' never sees those paths. Give them separate base paths if that is not meant`
      );
    }
  }
}

/** Proxy names become folder names and parts of IAM role names, which are both case-insensitive. */
function checkProxyNamesDifferInMoreThanCase(src: YamlSource, drafts: readonly ProxyDraft[]): void {
  const seen = new Map<string, ProxyDraft>();
  for (const draft of drafts) {
    const first = seen.get(draft.name.toLowerCase());
    if (first === undefined) seen.set(draft.name.toLowerCase(), draft);
    else src.report(draft.key, draft.path, `proxy '${draft.name}' differs from proxy '${first.name}' (line ${src.position(first.key).line}) only in case; folder and IAM role names ignore case: rename one`);
  }
}

/** Every proxy is deployed to every environment, and Apigee routes by base path: two proxies cannot share one. */
function checkBasePathsUnique(src: YamlSource, drafts: readonly ProxyDraft[]): void {
  const seen = new Map<string, { proxy: string; line: number }>();
  for (const draft of drafts) {
    if (draft.basePath === undefined) continue;
    const first = seen.get(draft.basePath.value);
    if (first === undefined) {
      seen.set(draft.basePath.value, { proxy: draft.name, line: src.position(draft.basePath.anchor).line });
      continue;
    }
    src.report(
      draft.basePath.anchor,
      [...draft.path, "basePath"],
      `base path ${draft.basePath.value} is also the base path of proxy '${first.proxy}' (line ${first.line}); Apigee routes each base path to one proxy: set a different basePath on one of them`
    );
  }
}

/** IAM role names are unique per account, ignoring case; each role carries one proxy's policy in one environment. */
function checkRoleNamesUnique(src: YamlSource, drafts: readonly ProxyDraft[]): void {
  const seen = new Map<string, { proxy: string; env: string; line: number }>();
  for (const draft of drafts) {
    if (draft.roles === undefined) continue;
    for (const [env, name] of Object.entries(draft.roles.names)) {
      const anchor = draft.roles.anchors[env];
      const first = seen.get(name.toLowerCase());
      if (first === undefined) {
        seen.set(name.toLowerCase(), { proxy: draft.name, env, line: src.position(anchor).line });
        continue;
      }
      const other = first.proxy === draft.name ? `environment ${first.env}` : `proxy '${first.proxy}' in ${first.env}`;
      src.report(anchor, [...draft.path, "role"], `role '${name}' for ${env} is also the role of ${other} (line ${first.line}); IAM role names are unique (ignoring case) and each role holds one proxy's permissions in one environment: give each its own role`);
    }
  }
}

/** Gateway mode exchanges a Google ID token of the runtime's service account: the roles trust its unique ID. */
export function checkGatewayIdentity(src: YamlSource, drafts: readonly ProxyDraft[], identity: Intent["identity"] | undefined): void {
  if (identity !== null) return;
  const gateway = drafts.filter((d) => d.identity === "gateway").map((d) => d.name);
  if (gateway.length === 0) return;
  const one = gateway.length === 1;
  src.report(
    src.doc.contents,
    ["identity"],
    `missing 'identity': ${one ? "proxy" : "proxies"} ${gateway.join(", ")} ${one ? "uses" : "use"} identity: gateway (the default), whose IAM roles trust a Google service account of the proxy's own in each environment. ` +
      "Add 'identity: {project: GOOGLE_PROJECT}' (the project the Terraform creates the accounts in), " +
      `or set identity: caller on ${one ? "it" : "them"}`
  );
}

/** identity.projects names environments of the intent. */
export function checkIdentityProjects(src: YamlSource, identityField: Field | undefined, identity: Intent["identity"] | undefined, environments: readonly string[] | undefined): void {
  if (!identityField || !identity || identity.per === "shared" || environments === undefined || !isMap(identityField.value)) return;
  const projectsNode = identityField.value.get("projects", true);
  if (!isMap(projectsNode)) return;
  for (const pair of projectsNode.items) {
    const env = isScalar(pair.key) ? String(pair.key.value) : "";
    if (environments.includes(env)) continue;
    src.report(pair.key as Node, [...identityField.path, "projects", env], `'${env}' is not one of the environments (${environments.join(", ")}).${didYouMean(env, environments)} Name an environment, whose accounts then live in that project`);
  }
}

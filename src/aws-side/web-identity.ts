// Who may assume a proxy's role, as IAM names it. Google is built into IAM
// ("accounts.google.com", no provider to create, condition keys
// accounts.google.com:aud/oaud/sub); any other issuer needs an IAM OIDC
// provider whose name is the issuer URL without "https://" (kept exactly,
// a trailing "/" included, since STS looks the provider up by the token's
// iss) and whose client IDs include every audience a role trusts.

import { UserError } from "../common/user-error";
import type { Intent, ProxyIntent } from "../intent/model";
import { byCodeUnit } from "./policy-json";
import { where } from "./checks";

export const GOOGLE_PROVIDER = "accounts.google.com";

/** The IAM OIDC provider a caller-mode issuer needs. */
export interface OidcProvider {
  /** The issuer URL exactly as in the tokens' iss, e.g. "https://login.example.com/realms/x". */
  url: string;
  /** "login.example.com/realms/x": the provider's name in its ARN and the condition-key prefix. */
  name: string;
  arn: string;
  /** Audiences (client IDs) the provider accepts: every caller-mode audience for this issuer, sorted. */
  clientIds: string[];
}

/** The caller's verified JWT settings; caller mode has nothing to federate without them. */
export function callerJwt(proxy: ProxyIntent): { issuer: string; audience: string } {
  if (proxy.auth.kind !== "jwt") {
    throw new UserError(`${where(proxy)} uses identity "caller" but auth is public: caller mode exchanges the caller's verified JWT, so add auth.jwt or use identity "gateway".`);
  }
  return proxy.auth.jwt;
}

/** Issuer URL → provider name: "https://" dropped, nothing else changed. */
export function providerName(issuer: string, proxy: ProxyIntent): string {
  // Google ID tokens carry iss "https://accounts.google.com" or "accounts.google.com"; both are IAM's built-in provider.
  if (issuer === GOOGLE_PROVIDER || issuer === `https://${GOOGLE_PROVIDER}`) return GOOGLE_PROVIDER;
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new UserError(`${where(proxy)}: JWT issuer "${issuer}" is not a URL; IAM OIDC providers need the https:// issuer URL of the tokens' iss claim.`);
  }
  if (url.protocol !== "https:" || url.port !== "" || url.search !== "" || url.hash !== "" || url.username !== "" || url.password !== "") {
    throw new UserError(`${where(proxy)}: JWT issuer "${issuer}" must be an https:// URL without port, query or fragment, as IAM OIDC providers require.`);
  }
  if (!/^https:\/\/[^/]/.test(issuer) || /[*?]|\$\{/.test(issuer)) {
    throw new UserError(`${where(proxy)}: JWT issuer "${issuer}" cannot name an IAM OIDC provider; write it as in the tokens' iss, e.g. https://login.example.com/realms/apigee.`);
  }
  return issuer.slice("https://".length);
}

export function federatedPrincipal(intent: Intent, name: string): string {
  return name === GOOGLE_PROVIDER ? GOOGLE_PROVIDER : `arn:aws:iam::${intent.aws.account}:oidc-provider/${name}`;
}

/** The OIDC providers the caller-mode proxies need, by issuer, sorted; Google needs none. */
export function oidcProviders(intent: Intent): OidcProvider[] {
  const byName = new Map<string, { url: string; audiences: Set<string> }>();
  for (const proxy of intent.proxies.filter((p) => p.identity === "caller")) {
    const { issuer, audience } = callerJwt(proxy);
    const name = providerName(issuer, proxy);
    if (name === GOOGLE_PROVIDER) continue;
    const entry = byName.get(name) ?? { url: issuer, audiences: new Set<string>() };
    if (audience.length > 255) throw new UserError(`${where(proxy)}: JWT audience "${audience}" is longer than the 255 characters an IAM OIDC provider client ID may have.`);
    entry.audiences.add(audience);
    if (entry.audiences.size > 100) throw new UserError(`${where(proxy)}: issuer ${issuer} would need more than 100 audiences, IAM's limit per OIDC provider; let proxies share audiences.`);
    byName.set(name, entry);
  }
  return [...byName.entries()]
    .sort(([a], [b]) => byCodeUnit(a, b))
    .map(([name, { url, audiences }]) => ({ url, name, arn: federatedPrincipal(intent, name), clientIds: [...audiences].sort(byCodeUnit) }));
}
